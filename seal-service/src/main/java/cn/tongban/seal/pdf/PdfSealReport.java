package cn.tongban.seal.pdf;

import java.util.List;
import java.util.Optional;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Seal-specific validation report for a PDF: document-level checks and one report per signature field. The
 * indication is the worst of its parts. Generic PDF checks (shadow attacks, modifications after signing
 * beyond incremental signature updates) are license-verify's.
 */
public record PdfSealReport(
        Indication indication,
        Optional<SubIndication> subIndication,
        List<Check> checks,
        List<PdfSignatureReport> signatures) {
    public PdfSealReport {
        checks = List.copyOf(checks);
        signatures = List.copyOf(signatures);
    }
}
