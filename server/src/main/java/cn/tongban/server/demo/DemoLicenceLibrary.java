package cn.tongban.server.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.licence.id.LicenceIdentifier;
import cn.tongban.licence.ofd.OfdLicenceDocument;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.custody.KeyCustody;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.make.SealMaker;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.server.proofs.LicenceLibrary;
import cn.tongban.server.verification.AnchorContribution;
import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.validation.TrustAnchorSet;

/**
 * The demo's licence library (电子证照库): a simulated municipal health commission that, at start-up, makes its own
 * small PKI (an SM2 root, a seal-making authority and a signing certificate), makes its GB/T 38540 seal, and issues
 * real signed OFD birth medical certificates (出生医学证明) — the e-licence of the birth-registration service item's
 * retained list. Its root is contributed as the seal-making authority and as the anchor for that licence type.
 * The certificates publish no CRL or OCSP address, so the demo verifies proofs without revocation
 * ({@code tongban.proofs.check-revocation=false} in application-demo.yml).
 */
public final class DemoLicenceLibrary implements LicenceLibrary, AnchorContribution {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLicenceLibrary.class);
    /** 出生医学证明 in the demo's retained list (310000-QR-0002-01). */
    public static final String BIRTH_CERTIFICATE_TYPE = "11100000MB1N072647007";
    /** The simulated issuer: 上海市卫生健康委员会. */
    public static final String ISSUER = usccOf("11310000MB2C47911");

    private final X509Certificate root;
    private final Map<String, byte[]> byHolderAndType = new LinkedHashMap<>();

    public DemoLicenceLibrary(Clock clock) {
        Instant now = clock.instant();
        KeyPair rootKeys = KeyAlgorithm.SM2.generate();
        root = CertificateBuilder.create()
                .subject("CN=上海市卫生健康委员会电子证照根证书（演示）,O=Tongban Demo,C=CN")
                .publicKey(rootKeys.getPublic())
                .selfSigned(rootKeys.getPrivate())
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)))
                .ca(1)
                .keyUsage(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN)
                .build();
        SigningKey maker = leaf("seal-maker", "CN=电子印章制作（演示）,O=Tongban Demo,C=CN", root, rootKeys, now);
        SigningKey signer = leaf("signer", "CN=上海市卫生健康委员会电子证照签章（演示）,O=Tongban Demo,C=CN", root, rootKeys, now);
        byte[] seal;
        try {
            seal = new SealMaker(maker)
                    .make(new SealRequest(
                            "TongbanDemo",
                            "demo-shwjw-licence-seal",
                            1,
                            "上海市卫生健康委员会电子证照专用章",
                            SealRequest.CertListType.CERTIFICATES,
                            List.of(Bytes.of(signer.certificate().getEncoded())),
                            now.minus(Duration.ofDays(1)),
                            now.minus(Duration.ofDays(1)),
                            now.plus(Duration.ofDays(3650)),
                            "PNG",
                            Bytes.of(picture()),
                            40,
                            40,
                            List.of()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        OfdStamper stamper = new OfdStamper(clock);
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of("Asia/Shanghai"));
        // 赵婧 (civil-affairs records: married 2019): her child's birth medical certificate, in force.
        issue(stamper, seal, signer, "310115199212302849", "赵婧", "O310412345", today.minusDays(20), null);
        // 周雨桐: a certificate that was cancelled (status) — the proof request shows LICENCE_NOT_VALID.
        issue(stamper, seal, signer, "340104198910265223", "周雨桐", "O310400077", today.minusYears(2), "CANCELLED");
        // 李晓燕: her certificate says VALID, but the health commission cancelled it later (lost and re-issued); only
        // the confirmation against the issuer's register (resource 310000-303001-00001) shows LICENCE_NOT_VALID.
        issue(stamper, seal, signer, "310105198409031467", "李晓燕", "O310400215", today.minusYears(1), null);
        LOG.info(
                "Demo licence library: {} birth medical certificates issued by a simulated health commission",
                byHolderAndType.size());
    }

    private static SigningKey leaf(String alias, String subject, X509Certificate root, KeyPair rootKeys, Instant now) {
        KeyPair keys = KeyAlgorithm.SM2.generate();
        X509Certificate cert = CertificateBuilder.create()
                .subject(subject)
                .publicKey(keys.getPublic())
                .issuer(root, rootKeys.getPrivate())
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(825)))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION)
                .build();
        return KeyCustody.software(alias, keys.getPrivate(), List.of(cert));
    }

    private void issue(
            OfdStamper stamper,
            byte[] seal,
            SigningKey signer,
            String holderId,
            String holderName,
            String serial,
            LocalDate issued,
            String status) {
        LicenceMetadata m = new LicenceMetadata(
                LicenceIdentifier.of(BIRTH_CERTIFICATE_TYPE, ISSUER, serial, "001")
                        .toString(),
                "出生医学证明",
                "出生医学证明",
                BIRTH_CERTIFICATE_TYPE,
                serial,
                "上海市卫生健康委员会",
                ISSUER,
                issued,
                issued,
                null,
                "310000",
                holderName,
                holderId,
                "111",
                status == null ? "VALID" : status);
        byte[] unsigned = OfdLicenceDocument.unsigned(
                m, List.of("出生医学证明（演示）", "编号 " + serial, "母亲 " + holderName, "签发日期 " + issued));
        byHolderAndType.put(
                holderId + "|" + BIRTH_CERTIFICATE_TYPE,
                stamper.stamp(unsigned, seal, signer, new StampPosition(1, 130, 220)));
    }

    @Override
    public Optional<byte[]> find(String holderCode, String typeCode) {
        return Optional.ofNullable(byHolderAndType.get(holderCode + "|" + typeCode));
    }

    @Override
    public List<TrustAnchorSet> anchorSets() {
        return List.of(
                new TrustAnchorSet(DocumentTrust.SEAL_MAKERS, Set.of(root)),
                new TrustAnchorSet(DocumentTrust.licenceType(BIRTH_CERTIFICATE_TYPE), Set.of(root)));
    }

    static String usccOf(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    static byte[] picture() {
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
