package cn.tongban.licence.pdf.corpus;

import java.util.ArrayList;
import java.util.List;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

/**
 * EU DSS 6.4 validating a PDF with its default validation policy, the test PKI's root as its trusted list
 * ({@code CommonTrustedCertificateSource}), the issuing CA as an adjunct certificate, revocation from the PKI's
 * CRLs served from memory (no OCSP, no AIA, no network) — the other opinion the control corpus is checked against.
 */
final class DssJudge {

    /** DSS's verdict on one document: TOTAL_PASSED only when every signature and time-stamp passed. */
    record Verdict(boolean passed, String summary) {
        @Override
        public String toString() {
            return summary;
        }
    }

    private final CorpusPki pki;

    DssJudge(CorpusPki pki) {
        this.pki = pki;
    }

    Verdict validate(byte[] pdf) {
        SimpleReport report;
        try {
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
            validator.setCertificateVerifier(DssProducer.verifier(pki));
            report = validator.validateDocument().getSimpleReport();
        } catch (RuntimeException e) {
            return new Verdict(false, "DSS threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<String> parts = new ArrayList<>();
        boolean passed = !report.getSignatureIdList().isEmpty();
        for (String id : report.getSignatureIdList()) {
            passed &= report.getIndication(id) == Indication.TOTAL_PASSED;
            parts.add(describe(report, id, "signature"));
        }
        for (String id : report.getTimestampIdList()) {
            Indication i = report.getIndication(id);
            passed &= i == Indication.PASSED || i == Indication.TOTAL_PASSED;
            parts.add(describe(report, id, "time-stamp"));
        }
        if (report.getSignatureIdList().isEmpty()) {
            parts.add("no signature");
        }
        return new Verdict(passed, String.join("; ", parts));
    }

    private static String describe(SimpleReport report, String id, String kind) {
        String sub = report.getSubIndication(id) == null ? "" : "/" + report.getSubIndication(id);
        List<String> notes = new ArrayList<>();
        report.getAdESValidationErrors(id).stream().map(Message::getValue).forEach(notes::add);
        report.getAdESValidationWarnings(id).stream()
                .map(Message::getValue)
                .limit(3)
                .map(w -> "warning: " + w)
                .forEach(notes::add);
        return kind + " " + report.getIndication(id) + sub + (notes.isEmpty() ? "" : " " + notes);
    }
}
