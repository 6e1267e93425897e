package cn.tongban.seal.custody;

import java.security.PublicKey;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import cn.tongban.seal.codec.SignatureAlgorithm;

/** Chooses the signature algorithm by the key (docs/STANDARDS.md §1.3, §1.4). */
public final class SignatureAlgorithms {

    private SignatureAlgorithms() {}

    /** SM2 keys (curve 1.2.156.10197.1.301) → SM3withSM2; other EC → SHA256withECDSA; RSA → SHA256withRSA. */
    public static SignatureAlgorithm forCertificate(X509Certificate certificate) {
        return forKey(certificate.getPublicKey());
    }

    public static SignatureAlgorithm forKey(PublicKey key) {
        String keyAlg = key.getAlgorithm();
        if (keyAlg.equals("RSA")) {
            return SignatureAlgorithm.SHA256_WITH_RSA;
        }
        if (keyAlg.equals("EC") || keyAlg.equals("ECDSA") || keyAlg.equals("SM2")) {
            ASN1Encodable params = SubjectPublicKeyInfo.getInstance(key.getEncoded())
                    .getAlgorithm()
                    .getParameters();
            return GMObjectIdentifiers.sm2p256v1.equals(params)
                    ? SignatureAlgorithm.SM3_WITH_SM2
                    : SignatureAlgorithm.SHA256_WITH_ECDSA;
        }
        throw new IllegalArgumentException("key algorithm " + keyAlg + " is not SM2, ECDSA or RSA");
    }
}
