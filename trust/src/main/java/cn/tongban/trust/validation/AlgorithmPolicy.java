package cn.tongban.trust.validation;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Cryptographic constraints (ETSI EN 319 102-1 §5.2.8 "cryptographic verification" constraints): an allow-list
 * of signature algorithms, a minimum RSA modulus and an allow-list of EC named curves.
 *
 * @param signatureAlgorithms allowed signature algorithm OIDs (RFC 5280 §4.1.1.2 signatureAlgorithm)
 * @param minRsaBits          smallest accepted RSA modulus in bits
 * @param curves              allowed named curves of EC keys (RFC 5480 §2.1.1.1 namedCurve)
 */
public record AlgorithmPolicy(Set<String> signatureAlgorithms, int minRsaBits, Set<String> curves) {

    /** Names of well-known weak algorithms, for readable reasons. */
    private static final Map<String, String> WEAK = Map.of(
            "1.2.840.113549.1.1.4", "MD5withRSA",
            "1.2.840.113549.1.1.2", "MD2withRSA",
            "1.2.840.113549.1.1.5", "SHA1withRSA",
            "1.2.840.10045.4.1", "SHA1withECDSA",
            "1.2.840.10040.4.3", "SHA1withDSA");

    public AlgorithmPolicy {
        signatureAlgorithms = Set.copyOf(signatureAlgorithms);
        curves = Set.copyOf(curves);
    }

    /**
     * SHA-2 RSA (PKCS#1 v1.5 and PSS), ECDSA with SHA-2, SM3withSM2 (GB/T 35276); RSA ≥ 2048 bits; curves
     * P-256, P-384, P-521 and sm2p256v1. SHA-1 and MD5 are not on the list.
     */
    public static AlgorithmPolicy defaults() {
        return new AlgorithmPolicy(Set.of(
                "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", // sha2WithRSA
                "1.2.840.113549.1.1.10", // RSASSA-PSS
                "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4", // ecdsa-with-SHA2
                "1.2.156.10197.1.501"), // SM3withSM2
                2048,
                Set.of(X9ObjectIdentifiers.prime256v1.getId(), "1.3.132.0.34", "1.3.132.0.35",
                        "1.2.156.10197.1.301"));
    }

    /** Empty when the signature algorithm is allowed, else the reason. */
    public Optional<String> checkSignatureAlgorithm(String oid, String what) {
        if (signatureAlgorithms.contains(oid)) {
            return Optional.empty();
        }
        return Optional.of(what + " is signed with " + WEAK.getOrDefault(oid, oid)
                + ", which the algorithm policy does not allow");
    }

    /** Empty when the key's algorithm and size are allowed, else the reason. */
    public Optional<String> checkKey(PublicKey key, String what) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= minRsaBits ? Optional.empty()
                    : Optional.of(what + " has an RSA key of " + bits + " bits, below the minimum " + minRsaBits);
        }
        AlgorithmIdentifier algorithm = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                && algorithm.getParameters() instanceof ASN1ObjectIdentifier curve) {
            return curves.contains(curve.getId()) ? Optional.empty()
                    : Optional.of(what + " has an EC key on curve " + curve.getId() + ", not allowed by the policy");
        }
        return Optional.of(what + " has a key of algorithm " + algorithm.getAlgorithm().getId()
                + " (or explicit curve parameters), not allowed by the policy");
    }
}
