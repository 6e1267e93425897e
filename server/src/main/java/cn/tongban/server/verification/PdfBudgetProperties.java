package cn.tongban.server.verification;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import cn.tongban.seal.pdf.PdfLimits;

/**
 * The budgets of one PDF document, under {@code tongban.verification.pdf} (seal-service {@link PdfLimits}; the
 * license-verify README's "Budgets" lists what each one bounds). A document over one is a FORMAT_FAILURE report
 * with rule {@code PDF_BUDGET}, and a stamp request with such a PDF is 422 DOCUMENT_OVER_BUDGET.
 *
 * @param maxStreamBytes most decompressed bytes of one decoded stream (attachments, object streams, XMP)
 * @param maxTotalBytes  most decompressed bytes of all decoded streams of one document
 * @param maxObjects     most indirect objects in one cross-reference table or stream
 * @param maxNesting     deepest array/dictionary nesting, page- and field-tree depth, {@code /Parent} chain
 * @param maxAsn1Depth   deepest ASN.1 nesting of a signature's {@code /Contents}
 * @param maxSignatures  most signature fields with a value
 * @param maxReferences  most {@code /Reference} entries of one signature
 * @param maxPages       most pages in the page tree
 */
public record PdfBudgetProperties(
        @DefaultValue("32MB") DataSize maxStreamBytes,
        @DefaultValue("256MB") DataSize maxTotalBytes,
        @DefaultValue("100000") @Min(1) int maxObjects,
        @DefaultValue("100") @Min(1) int maxNesting,
        @DefaultValue("100") @Min(1) int maxAsn1Depth,
        @DefaultValue("100") @Min(1) int maxSignatures,
        @DefaultValue("16") @Min(1) int maxReferences,
        @DefaultValue("10000") @Min(1) int maxPages) {

    /** The defaults, as {@link PdfLimits#DEFAULT}. */
    public static PdfBudgetProperties defaults() {
        PdfLimits d = PdfLimits.DEFAULT;
        return new PdfBudgetProperties(
                DataSize.ofBytes(d.maxStreamBytes()),
                DataSize.ofBytes(d.maxTotalBytes()),
                d.maxObjects(),
                d.maxNesting(),
                d.maxAsn1Depth(),
                d.maxSignatures(),
                d.maxReferences(),
                d.maxPages());
    }

    public PdfLimits limits() {
        return new PdfLimits(
                maxStreamBytes.toBytes(),
                maxTotalBytes.toBytes(),
                maxObjects,
                maxNesting,
                maxAsn1Depth,
                maxSignatures,
                maxReferences,
                maxPages);
    }
}
