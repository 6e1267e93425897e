package cn.tongban.licence.report;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What a caller asks of one verification.
 *
 * @param validationTime   the time to validate at when no trusted time-stamp proves an earlier signing time;
 *                         null for "now" from the verifier's clock
 * @param extraAnchors     certificates trusted for this call only, in addition to the configured anchor sets
 *                         (CLI {@code --trust}); an end-entity certificate may be an anchor
 * @param checkRevocation  false skips OCSP/CRL (reported as a warning)
 */
public record VerificationOptions(Instant validationTime, List<X509Certificate> extraAnchors, boolean checkRevocation) {

    public VerificationOptions {
        extraAnchors = List.copyOf(extraAnchors);
    }

    public static VerificationOptions defaults() {
        return new VerificationOptions(null, List.of(), true);
    }
}
