package cn.tongban.licence.report;

import java.time.Instant;
import java.util.List;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The result of verifying a document (PDF or OFD licence, seal-stamped document): a report, not a boolean.
 * The indication is the worst of the document checks and the signatures: any TOTAL_FAILED, else any
 * INDETERMINATE, else TOTAL_PASSED; {@code rule} names the check that decided it.
 *
 * @param documentType   {@code PDF}, {@code OFD}, {@code SEAL} (a bare GB/T 38540 seal file) or {@code UNKNOWN}
 * @param documentDigest SHA-256 of the whole document, hex
 * @param indication     overall status
 * @param subIndication  why it did not pass; null when TOTAL_PASSED
 * @param rule           the rule of the deciding check; null when TOTAL_PASSED
 * @param validationTime the time the verification was made for
 * @param signatures     one entry per signature, document time-stamp or seal stamp
 * @param licence        licence metadata found in the document, null when there is none
 * @param checks         document-level checks (structure, changes after signing, shadow attacks, licence semantics)
 * @param warnings       findings that did not change the indication, e.g. "revocation not checked (--no-revocation)"
 */
public record VerificationReport(
        String documentType,
        String documentDigest,
        Indication indication,
        SubIndication subIndication,
        String rule,
        Instant validationTime,
        List<SignatureDetail> signatures,
        LicenceMetadata licence,
        List<Check> checks,
        List<String> warnings) {

    public VerificationReport {
        signatures = List.copyOf(signatures);
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }
}
