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
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.teletrust.TeleTrusTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Key algorithms the platform PKI issues, each with the signature algorithm its keys sign with. Besides the
 * platform's own (RSA, P-256, SM2) the kinds other producers use, so that test PKIs can stand in for them: NIST
 * P-384 and P-521, Brainpool (RFC 5639), RSASSA-PSS (RFC 4055) and Ed25519 (RFC 8410).
 */
public enum KeyAlgorithm {
    RSA_2048("SHA256withRSA"),
    RSA_3072("SHA256withRSA"),
    EC_P256("SHA256withECDSA"),
    /** GB/T 32918 SM2 on curve sm2p256v1, signing with SM3 (GB/T 35276). Needs Bouncy Castle. */
    SM2("SM3withSM2"),
    /** NIST P-384 (secp384r1), ECDSA with SHA-384 (RFC 5758 §3.2). */
    EC_P384("SHA384withECDSA"),
    /** NIST P-521 (secp521r1), ECDSA with SHA-512. */
    EC_P521("SHA512withECDSA"),
    /** brainpoolP256r1 (RFC 5639 §3.4), ECDSA with SHA-256. Needs Bouncy Castle (the JDK dropped the curve). */
    BRAINPOOL_P256("SHA256withECDSA"),
    /** brainpoolP384r1 (RFC 5639 §3.6), ECDSA with SHA-384. Needs Bouncy Castle. */
    BRAINPOOL_P384("SHA384withECDSA"),
    /** brainpoolP512r1 (RFC 5639 §3.7), ECDSA with SHA-512. Needs Bouncy Castle. */
    BRAINPOOL_P512("SHA512withECDSA"),
    /**
     * A 2048-bit rsaEncryption key that signs with RSASSA-PSS, SHA-256 and MGF1-SHA-256 (RFC 4055 §3.1), as PAdES
     * and CAdES signers do. Its key cannot be told from {@link #RSA_2048}'s: {@link #of} answers RSA_2048, and
     * certificates, CRLs and responses it issues through {@link Signers} use PKCS#1 v1.5.
     */
    RSA_PSS("SHA256withRSAandMGF1"),
    /** Ed25519 (RFC 8032, RFC 8410); in CMS with SHA-512 (RFC 8419). */
    ED25519("Ed25519");

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
        return this == SM2 || this == BRAINPOOL_P256 || this == BRAINPOOL_P384 || this == BRAINPOOL_P512;
    }

    /** True when {@code key} is of a kind JDK providers cannot handle, or of an unknown kind. */
    public static boolean needsBouncyCastle(Key key) {
        if (key instanceof RSAKey) {
            return false;
        }
        try {
            return of(key).needsBouncyCastle();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Generates a fresh key pair. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator;
            switch (this) {
                case RSA_2048, RSA_3072, RSA_PSS -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(this == RSA_3072 ? 3072 : 2048);
                }
                case EC_P256, EC_P384, EC_P521 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(
                            this == EC_P256 ? "secp256r1" : this == EC_P384 ? "secp384r1" : "secp521r1"));
                }
                case BRAINPOOL_P256, BRAINPOOL_P384, BRAINPOOL_P512 -> {
                    generator = KeyPairGenerator.getInstance("EC", Providers.bc());
                    generator.initialize(new ECGenParameterSpec(
                            this == BRAINPOOL_P256
                                    ? "brainpoolP256r1"
                                    : this == BRAINPOOL_P384 ? "brainpoolP384r1" : "brainpoolP512r1"));
                }
                case ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519");
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

    /** True for SM2 keys, which only Bouncy Castle can parse; false for RSA keys of any size and unknown keys. */
    public static boolean isSm2(Key key) {
        if (key instanceof RSAKey) {
            return false;
        }
        try {
            return of(key) == SM2;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Identifies the algorithm of an existing public or private key from its encoding
     * (RFC 5280 §4.1.2.7 SubjectPublicKeyInfo / RFC 5958 PrivateKeyInfo algorithm and named curve).
     *
     * @throws IllegalArgumentException for keys the platform does not issue (e.g. RSA-1024, P-224)
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
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm.getAlgorithm())) {
            return ED25519;
        }
        ASN1Encodable curve = algorithm.getParameters();
        if (SECObjectIdentifiers.secp256r1.equals(curve)) {
            return EC_P256;
        }
        if (GMObjectIdentifiers.sm2p256v1.equals(curve)) {
            return SM2;
        }
        if (SECObjectIdentifiers.secp384r1.equals(curve)) {
            return EC_P384;
        }
        if (SECObjectIdentifiers.secp521r1.equals(curve)) {
            return EC_P521;
        }
        if (TeleTrusTObjectIdentifiers.brainpoolP256r1.equals(curve)) {
            return BRAINPOOL_P256;
        }
        if (TeleTrusTObjectIdentifiers.brainpoolP384r1.equals(curve)) {
            return BRAINPOOL_P384;
        }
        if (TeleTrusTObjectIdentifiers.brainpoolP512r1.equals(curve)) {
            return BRAINPOOL_P512;
        }
        throw new IllegalArgumentException("unsupported key " + algorithm.getAlgorithm() + " " + curve);
    }
}
