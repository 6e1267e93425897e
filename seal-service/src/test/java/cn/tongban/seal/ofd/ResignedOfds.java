package cn.tongban.seal.ofd;

import static cn.tongban.seal.codec.TestSeals.der;
import static cn.tongban.seal.codec.TestSeals.seq;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import cn.tongban.seal.codec.TestSeals;

/**
 * allprotected.ofd re-signed at test time: a new seal in Seal.esl (its CheckValue updated), a new SES_Signature
 * over the rewritten Signature.xml, optionally with an RFC 3161 timestamp over the signature value.
 */
final class ResignedOfds {

    static final String SIGN = "Doc_0/Signs/Sign_0/";

    /** Signer key and certificate with the SES signature algorithm OID and JCA name. */
    record SignerKey(PrivateKey key, X509Certificate certificate, String oid, String jcaName) {}

    /** The timestamp to attach: genTime, whether its imprint covers the signature value, whether it has the TSA cert. */
    record Stamp(Instant genTime, boolean imprintMatches, boolean withCertificate) {
        Stamp(Instant genTime, boolean imprintMatches) {
            this(genTime, imprintMatches, true);
        }
    }

    private ResignedOfds() {}

    static byte[] resign(byte[] sealDer, SignerKey signer, Instant timeInfo, Stamp stamp) throws Exception {
        Map<String, byte[]> entries = OfdFixtures.entries(OfdFixtures.vector("allprotected.ofd"));
        entries.put(SIGN + "Seal.esl", sealDer);
        String xml = new String(entries.get(SIGN + "Signature.xml"), StandardCharsets.UTF_8)
                .replaceFirst(
                        "(FileRef=\"/Doc_0/Signs/Sign_0/Seal.esl\"><ofd:CheckValue>)[^<]*",
                        "$1"
                                + Base64.getEncoder()
                                        .encodeToString(MessageDigest.getInstance("SM3", OfdFixtures.BC)
                                                .digest(sealDer)));
        byte[] signatureXml = xml.getBytes(StandardCharsets.UTF_8);
        entries.put(SIGN + "Signature.xml", signatureXml);
        String hash = signer.oid().equals(TestSeals.SM3_WITH_SM2) ? "SM3" : "SHA-256";
        ASN1Encodable tbs = seq(
                new ASN1Integer(4),
                ASN1Primitive.fromByteArray(sealDer),
                new DERGeneralizedTime(Date.from(timeInfo)),
                new DERBitString(MessageDigest.getInstance(hash, OfdFixtures.BC).digest(signatureXml)),
                new DERIA5String("/" + SIGN + "Signature.xml"));
        Signature s = Signature.getInstance(signer.jcaName(), OfdFixtures.BC);
        s.initSign(signer.key());
        s.update(der(tbs));
        byte[] value = s.sign();
        List<ASN1Encodable> fields = new java.util.ArrayList<>(List.of(
                tbs,
                new DEROctetString(signer.certificate().getEncoded()),
                new ASN1ObjectIdentifier(signer.oid()),
                new DERBitString(value)));
        if (stamp != null) {
            byte[] imprinted = stamp.imprintMatches() ? value : new byte[] {1, 2, 3};
            fields.add(new DERTaggedObject(
                    true, 0, new DERBitString(timestamp(imprinted, stamp.genTime(), stamp.withCertificate()))));
        }
        entries.put(SIGN + "SignedValue.dat", der(seq(fields)));
        return OfdFixtures.zip(entries);
    }

    /** An RFC 3161 token over SHA-256(data) from a throw-away RSA TSA whose certificate carries timeStamping. */
    static byte[] timestamp(byte[] data, Instant genTime, boolean withCertificate) throws Exception {
        KeyPair keys = TestSeals.rsa().keys();
        X500Name dn = new X500Name("CN=Tongban test TSA");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                        dn,
                        BigInteger.TEN,
                        Date.from(genTime.minus(1, ChronoUnit.DAYS)),
                        Date.from(now.plus(1, ChronoUnit.DAYS)),
                        dn,
                        keys.getPublic())
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        X509Certificate cert = new JcaX509CertificateConverter()
                .setProvider(OfdFixtures.BC)
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                        .setProvider(OfdFixtures.BC)
                        .build(keys.getPrivate())));
        var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder()
                .setProvider(OfdFixtures.BC)
                .build("SHA256withRSA", keys.getPrivate(), cert);
        var generator = new TimeStampTokenGenerator(
                signerInfo,
                new JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
                new ASN1ObjectIdentifier("1.2.3.4"));
        generator.addCertificates(new JcaCertStore(List.of(cert)));
        var requests = new TimeStampRequestGenerator();
        requests.setCertReq(withCertificate);
        var request = requests.generate(
                TSPAlgorithms.SHA256, MessageDigest.getInstance("SHA-256").digest(data));
        return generator.generate(request, BigInteger.ONE, Date.from(genTime)).getEncoded();
    }
}
