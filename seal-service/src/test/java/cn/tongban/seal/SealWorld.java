package cn.tongban.seal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import cn.tongban.fixtures.pki.Issued;
import cn.tongban.fixtures.pki.LeafProfile;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.custody.KeyCustody;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.make.SealMaker;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.trust.PathValidatingJudge;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.validation.CertificateSource;
import cn.tongban.trust.validation.InMemoryRevocationCache;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.RevocationChecker;
import cn.tongban.trust.validation.TrustAnchorSet;

/**
 * A seal-making authority, a signer and a seal, all from a {@link TestPki} made at test time, plus the real
 * {@link PathValidatingJudge} with revocation from the PKI's CRLs (served in-process, no network).
 */
public final class SealWorld {

    public final TestPki pki;
    public final SigningKey maker;
    public final SigningKey signer;
    public final byte[] seal;

    public SealWorld(KeyAlgorithm algorithm) {
        this(algorithm, Clock.systemUTC());
    }

    public SealWorld(KeyAlgorithm algorithm, Clock clock) {
        pki = TestPki.builder(clock, algorithm)
                .publishedAt(URI.create("http://pki.invalid/"))
                .build();
        maker = key("maker", pki.sealMaker());
        signer = key("signer", pki.documentSigner());
        seal = makeSeal(
                "tb-seal-" + algorithm.name().toLowerCase(Locale.ROOT),
                signer,
                clock.instant().minus(1, ChronoUnit.DAYS),
                clock.instant().plus(365, ChronoUnit.DAYS),
                picture());
    }

    public static SigningKey key(String alias, Issued issued) {
        return KeyCustody.software(alias, issued.privateKey(), issued.chain());
    }

    /** Another signer of the same PKI, not listed in {@link #seal}. */
    public SigningKey otherSigner() {
        return key("other", pki.issueLeaf("other-signer", LeafProfile.DOCUMENT_SIGNER));
    }

    public byte[] makeSeal(String esId, SigningKey forSigner, Instant validStart, Instant validEnd, byte[] png) {
        try {
            return new SealMaker(maker)
                    .make(new SealRequest(
                            "TongbanTest",
                            esId,
                            1,
                            "通办测试专用章",
                            SealRequest.CertListType.CERTIFICATES,
                            List.of(Bytes.of(forSigner.certificate().getEncoded())),
                            validStart,
                            validStart,
                            validEnd,
                            "PNG",
                            Bytes.of(png),
                            40,
                            40,
                            List.of()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A seal of {@link #signer} with an SVG picture, valid for 30 days from now. */
    public byte[] makeSvgSeal(String esId, String svg) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            return new SealMaker(maker)
                    .make(new SealRequest(
                            "TongbanTest",
                            esId,
                            1,
                            "通办测试专用章",
                            SealRequest.CertListType.CERTIFICATES,
                            List.of(Bytes.of(signer.certificate().getEncoded())),
                            now,
                            now.minusSeconds(60),
                            now.plus(30, ChronoUnit.DAYS),
                            "SVG",
                            Bytes.of(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            40,
                            40,
                            List.of()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code der} with the text {@code from} replaced by {@code to} of the same length, so the DER stays
     * well-formed (what a seal maker that writes anything could have made; its signature no longer verifies).
     */
    public static byte[] swapped(byte[] der, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (f.length != t.length) {
            throw new IllegalArgumentException("not the same length: " + from + " / " + to);
        }
        byte[] out = der.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, f.length);
                return out;
            }
        }
        throw new IllegalArgumentException(from + " not in the seal");
    }

    /** A real 64×64 PNG seal picture (a red ring) from the test resources. */
    public static byte[] picture() {
        try (InputStream in = SealWorld.class.getResourceAsStream("/seal-picture.png")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Path validation to the PKI's root for both seal makers and signers, with CRLs, judged by this PKI's clock. */
    public CertificateJudge judge() {
        TrustAnchorSet anchors =
                new TrustAnchorSet("test-root", Set.of(pki.root().certificate()));
        RevocationChecker revocation = new RevocationChecker(
                (cert, issuer) -> Optional.empty(),
                point -> {
                    try {
                        return Optional.of(
                                point.getPath().endsWith("root.crl")
                                        ? pki.root().currentCrl().getEncoded()
                                        : pki.currentCrl().getEncoded());
                    } catch (CRLException e) {
                        return Optional.empty();
                    }
                },
                new InMemoryRevocationCache(pki.clock()),
                pki.clock());
        PathValidator validator = new PathValidator(
                CertificateSource.of(List.of(pki.intermediate().certificate())), revocation);
        return PathValidatingJudge.of(validator, anchors, anchors);
    }

    public static Duration day() {
        return Duration.ofDays(1);
    }
}
