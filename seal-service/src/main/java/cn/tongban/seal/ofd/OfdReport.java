package cn.tongban.seal.ofd;

import java.util.List;
import java.util.Optional;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Validation report for an OFD document: container-level checks and one report per signature. The document's
 * indication is the worst of its parts: any TOTAL_FAILED, else any INDETERMINATE, else TOTAL_PASSED.
 *
 * @param indication    overall status
 * @param subIndication reason of the first part that did not pass; empty when TOTAL_PASSED
 * @param checks        container checks (ZIP, OFD.xml, Signatures.xml)
 * @param signatures    per-signature reports, in Signatures.xml order
 */
public record OfdReport(
        Indication indication,
        Optional<SubIndication> subIndication,
        List<Check> checks,
        List<SignatureReport> signatures) {

    public OfdReport {
        checks = List.copyOf(checks);
        signatures = List.copyOf(signatures);
    }
}
