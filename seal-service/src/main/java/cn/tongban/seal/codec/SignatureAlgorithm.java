package cn.tongban.seal.codec;

import java.util.Optional;

/**
 * Signature algorithms accepted for seals and signatures (docs/STANDARDS.md §1.4). Hash and signature go in pairs:
 * SM2 with SM3, RSA/ECDSA with SHA-256 (docs/STANDARDS.md §1.3).
 */
public enum SignatureAlgorithm {
    /** GM/T 0006 sm2sign_with_sm3; Bouncy Castle applies the default user id 1234567812345678 (GB/T 35276). */
    SM3_WITH_SM2("1.2.156.10197.1.501", "SM3withSM2", true),
    /** RFC 4055 sha256WithRSAEncryption. */
    SHA256_WITH_RSA("1.2.840.113549.1.1.11", "SHA256withRSA", false),
    /** RFC 5758 ecdsa-with-SHA256. */
    SHA256_WITH_ECDSA("1.2.840.10045.4.3.2", "SHA256withECDSA", true);

    private final String oid;
    private final String jcaName;
    private final boolean ecdsaStyle;

    SignatureAlgorithm(String oid, String jcaName, boolean ecdsaStyle) {
        this.oid = oid;
        this.jcaName = jcaName;
        this.ecdsaStyle = ecdsaStyle;
    }

    public String oid() {
        return oid;
    }

    public String jcaName() {
        return jcaName;
    }

    /** Whether the value is an (r, s) pair, DER SEQUENCE { r INTEGER, s INTEGER }. */
    public boolean ecdsaStyle() {
        return ecdsaStyle;
    }

    public static Optional<SignatureAlgorithm> byOid(String oid) {
        for (SignatureAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
