package cn.tongban.trust.validation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.MessageImprint;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import cn.tongban.trust.pki.Providers;
import cn.tongban.trust.pki.Signers;

/**
 * Builds RFC 3161 TimeStampTokens as CMS SignedData by hand. Bouncy Castle's TimeStampTokenGenerator refuses TSA
 * certificates without the critical timeStamping EKU, which the negative test needs.
 */
final class TestTsa {

    static final String POLICY = "2.999.3161.1";

    private TestTsa() {}

    static byte[] token(byte[] data, X509Certificate tsa, PrivateKey tsaKey, Instant genTime) throws Exception {
        return token(data, tsa, tsaKey, genTime, tsa);
    }

    /** A token whose ESS signing-certificate attribute names {@code essCertificate} instead of the signer. */
    static byte[] token(
            byte[] data, X509Certificate tsa, PrivateKey tsaKey, Instant genTime, X509Certificate essCertificate)
            throws Exception {
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest(data);
        // RFC 3161 §2.4.2 TSTInfo: version 1, policy, messageImprint, serialNumber, genTime.
        TSTInfo info = new TSTInfo(
                new ASN1ObjectIdentifier(POLICY),
                new MessageImprint(sha256, imprint),
                new ASN1Integer(BigInteger.valueOf(42)),
                new ASN1GeneralizedTime(Date.from(genTime)),
                null,
                org.bouncycastle.asn1.ASN1Boolean.FALSE,
                null,
                null,
                null);
        // RFC 5035 / RFC 5816: ESSCertIDv2 (SHA-256) of the TSA certificate as a signed attribute.
        ESSCertIDv2 certId =
                new ESSCertIDv2(sha256, MessageDigest.getInstance("SHA-256").digest(essCertificate.getEncoded()));
        AttributeTable signed = new AttributeTable(new Attribute(
                PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(new SigningCertificateV2(certId))));
        var signerInfo = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                        .setProvider(Providers.bc())
                        .build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signed))
                .build(Signers.contentSigner(tsaKey), tsa);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(signerInfo);
        generator.addCertificates(new JcaCertStore(List.of(tsa)));
        return generator
                .generate(
                        new CMSProcessableByteArray(
                                PKCSObjectIdentifiers.id_ct_TSTInfo, info.getEncoded(ASN1Encoding.DER)),
                        true)
                .getEncoded();
    }
}
