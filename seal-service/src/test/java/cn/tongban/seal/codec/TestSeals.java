package cn.tongban.seal.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds GB/T 38540 v4 seals and signatures at test time with fresh keys and certificates (validity relative to
 * now), field by field, so tests can produce every malformation and every algorithm.
 */
public final class TestSeals {

    public static final Provider BC = new BouncyCastleProvider();
    public static final String SM3_WITH_SM2 = "1.2.156.10197.1.501";
    public static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    public static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";

    /** A key pair, its self-signed certificate, and the seal signature algorithm it signs with. */
    public record Signer(KeyPair keys, X509Certificate certificate, String jcaName, String oid) {

        public byte[] certificateDer() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public byte[] sign(byte[] data) {
            try {
                Signature s = Signature.getInstance(jcaName, BC);
                s.initSign(keys.getPrivate());
                s.update(data);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestSeals() {}

    public static Signer sm2() {
        return signer("EC", new ECGenParameterSpec("sm2p256v1"), "SM3withSM2", SM3_WITH_SM2);
    }

    public static Signer ecdsa() {
        return signer("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA", SHA256_WITH_ECDSA);
    }

    public static Signer rsa() {
        return signer("RSA", null, "SHA256withRSA", SHA256_WITH_RSA);
    }

    private static Signer signer(String keyAlg, ECGenParameterSpec spec, String jcaName, String oid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(keyAlg, BC);
            if (spec != null) {
                g.initialize(spec);
            } else {
                g.initialize(2048);
            }
            KeyPair keys = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name dn = new X500Name("CN=Tongban test " + jcaName);
            var builder = new JcaX509v3CertificateBuilder(
                    dn,
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(365, ChronoUnit.DAYS)),
                    dn,
                    keys.getPublic());
            var holder = builder.build(
                    new JcaContentSignerBuilder(jcaName).setProvider(BC).build(keys.getPrivate()));
            X509Certificate cert =
                    new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
            return new Signer(keys, cert, jcaName, oid);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DERSequence seq(ASN1Encodable... items) {
        return new DERSequence(items);
    }

    public static DERSequence seq(List<? extends ASN1Encodable> items) {
        return new DERSequence(items.toArray(new ASN1Encodable[0]));
    }

    public static byte[] der(ASN1Encodable item) {
        try {
            return item.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DERSequence header(int version) {
        return seq(new DERIA5String("ES"), new ASN1Integer(version), new DERIA5String("TongbanTest"));
    }

    /** SES_ESPropertyInfo (v4) fields; tests replace entries to break one field at a time. */
    public static List<ASN1Encodable> propertyFields(int certListType, ASN1Encodable certList) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new ArrayList<>(List.of(
                new ASN1Integer(1),
                new DERUTF8String("通办测试章"),
                new ASN1Integer(certListType),
                certList,
                new DERGeneralizedTime(Date.from(now)),
                new DERGeneralizedTime(Date.from(now)),
                new DERGeneralizedTime(Date.from(now.plus(30, ChronoUnit.DAYS)))));
    }

    public static DERSequence certs(byte[]... certificates) {
        List<ASN1Encodable> list = new ArrayList<>();
        for (byte[] c : certificates) {
            list.add(new DEROctetString(c));
        }
        return seq(list);
    }

    public static DERSequence digest(String type, byte[] value) {
        return seq(seq(new org.bouncycastle.asn1.DERPrintableString(type), new DEROctetString(value)));
    }

    public static List<ASN1Encodable> pictureFields() {
        return new ArrayList<>(List.of(
                new DERIA5String("PNG"),
                new DEROctetString(new byte[] {1, 2, 3, 4}),
                new ASN1Integer(40),
                new ASN1Integer(40)));
    }

    /** SES_SealInfo with the given parts; {@code extDatas} may be null, untagged or {@code [0]}-tagged. */
    public static DERSequence sealInfo(
            ASN1Encodable header, List<ASN1Encodable> property, List<ASN1Encodable> picture, ASN1Encodable extDatas) {
        List<ASN1Encodable> fields =
                new ArrayList<>(List.of(header, new DERIA5String("tb-0001"), seq(property), seq(picture)));
        if (extDatas != null) {
            fields.add(extDatas);
        }
        return seq(fields);
    }

    /** A well-formed v4 seal signed by {@code maker}, listing {@code signerCert} (certListType 1). */
    public static byte[] v4Seal(Signer maker, byte[] signerCert) {
        return seal(sealInfo(header(4), propertyFields(1, certs(signerCert)), pictureFields(), null), maker);
    }

    /** SESeal { sealInfo, maker cert, maker OID, sign(DER of sealInfo) } (docs/STANDARDS.md §1.3). */
    public static byte[] seal(ASN1Encodable sealInfo, Signer maker) {
        return der(seq(
                sealInfo,
                new DEROctetString(maker.certificateDer()),
                new ASN1ObjectIdentifier(maker.oid()),
                new DERBitString(maker.sign(der(sealInfo)))));
    }

    /** SES_Signature v4 around {@code sealDer}, signed by {@code signer} over the DER of TBS_Sign. */
    public static byte[] v4Signature(byte[] sealDer, Signer signer) {
        ASN1Encodable seal;
        try {
            seal = org.bouncycastle.asn1.ASN1Primitive.fromByteArray(sealDer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DERSequence tbs = seq(
                new ASN1Integer(4),
                seal,
                new DERGeneralizedTime(Date.from(Instant.now())),
                new DERBitString(new byte[32]),
                new DERIA5String("/Doc_0/Signs/Sign_0/Signature.xml"));
        return der(seq(
                tbs,
                new DEROctetString(signer.certificateDer()),
                new ASN1ObjectIdentifier(signer.oid()),
                new DERBitString(signer.sign(der(tbs)))));
    }
}
