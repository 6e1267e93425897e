package cn.tongban.trust.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import cn.tongban.trust.pki.Certificates;

/** Named trust-anchor sets: per licence type, issuing authority, seal-making authority or region. */
public final class TrustAnchors {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private final Map<String, TrustAnchorSet> sets;

    private TrustAnchors(Map<String, TrustAnchorSet> sets) {
        this.sets = Map.copyOf(sets);
    }

    public static TrustAnchors of(TrustAnchorSet... sets) {
        Map<String, TrustAnchorSet> byName = new LinkedHashMap<>();
        for (TrustAnchorSet set : sets) {
            if (byName.put(set.name(), set) != null) {
                throw new IllegalArgumentException("duplicate trust-anchor set " + set.name());
            }
        }
        return new TrustAnchors(byName);
    }

    /** The set named {@code name}, e.g. {@code "region:310000"}. */
    public Optional<TrustAnchorSet> get(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    public Set<String> names() {
        return sets.keySet();
    }

    /**
     * Loads one set per sub-directory of {@code root}; the directory name is the set name, with the first
     * {@code _} standing for {@code :} (file systems that forbid colons), so {@code region_310000} is
     * {@code region:310000}. Each regular file holds one DER certificate or any number of PEM certificates, except
     * {@value AnchorSetPolicy#FILE}, which holds the set's {@link AnchorSetPolicy}.
     */
    public static TrustAnchors load(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            List<TrustAnchorSet> sets = new ArrayList<>();
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString().replaceFirst("_", ":");
                sets.add(loadSet(name, dir));
            }
            return of(sets.toArray(TrustAnchorSet[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trust anchors under " + root, e);
        }
    }

    /** One set from the PEM/DER files directly in {@code directory}, with its {@value AnchorSetPolicy#FILE}. */
    public static TrustAnchorSet loadSet(String name, Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            Set<X509Certificate> certificates = new HashSet<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (!file.getFileName().toString().equals(AnchorSetPolicy.FILE)) {
                    certificates.addAll(parse(Files.readAllBytes(file)));
                }
            }
            return new TrustAnchorSet(name, certificates, AnchorSetPolicy.load(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trust anchors in " + directory, e);
        }
    }

    /** PEM blocks (RFC 7468 §5) or one DER certificate; always parsed by Bouncy Castle so SM2 anchors load. */
    public static List<X509Certificate> parse(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII);
        Matcher matcher = PEM.matcher(text);
        List<X509Certificate> certificates = new ArrayList<>();
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1).replaceAll("\\s", ""));
            certificates.add(Certificates.parse(der, true));
        }
        if (certificates.isEmpty()) {
            certificates.add(Certificates.parse(content, true));
        }
        return certificates;
    }
}
