package cn.tongban.trust.validation;

import java.util.Comparator;
import java.util.List;

import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * How path and time-stamp validation rank and report their sub-indications (ETSI EN 319 102-1 §5.1.3 Table 5):
 * when several rules fail, the first of {@link #ORDER} is reported, under the indication ETSI pairs it with.
 * The first five are definitive (TOTAL_FAILED); the rest could be cured by more evidence (INDETERMINATE).
 */
final class Severity {

    private static final List<SubIndication> ORDER = List.of(
            SubIndication.SIG_CRYPTO_FAILURE, // a certificate or token does not verify with its issuer's key
            SubIndication.HASH_FAILURE, // the time-stamp imprint does not match (RFC 3161 §2.4.2)
            SubIndication.REVOKED, // the leaf was revoked at or before the validation time
            SubIndication.EXPIRED, // the validation time lies after the leaf's notAfter
            SubIndication.NOT_YET_VALID, // the validation time lies before the leaf's notBefore
            SubIndication.FORMAT_FAILURE, // the token or an object it carries does not parse
            SubIndication.NO_SIGNING_CERTIFICATE_FOUND, // TSA certificate absent or not the ESS-named one
            SubIndication.NO_CERTIFICATE_CHAIN_FOUND, // no path from the leaf to an anchor of the set
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE, // an algorithm or key size below the AlgorithmPolicy
            SubIndication.CHAIN_CONSTRAINTS_FAILURE, // basicConstraints, pathLen, key usage, EKU, critical extension
            SubIndication.OUT_OF_BOUNDS_NO_POE, // a CA certificate outside its validity at the validation time
            SubIndication.REVOKED_CA_NO_POE, // a CA certificate revoked at or before the validation time
            SubIndication.TRY_LATER); // revocation status required but not obtainable

    private static final int DEFINITIVE = ORDER.indexOf(SubIndication.NOT_YET_VALID);

    /** Most severe first. */
    static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparingInt(f -> rank(f.subIndication()));

    private Severity() {}

    /** The main indication {@code sub} is reported under by path and time-stamp validation. */
    static Indication indication(SubIndication sub) {
        return rank(sub) <= DEFINITIVE ? Indication.TOTAL_FAILED : Indication.INDETERMINATE;
    }

    private static int rank(SubIndication sub) {
        int i = ORDER.indexOf(sub);
        if (i < 0) {
            throw new IllegalArgumentException(sub + " is not a path or time-stamp validation outcome");
        }
        return i;
    }
}
