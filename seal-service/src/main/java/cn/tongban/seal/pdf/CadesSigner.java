package cn.tongban.seal.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.Map;

import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import cn.tongban.seal.codec.SignatureAlgorithm;
import cn.tongban.seal.custody.SigningKey;

/**
 * Makes the detached CMS SignedData (RFC 5652) of a PAdES B-B signature (ETSI EN 319 142-1 §6.3) over the
 * ByteRange content PDFBox hands over: signed attributes content-type, message-digest, ESS
 * signing-certificate-v2 (RFC 5035) and the seal ({@link SealAttribute}); no signing-time. The signature value
 * comes from the {@link SigningKey}, so the key never leaves custody.
 */
final class CadesSigner implements SignatureInterface {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final SigningKey signer;
    private final byte[] sealDer;

    CadesSigner(SigningKey signer, byte[] sealDer) {
        this.signer = signer;
        this.sealDer = sealDer.clone();
    }

    @Override
    public byte[] sign(InputStream content) throws IOException {
        try {
            byte[] data = content.readAllBytes();
            X509Certificate cert = signer.certificate();
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(signerInfo(cert));
            gen.addCertificates(new JcaCertStore(signer.chain()));
            return gen.generate(new CMSProcessableByteArray(data), false).getEncoded("DER");
        } catch (CMSException | OperatorCreationException | CertificateEncodingException e) {
            throw new IOException("cannot make the CMS signature: " + e.getMessage(), e);
        }
    }

    private SignerInfoGenerator signerInfo(X509Certificate cert)
            throws OperatorCreationException, CertificateEncodingException {
        SignatureAlgorithm algorithm = signer.algorithm();
        Hashtable<ASN1ObjectIdentifier, Attribute> extra = new Hashtable<>();
        byte[] certHash;
        try {
            certHash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // RFC 5035 §3 / ETSI EN 319 122-1 §5.2.2: signing-certificate-v2 with the SHA-256 of the signer certificate.
        extra.put(
                PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new Attribute(
                        PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                        new DERSet(new SigningCertificateV2(new ESSCertIDv2(certHash)))));
        extra.put(SealAttribute.OID, new Attribute(SealAttribute.OID, new DERSet(new DEROctetString(sealDer))));
        CMSAttributeTableGenerator signedAttributes = new NoSigningTime(new AttributeTable(extra));
        return new JcaSignerInfoGeneratorBuilder(
                        new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                .setSignedAttributeGenerator(signedAttributes)
                .build(new CustodySigner(signer, algorithm), cert);
    }

    /** ETSI EN 319 142-1 §6.3: PAdES baseline signatures carry no CMS signing-time (the time is /M). */
    private static final class NoSigningTime implements CMSAttributeTableGenerator {
        private final DefaultSignedAttributeTableGenerator base;

        NoSigningTime(AttributeTable extra) {
            this.base = new DefaultSignedAttributeTableGenerator(extra);
        }

        @Override
        @SuppressWarnings("rawtypes") // Bouncy Castle's interface declares a raw Map
        public AttributeTable getAttributes(Map parameters) {
            return base.getAttributes(parameters).remove(CMSAttributes.signingTime);
        }
    }

    /** A BC ContentSigner whose signature comes from the custody key. */
    private static final class CustodySigner implements ContentSigner {
        private final SigningKey key;
        private final SignatureAlgorithm algorithm;
        private final AlgorithmIdentifier identifier;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        CustodySigner(SigningKey key, SignatureAlgorithm algorithm) {
            this.key = key;
            this.algorithm = algorithm;
            this.identifier = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm.jcaName());
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return identifier;
        }

        @Override
        public OutputStream getOutputStream() {
            return buffer;
        }

        @Override
        public byte[] getSignature() {
            return key.sign(algorithm, buffer.toByteArray());
        }
    }
}
