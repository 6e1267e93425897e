package cn.tongban.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.tongban.server.seals.SealsProperties;

/**
 * On start, warns (once per file, at WARN) about every key file that someone other than its owner may read: the
 * platform PKI's key stores, private keys and store password ({@code ca.p12}, {@code server.p12},
 * {@code clients/*.key|.p12}, {@code store-password}), the audit log's keys, the demo seal keys, and the configured
 * seal-making and signing key stores. Files Tongban writes itself are owner-only from creation
 * ({@link OwnerOnlyFiles}); this catches files copied in, restored from a backup or made by an older version. The
 * server still starts: the message says which file and what to run. Certificates and the trust store are public and
 * not checked; a file's content is never read.
 */
@Component
public class KeyFileModeCheck {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFileModeCheck.class);

    private final TongbanProperties tongban;
    private final SealsProperties seals;

    public KeyFileModeCheck(TongbanProperties tongban, SealsProperties seals) {
        this.tongban = tongban;
        this.seals = seals;
    }

    @EventListener(ApplicationStartedEvent.class)
    void warnOnStart() {
        List<Path> extra = new ArrayList<>();
        if (seals.maker() != null && seals.maker().keyStore() != null) {
            extra.add(seals.maker().keyStore());
        }
        if (seals.signers() != null) {
            seals.signers().values().stream()
                    .filter(r -> r != null && r.keyStore() != null)
                    .forEach(r -> extra.add(r.keyStore()));
        }
        warn(tongban.pki().dir(), extra);
    }

    /** Logs one warning per key file open to others under {@code pkiDir} or among {@code extra}; returns them. */
    public static List<String> warn(Path pkiDir, Collection<Path> extra) {
        List<String> warnings = new ArrayList<>();
        for (Path file : keyFiles(pkiDir, extra)) {
            if (OwnerOnlyFiles.openToOthers(file)) {
                String message = "Key file " + file.toAbsolutePath() + " is readable by others (mode "
                        + OwnerOnlyFiles.mode(file) + "): run `chmod 600 " + file.toAbsolutePath() + "`";
                LOG.warn(message);
                warnings.add(message);
            }
        }
        return warnings;
    }

    static List<Path> keyFiles(Path pkiDir, Collection<Path> extra) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(pkiDir)) {
            try (Stream<Path> walk = Files.walk(pkiDir, 3)) {
                walk.filter(Files::isRegularFile)
                        .filter(KeyFileModeCheck::secret)
                        .sorted()
                        .forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                LOG.warn(
                        "Cannot list {} to check its key files' modes ({})",
                        pkiDir.toAbsolutePath(),
                        e.getClass().getSimpleName());
            }
        }
        extra.stream()
                .filter(Files::isRegularFile)
                .filter(f -> !files.contains(f))
                .forEach(files::add);
        return files;
    }

    /** Key stores, PEM private keys and secrets; not certificates, public keys, the trust store or the anchors. */
    static boolean secret(Path file) {
        String name = file.getFileName().toString();
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("anchors")) {
                return false;
            }
        }
        if (name.equals("truststore.p12") || name.endsWith(".pub.pem")) {
            return false;
        }
        return name.endsWith(".p12")
                || name.endsWith(".pfx")
                || name.endsWith(".key")
                || name.endsWith(".pem")
                || name.equals("store-password");
    }
}
