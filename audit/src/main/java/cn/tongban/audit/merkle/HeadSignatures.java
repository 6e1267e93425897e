package cn.tongban.audit.merkle;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;

/**
 * Which signature algorithm a platform key implies. Decided from the key's curve, never from a stored
 * algorithm name, so a head cannot talk a verifier into a weaker algorithm.
 */
final class HeadSignatures {

    static final String ECDSA_P256 = "SHA256withECDSA";
    static final String SM2 = "SM3withSM2";

    /** GB/T 32918.5 (SM2) curve prime p. */
    private static final BigInteger SM2_P =
            new BigInteger("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF", 16);
    /** FIPS 186-4 P-256 prime p. */
    private static final BigInteger P256_P =
            new BigInteger("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16);

    private HeadSignatures() {}

    static String algorithmFor(Key key) {
        if (key instanceof ECKey ec
                && ec.getParams() != null
                && ec.getParams().getCurve().getField() instanceof ECFieldFp field) {
            BigInteger p = field.getP();
            if (p.equals(P256_P)) {
                return ECDSA_P256;
            }
            if (p.equals(SM2_P)) {
                return SM2;
            }
        }
        throw new IllegalArgumentException(
                "tree heads are signed with ECDSA P-256 or SM2 keys, not " + key.getAlgorithm() + describe(key));
    }

    private static String describe(Key key) {
        if (key instanceof ECKey ec) {
            ECParameterSpec params = ec.getParams();
            return params == null
                    ? ""
                    : " (field size " + params.getCurve().getField().getFieldSize() + ")";
        }
        return "";
    }
}
