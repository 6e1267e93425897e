package cn.tongban.licence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;

import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.fixtures.pki.Issued;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.licence.id.LicenceIdentifier;
import cn.tongban.licence.metadata.LicenceMetadataJson;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.custody.KeyCustody;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.make.SealMaker;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.validation.CertificateSource;
import cn.tongban.trust.validation.InMemoryRevocationCache;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.RevocationChecker;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.TrustAnchors;

/**
 * A licence issuer made at test time: a {@link TestPki} (seal maker and document signer under one root, CRLs served
 * in-process), a seal for the issuer, and signed OFD licences carrying licence.json.
 */
public final class LicenceWorld {

    public static final String TYPE = "11100000000013338W032"; // business licence type (docs/STANDARDS.md §2.1 example)
    public static final String ISSUER = "11310000MB0002057J"; // the issuing authority (demo market regulator)

    public final TestPki pki;
    public final SigningKey maker;
    public final SigningKey signer;
    public final byte[] seal;

    public LicenceWorld(KeyAlgorithm algorithm, Clock clock) {
        pki = TestPki.builder(clock, algorithm)
                .publishedAt(URI.create("http://pki.invalid/"))
                .build();
        maker = key("maker", pki.sealMaker());
        signer = key("signer", pki.documentSigner());
        Instant now = clock.instant();
        try {
            seal = new SealMaker(maker)
                    .make(new SealRequest(
                            "TongbanTest",
                            "tb-licence-seal",
                            1,
                            "电子证照专用章",
                            SealRequest.CertListType.CERTIFICATES,
                            List.of(Bytes.of(signer.certificate().getEncoded())),
                            now.minus(1, ChronoUnit.DAYS),
                            now.minus(1, ChronoUnit.DAYS),
                            now.plus(365, ChronoUnit.DAYS),
                            "PNG",
                            Bytes.of(picture()),
                            40,
                            40,
                            List.of()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SigningKey key(String alias, Issued issued) {
        return KeyCustody.software(alias, issued.privateKey(), issued.chain());
    }

    /** A valid unified social credit code: the 17 characters and their check character (GB 32100-2015). */
    public static String usccOf(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    /** Metadata of a business licence held by a company, valid from a year ago for ten years. */
    public LicenceMetadata licence(String serial) {
        LocalDate today = LocalDate.ofInstant(pki.clock().instant(), java.time.ZoneId.of("Asia/Shanghai"));
        return new LicenceMetadata(
                LicenceIdentifier.of(TYPE, ISSUER, serial, "001").toString(),
                "营业执照",
                "营业执照",
                TYPE,
                serial,
                "上海市市场监督管理局",
                ISSUER,
                today.minusYears(1),
                today.minusYears(1),
                today.plusYears(9),
                "310000",
                "上海通办餐饮有限公司",
                usccOf("91310000MA1FL8L97"),
                "001",
                "VALID");
    }

    /** An OFD licence carrying {@code metadata}, stamped once by the issuer (the stamp covers licence.json). */
    public byte[] ofdLicence(LicenceMetadata metadata) {
        return stamp(OfdSamples.zip(
                OfdSamples.licenceEntries(1, "营业执照 " + metadata.number(), LicenceMetadataJson.write(metadata))));
    }

    public byte[] stamp(byte[] ofd) {
        return new OfdStamper(pki.clock()).stamp(ofd, seal, signer, new StampPosition(1, 120, 200));
    }

    /** Trust with the PKI's root in every named set (or none of {@code missing}), revocation from its CRLs. */
    public DocumentTrust trust(String... sets) {
        TrustAnchorSet[] named = new TrustAnchorSet[sets.length];
        for (int i = 0; i < sets.length; i++) {
            named[i] = new TrustAnchorSet(sets[i], Set.of(pki.root().certificate()));
        }
        return trust(TrustAnchors.of(named));
    }

    public DocumentTrust trust(TrustAnchors anchors) {
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
        return new DocumentTrust(
                anchors,
                new PathValidator(
                        CertificateSource.of(List.of(pki.intermediate().certificate())), revocation),
                pki.clock());
    }

    /** A 64×64 PNG: a red ring, the usual seal picture. */
    public static byte[] picture() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.drawOval(4, 4, 56, 56);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
