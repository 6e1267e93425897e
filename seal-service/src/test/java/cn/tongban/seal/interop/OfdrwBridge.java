package cn.tongban.seal.interop;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.ofdrw.gm.ses.v1.SES_ESPictrueInfo;
import org.ofdrw.gm.ses.v1.SES_Header;
import org.ofdrw.gm.ses.v4.CertInfoList;
import org.ofdrw.gm.ses.v4.SES_CertList;
import org.ofdrw.gm.ses.v4.SES_ESPropertyInfo;
import org.ofdrw.gm.ses.v4.SES_SealInfo;
import org.ofdrw.gm.ses.v4.SESeal;
import org.ofdrw.reader.OFDReader;
import org.ofdrw.sign.OFDSigner;
import org.ofdrw.sign.SignMode;
import org.ofdrw.sign.signContainer.SESV4Container;
import org.ofdrw.sign.stamppos.NormalStampPos;
import org.ofdrw.sign.verify.OFDValidator;
import org.ofdrw.sign.verify.container.SESV4ValidateContainer;

/**
 * Runs inside {@link OfdrwLoader}'s isolated class loader, next to ofdrw and Bouncy Castle 1.70; its methods take
 * and return JDK types only, so nothing of either Bouncy Castle crosses the loader boundary.
 */
public final class OfdrwBridge {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private OfdrwBridge() {}

    /** ofdrw's OFDValidator with its GB/T 38540 v4 container; null when valid, else ofdrw's message. */
    public static String validate(Path ofd) {
        try (OFDReader reader = new OFDReader(ofd);
                OFDValidator validator = new OFDValidator(reader)) {
            validator.setValidator(new SESV4ValidateContainer());
            validator.exeValidate();
            return null;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Parses a seal with ofdrw's v4 model and verifies the maker's signature over ofdrw's DER of SES_SealInfo. */
    public static String[] parseAndVerifySeal(byte[] seal) throws Exception {
        SESeal parsed = SESeal.getInstance(seal);
        X509Certificate maker = (X509Certificate) CertificateFactory.getInstance("X.509", BC)
                .generateCertificate(new ByteArrayInputStream(parsed.getCert().getOctets()));
        Signature verifier = Signature.getInstance(parsed.getSignAlgID().getId(), BC);
        verifier.initVerify(maker);
        verifier.update(parsed.geteSealInfo().getEncoded("DER"));
        boolean ok = verifier.verify(parsed.getSignedValue().getOctets());
        boolean sameBytes = java.util.Arrays.equals(parsed.getEncoded("DER"), seal);
        return new String[] {
            parsed.geteSealInfo().getEsID().getString(),
            parsed.geteSealInfo().getPicture().getType().getString(),
            Boolean.toString(ok),
            Boolean.toString(sameBytes)
        };
    }

    /** A v4 seal built and signed with ofdrw's ASN.1 classes (SM2 maker key as PKCS#8). */
    public static byte[] makeSeal(String esId, byte[] makerCert, byte[] makerKeyPkcs8, byte[] signerCert, byte[] png)
            throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SES_ESPropertyInfo property = new SES_ESPropertyInfo(
                new ASN1Integer(1),
                new DERUTF8String("ofdrw 互通测试章"),
                new ASN1Integer(1),
                new SES_CertList(new CertInfoList().add(new DEROctetString(signerCert))),
                new ASN1GeneralizedTime(Date.from(now)),
                new ASN1GeneralizedTime(Date.from(now.minus(1, ChronoUnit.DAYS))),
                new ASN1GeneralizedTime(Date.from(now.plus(30, ChronoUnit.DAYS))));
        SES_SealInfo info = new SES_SealInfo(
                new SES_Header(new ASN1Integer(4), new DERIA5String("OFDR&WTest")),
                new DERIA5String(esId),
                property,
                new SES_ESPictrueInfo(
                        new DERIA5String("PNG"), new DEROctetString(png), new ASN1Integer(40), new ASN1Integer(40)),
                null);
        Signature s = Signature.getInstance("SM3withSM2", BC);
        s.initSign(key(makerKeyPkcs8));
        s.update(info.getEncoded("DER"));
        return new SESeal(
                        info,
                        new DEROctetString(makerCert),
                        GMObjectIdentifiers.sm2sign_with_sm3,
                        new DERBitString(s.sign()))
                .getEncoded("DER");
    }

    /** Signs {@code in} into {@code out} with ofdrw's OFDSigner and SESV4Container, stamp 40 x 40 mm at (50, 50). */
    public static void sign(Path in, Path out, byte[] seal, byte[] signerCert, byte[] signerKeyPkcs8) throws Exception {
        X509Certificate cert = (X509Certificate)
                CertificateFactory.getInstance("X.509", BC).generateCertificate(new ByteArrayInputStream(signerCert));
        try (OFDReader reader = new OFDReader(in);
                OFDSigner signer = new OFDSigner(reader, out)) {
            signer.setSignMode(SignMode.WholeProtected);
            signer.setSignContainer(new SESV4Container(key(signerKeyPkcs8), SESeal.getInstance(seal), cert));
            signer.addApPos(new NormalStampPos(1, 50, 50, 40, 40));
            signer.exeSign();
        }
    }

    private static PrivateKey key(byte[] pkcs8) throws Exception {
        return KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }
}
