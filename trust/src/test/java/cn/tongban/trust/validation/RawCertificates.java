package cn.tongban.trust.validation;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import cn.tongban.trust.pki.Certificates;
import cn.tongban.trust.pki.Providers;
import cn.tongban.trust.pki.Signers;

/**
 * Certificates the platform's {@code CertificateBuilder} deliberately cannot issue (SHA-1 signatures, CA
 * certificates without keyCertSign, keys on unlisted curves), built with Bouncy Castle directly.
 */
final class RawCertificates {

    private RawCertificates() {}

    /**
     * @param signatureAlgorithm JCA name, or null for the issuer key's platform default
     * @param caPathLen          basicConstraints cA=TRUE with this pathLen, or null for no basicConstraints
     * @param keyUsage           Bouncy Castle key usage bit mask, 0 for none
     */
    static X509Certificate issue(
            String subject,
            PublicKey publicKey,
            X509Certificate issuer,
            PrivateKey issuerKey,
            String signatureAlgorithm,
            Integer caPathLen,
            int keyUsage)
            throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(System.nanoTime()),
                Date.from(TestPki.NOW.minus(Duration.ofDays(30))),
                Date.from(TestPki.NOW.plus(Duration.ofDays(365))),
                new X500Name(subject),
                publicKey);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        builder.addExtension(
                Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.getPublicKey()));
        if (caPathLen != null) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(caPathLen));
        }
        if (keyUsage != 0) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        var signer = signatureAlgorithm == null
                ? Signers.contentSigner(issuerKey)
                : new JcaContentSignerBuilder(signatureAlgorithm)
                        .setProvider(Providers.bc())
                        .build(issuerKey);
        return Certificates.parse(builder.build(signer).getEncoded(), true);
    }

    /** The certificate with the last byte of its signature value flipped. */
    static X509Certificate tampered(X509Certificate certificate) throws Exception {
        byte[] der = certificate.getEncoded().clone();
        der[der.length - 1] ^= 0x01;
        return Certificates.parse(der, true);
    }
}
