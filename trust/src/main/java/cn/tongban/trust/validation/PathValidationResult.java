package cn.tongban.trust.validation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Outcome of validating a certificate path at a given time.
 *
 * @param indication    the verdict
 * @param subIndication why it is not TOTAL_PASSED; null when it is
 * @param validationTime the time the path was judged at
 * @param chain         the path built, leaf first and anchor last; empty when none was found
 * @param facts         per-certificate facts, in chain order
 * @param reasons       every failed rule, most severe first, human-readable with clauses
 * @param warnings      what was deliberately not checked and why (e.g. revocation of a certificate that declares
 *                      no source, as its anchor set allows), each starting with its rule name; never changes the
 *                      indication
 */
public record PathValidationResult(
        Indication indication,
        SubIndication subIndication,
        Instant validationTime,
        List<X509Certificate> chain,
        List<CertificateFacts> facts,
        List<String> reasons,
        List<String> warnings) {

    /** A result without warnings. */
    public PathValidationResult(
            Indication indication,
            SubIndication subIndication,
            Instant validationTime,
            List<X509Certificate> chain,
            List<CertificateFacts> facts,
            List<String> reasons) {
        this(indication, subIndication, validationTime, chain, facts, reasons, List.of());
    }

    public PathValidationResult {
        Objects.requireNonNull(indication, "indication");
        if ((indication == Indication.TOTAL_PASSED) != (subIndication == null)) {
            throw new IllegalArgumentException("a sub-indication is given exactly when the result is not passed");
        }
        chain = List.copyOf(chain);
        facts = List.copyOf(facts);
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
    }

    public boolean passed() {
        return indication == Indication.TOTAL_PASSED;
    }

    /** Facts of the leaf, if a path was built. */
    public java.util.Optional<CertificateFacts> leafFacts() {
        return facts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(facts.get(0));
    }
}
