package cn.tongban.trust.pki;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Key algorithms the platform PKI issues, each with the signature algorithm its keys sign with. */
public enum KeyAlgorithm {
    RSA_2048("SHA256withRSA"),
    RSA_3072("SHA256withRSA"),
    EC_P256("SHA256withECDSA"),
    /** GB/T 32918 SM2 on curve sm2p256v1, signing with SM3 (GB/T 35276). Needs Bouncy Castle. */
    SM2("SM3withSM2");

    private final String signatureAlgorithm;

    KeyAlgorithm(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** JCA name of the signature algorithm a key of this kind signs certificates, CRLs and responses with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** True when JDK providers alone cannot parse keys or certificates of this kind. */
    public boolean needsBouncyCastle() {
        return this == SM2;
    }

    /** Generates a fresh key pair. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator;
            switch (this) {
                case RSA_2048, RSA_3072 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(this == RSA_2048 ? 2048 : 3072);
                }
                case EC_P256 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                }
                case SM2 -> {
                    generator = KeyPairGenerator.getInstance("EC", Providers.bc());
                    generator.initialize(new ECGenParameterSpec("sm2p256v1"));
                }
                default -> throw new IllegalStateException("unhandled " + this);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + this + " key pair", e);
        }
    }

    /** True for SM2 keys, which only Bouncy Castle can parse; false for RSA keys of any size. */
    public static boolean isSm2(Key key) {
        return !(key instanceof RSAKey) && of(key) == SM2;
    }

    /**
     * Identifies the algorithm of an existing public or private key from its encoding
     * (RFC 5280 §4.1.2.7 SubjectPublicKeyInfo / RFC 5958 PrivateKeyInfo algorithm and named curve).
     *
     * @throws IllegalArgumentException for keys the platform does not issue (e.g. RSA-1024, P-384)
     */
    public static KeyAlgorithm of(Key key) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits == 2048) {
                return RSA_2048;
            }
            if (bits == 3072) {
                return RSA_3072;
            }
            throw new IllegalArgumentException("unsupported RSA key size " + bits);
        }
        AlgorithmIdentifier algorithm;
        if (key instanceof PublicKey) {
            algorithm = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
        } else if (key instanceof PrivateKey) {
            algorithm = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm();
        } else {
            throw new IllegalArgumentException("not an asymmetric key: " + key.getAlgorithm());
        }
        ASN1Encodable curve = algorithm.getParameters();
        if (SECObjectIdentifiers.secp256r1.equals(curve)) {
            return EC_P256;
        }
        if (GMObjectIdentifiers.sm2p256v1.equals(curve)) {
            return SM2;
        }
        throw new IllegalArgumentException("unsupported key " + algorithm.getAlgorithm() + " " + curve);
    }
}
