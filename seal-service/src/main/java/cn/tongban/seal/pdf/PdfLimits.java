package cn.tongban.seal.pdf;

/**
 * The budgets of one PDF document, for verification and stamping ({@link PdfBudget}). Exceeding one is a
 * FORMAT_FAILURE with rule {@value PdfBudget#RULE} (or a refused stamp) naming the budget, never an
 * OutOfMemoryError or StackOverflowError. The defaults are far above genuine licences (a few pages, tens of
 * objects, one to a few signatures) and far below what hurts a server verifying several documents at once.
 *
 * @param maxStreamBytes   most decompressed bytes of one stream that is decoded (embedded files such as
 *                         {@code licence.json}, object streams, cross-reference streams, XMP)
 * @param maxTotalBytes    most decompressed bytes of all decoded streams of one document, all its revisions
 *                         together
 * @param maxObjects       most indirect objects in a cross-reference table or stream (each revision)
 * @param maxNesting       deepest nesting of arrays and dictionaries in one object, and longest {@code /Parent}
 *                         chain and page- or field-tree depth
 * @param maxAsn1Depth     deepest ASN.1 nesting in a signature's {@code /Contents} (checked before Bouncy Castle
 *                         parses it; {@link cn.tongban.trust.pki.Asn1Depth})
 * @param maxSignatures    most signature fields (signatures and document time-stamps)
 * @param maxReferences    most {@code /Reference} entries (DocMDP, FieldMDP) of one signature
 * @param maxPages         most pages walked in the page tree; a tree that loops is refused whatever its size
 */
public record PdfLimits(
        long maxStreamBytes,
        long maxTotalBytes,
        int maxObjects,
        int maxNesting,
        int maxAsn1Depth,
        int maxSignatures,
        int maxReferences,
        int maxPages) {

    /**
     * 32 MiB per stream, 256 MiB per document, 100,000 objects, nesting 100, ASN.1 depth 100, 100 signatures,
     * 16 references per signature, 10,000 pages.
     */
    public static final PdfLimits DEFAULT = new PdfLimits(
            32L << 20, 256L << 20, 100_000, 100, cn.tongban.trust.pki.Asn1Depth.DEFAULT_MAX_DEPTH, 100, 16, 10_000);

    public PdfLimits {
        if (maxStreamBytes < 1
                || maxTotalBytes < 1
                || maxObjects < 1
                || maxNesting < 1
                || maxAsn1Depth < 1
                || maxSignatures < 1
                || maxReferences < 1
                || maxPages < 1) {
            throw new IllegalArgumentException("PDF budgets must be positive");
        }
    }
}
