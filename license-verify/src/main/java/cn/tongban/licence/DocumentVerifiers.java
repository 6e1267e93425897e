package cn.tongban.licence;

import java.time.Instant;
import java.util.Objects;

import cn.tongban.licence.report.DocumentVerifier;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.seal.SealFileVerifier;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.licence.verify.Reports;
import cn.tongban.seal.codec.SealDecoder;

/**
 * Chooses the verifier by content, never by name or declared type: {@code %PDF-} within the first 1,024 bytes (ISO
 * 32000-1 §7.5.2 allows leading bytes) is PDF; a ZIP local file header ({@code PK\3\4}) is OFD (GB/T 33190 is a ZIP
 * package); DER that opens as an SESeal does (SEQUENCE, SEQUENCE, SEQUENCE, IA5String "ES":
 * {@link SealDecoder#startsLikeSeal}) is a bare GB/T 38540 seal file; anything else is reported as FORMAT_FAILURE.
 */
public final class DocumentVerifiers implements DocumentVerifier {

    /** Why a document of kind UNKNOWN is refused, for the report and for callers that refuse it themselves. */
    public static final String UNKNOWN_DETAIL =
            "neither a PDF (%PDF- header), an OFD (ZIP package) nor a GB/T 38540 seal file (DER SESeal)";

    /** What a document looks like. */
    public enum Kind {
        PDF,
        OFD,
        SEAL,
        UNKNOWN
    }

    private final DocumentVerifier pdf;
    private final DocumentVerifier ofd;
    private final DocumentVerifier seal;
    private final java.time.Clock clock;

    public DocumentVerifiers(DocumentVerifier pdf, DocumentVerifier ofd, DocumentVerifier seal, java.time.Clock clock) {
        this.pdf = Objects.requireNonNull(pdf);
        this.ofd = Objects.requireNonNull(ofd);
        this.seal = Objects.requireNonNull(seal);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The verifiers for every kind over one trust configuration; {@code registry} may be null. */
    public static DocumentVerifiers standard(
            DocumentTrust trust,
            cn.tongban.seal.report.SealStatusSource registry,
            cn.tongban.seal.ofd.OfdLimits limits) {
        return standard(trust, registry, limits, cn.tongban.seal.pdf.PdfLimits.DEFAULT);
    }

    /** As {@link #standard(DocumentTrust, cn.tongban.seal.report.SealStatusSource, cn.tongban.seal.ofd.OfdLimits)},
     * with the budgets of each PDF ({@code pdfLimits}). */
    public static DocumentVerifiers standard(
            DocumentTrust trust,
            cn.tongban.seal.report.SealStatusSource registry,
            cn.tongban.seal.ofd.OfdLimits limits,
            cn.tongban.seal.pdf.PdfLimits pdfLimits) {
        return new DocumentVerifiers(
                new cn.tongban.licence.pdf.PdfLicenceVerifier(trust, registry, pdfLimits),
                new cn.tongban.licence.ofd.OfdLicenceVerifier(trust, limits, registry),
                new SealFileVerifier(trust, registry),
                trust.clock());
    }

    public static Kind sniff(byte[] d) {
        if (d.length >= 4 && d[0] == 'P' && d[1] == 'K' && d[2] == 3 && d[3] == 4) {
            return Kind.OFD;
        }
        if (SealDecoder.startsLikeSeal(d)) {
            return Kind.SEAL;
        }
        int limit = Math.min(d.length - 5, 1024);
        for (int i = 0; i <= limit; i++) {
            if (d[i] == '%' && d[i + 1] == 'P' && d[i + 2] == 'D' && d[i + 3] == 'F' && d[i + 4] == '-') {
                return Kind.PDF;
            }
        }
        return Kind.UNKNOWN;
    }

    @Override
    public VerificationReport verify(byte[] document, VerificationOptions options) {
        return switch (sniff(document)) {
            case PDF -> pdf.verify(document, options);
            case OFD -> ofd.verify(document, options);
            case SEAL -> seal.verify(document, options);
            case UNKNOWN -> {
                Instant at = options.validationTime() != null ? options.validationTime() : clock.instant();
                yield Reports.unreadable(
                        "UNKNOWN",
                        document,
                        at,
                        "DOCUMENT_TYPE",
                        "ISO 32000-1 §7.5.2; GB/T 33190; GB/T 38540 SESeal",
                        UNKNOWN_DETAIL);
            }
        };
    }
}
