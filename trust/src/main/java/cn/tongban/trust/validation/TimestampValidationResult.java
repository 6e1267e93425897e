package cn.tongban.trust.validation;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Outcome of validating an RFC 3161 time-stamp token.
 *
 * @param indication      the verdict
 * @param subIndication   why it is not TOTAL_PASSED; null when it is
 * @param genTime         TSTInfo genTime (RFC 3161 §2.4.2); null when the token does not parse
 * @param imprintMatches  whether messageImprint equals the digest of the data
 * @param signatureValid  whether the CMS signature verifies with the TSA certificate's key
 * @param tsaCertificate  the signer certificate; null when not found
 * @param tsaPath         the TSA certificate's path validation at genTime; null when not reached
 * @param policy          TSTInfo policy OID; null when the token does not parse
 * @param serialNumber    TSTInfo serialNumber; null when the token does not parse
 * @param reasons         every failed rule, most severe first
 */
public record TimestampValidationResult(
        Indication indication,
        SubIndication subIndication,
        Instant genTime,
        boolean imprintMatches,
        boolean signatureValid,
        X509Certificate tsaCertificate,
        PathValidationResult tsaPath,
        String policy,
        BigInteger serialNumber,
        List<String> reasons) {

    public TimestampValidationResult {
        Objects.requireNonNull(indication, "indication");
        if ((indication == Indication.TOTAL_PASSED) != (subIndication == null)) {
            throw new IllegalArgumentException("a sub-indication is given exactly when the result is not passed");
        }
        reasons = List.copyOf(reasons);
    }

    public boolean passed() {
        return indication == Indication.TOTAL_PASSED;
    }
}
