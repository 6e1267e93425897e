package cn.tongban.licence.pdf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import cn.tongban.licence.report.Check;
import cn.tongban.licence.report.DocumentVerifier;
import cn.tongban.licence.report.Indication;
import cn.tongban.licence.report.SignatureDetail;
import cn.tongban.licence.report.SubIndication;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.licence.verify.Reports;
import cn.tongban.seal.pdf.PdfSealReport;
import cn.tongban.seal.pdf.PdfSealVerifier;
import cn.tongban.seal.pdf.PdfSignatureReport;
import cn.tongban.seal.registry.SealStatusSource;

/**
 * PDF documents through seal-service's {@link PdfSealVerifier} (ByteRange shape, CMS signature, ESS
 * signing-certificate-v2, the GB/T 38540 seal carried in the signed attributes, certificates judged by
 * {@link DocumentTrust} at the claimed signing time), mapped onto the common report. It does not yet apply the
 * licence verifier's stricter PDF rules (changes after signing, shadow attacks, licence.json): see the
 * license-verify README for what it checks today.
 */
public final class PdfSealDocumentVerifier implements DocumentVerifier {

    private final DocumentTrust trust;
    private final SealStatusSource registry;

    public PdfSealDocumentVerifier(DocumentTrust trust, SealStatusSource registry) {
        this.trust = Objects.requireNonNull(trust);
        this.registry = registry;
    }

    @Override
    public VerificationReport verify(byte[] document, VerificationOptions options) {
        Instant at = options.validationTime() != null ? options.validationTime() : trust.clock().instant();
        List<String> warnings = new ArrayList<>();
        if (!options.checkRevocation()) {
            warnings.add("revocation not checked (--no-revocation / revocation=false)");
        }
        PdfSealReport pdf = new PdfSealVerifier(trust.judge(options, DocumentTrust.SIGNERS), registry).verify(document);
        List<Check> checks = pdf.checks().stream().map(PdfSealDocumentVerifier::map).toList();
        List<SignatureDetail> signatures = pdf.signatures().stream().map(PdfSealDocumentVerifier::detail).toList();
        return Reports.of("PDF", document, at, checks, signatures, null, warnings);
    }

    static Check map(cn.tongban.seal.ofd.Check c) {
        SubIndication sub = c.subIndication().map(s -> SubIndication.valueOf(s.name())).orElse(null);
        return switch (c.status()) {
            case PASSED -> Check.passed(c.name(), c.clause(), c.detail());
            case FAILED -> Check.failed(c.name(), sub, c.clause(), c.detail());
            case INDETERMINATE -> Check.indeterminate(c.name(), sub, c.clause(), c.detail());
        };
    }

    private static SignatureDetail detail(PdfSignatureReport s) {
        List<Check> checks = s.checks().stream().map(PdfSealDocumentVerifier::map).toList();
        Check decisive = Reports.decisive(checks);
        return new SignatureDetail(s.fieldName(), s.esId().isPresent() ? "SEAL" : "SIGNATURE",
                Indication.valueOf(s.indication().name()), decisive == null ? null : decisive.subIndication(),
                s.signerSubject().orElse(null), null, s.signingTime().orElse(null), "CLAIMED",
                s.coversWholeFile() ? "WHOLE_DOCUMENT" : "EARLIER_REVISION " + s.byteRange(),
                s.esId().isPresent() || s.sealName().isPresent()
                        ? new SignatureDetail.Seal(s.esId().orElse(null), s.sealName().orElse(null), null, null, null, null)
                        : null,
                checks);
    }
}
