package cn.tongban.seal.ofd;

/**
 * The budgets of one OFD verification (GB/T 33190 package; docs/STANDARDS.md §1.6). Exceeding any of them is a
 * FORMAT_FAILURE of rule {@value #RULE} whose detail names the budget (the names below, as the server's
 * {@code tongban.verification.ofd.*} properties spell them), never an exception or an unbounded allocation.
 * Sizes are octets actually inflated, counted while inflating, not only the sizes the package declares.
 *
 * @param maxEntries                {@code max-entries}: entries (files and directories) in the central directory
 * @param maxTotalBytes             {@code max-total-size}: inflated octets over all entries
 * @param maxCompressionRatio       {@code max-compression-ratio}: inflated/compressed, per entry and for the whole
 *                                  package
 * @param maxEntryBytes             {@code max-entry-size}: inflated octets of one entry
 * @param maxSignatures             {@code max-signatures}: Signature entries listed in the Signatures.xml files
 * @param maxReferencesPerSignature {@code max-references-per-signature}: Reference entries of one Signature.xml
 * @param maxXmlBytes               {@code max-xml-size}: octets of one XML part the verifier parses (OFD.xml,
 *                                  Document.xml, Signatures.xml, Signature.xml, Attachments.xml), refused before its
 *                                  tree (several times its size in memory) is built
 */
public record OfdLimits(
        int maxEntries,
        long maxTotalBytes,
        double maxCompressionRatio,
        long maxEntryBytes,
        int maxSignatures,
        int maxReferencesPerSignature,
        long maxXmlBytes) {

    /** The rule reported when a budget is exceeded. */
    public static final String RULE = "OFD_BUDGET";

    static final String CLAUSE = "verification budgets (license-verify README, OFD package); ETSI EN 319 102-1 §5.1.3";

    /**
     * 10,000 entries; 64 MiB in total and 32 MiB per entry; ratio 100; 64 signatures of at most 4,096 references
     * each; XML parts of 4 MiB (a stamper references every file once, so 4,096 covers a package of over a thousand pages). Each
     * listed signature costs ~0.35 ms of CPU (OfdBudgetsTest's document: 20,000 took 6.8 s and passed; refused
     * by this budget, 0.09 s).
     */
    public static final OfdLimits DEFAULT =
            new OfdLimits(10_000, 64L * 1024 * 1024, 100.0, 32L * 1024 * 1024, 64, 4_096, 4L * 1024 * 1024);

    public OfdLimits {
        if (maxEntries < 1
                || maxTotalBytes < 1
                || !(maxCompressionRatio >= 1.0)
                || maxEntryBytes < 1
                || maxSignatures < 1
                || maxReferencesPerSignature < 1
                || maxXmlBytes < 1) {
            throw new IllegalArgumentException("OFD budgets must be positive and the ratio at least 1");
        }
        if (maxEntryBytes > 1L << 30) {
            throw new IllegalArgumentException("one entry is held in one array: max-entry-size is at most 1 GiB");
        }
    }

    public OfdLimits withMaxEntries(int n) {
        return new OfdLimits(
                n,
                maxTotalBytes,
                maxCompressionRatio,
                maxEntryBytes,
                maxSignatures,
                maxReferencesPerSignature,
                maxXmlBytes);
    }

    public OfdLimits withMaxTotalBytes(long n) {
        return new OfdLimits(
                maxEntries,
                n,
                maxCompressionRatio,
                maxEntryBytes,
                maxSignatures,
                maxReferencesPerSignature,
                maxXmlBytes);
    }

    public OfdLimits withMaxCompressionRatio(double r) {
        return new OfdLimits(
                maxEntries, maxTotalBytes, r, maxEntryBytes, maxSignatures, maxReferencesPerSignature, maxXmlBytes);
    }

    public OfdLimits withMaxEntryBytes(long n) {
        return new OfdLimits(
                maxEntries,
                maxTotalBytes,
                maxCompressionRatio,
                n,
                maxSignatures,
                maxReferencesPerSignature,
                maxXmlBytes);
    }

    public OfdLimits withMaxSignatures(int n) {
        return new OfdLimits(
                maxEntries,
                maxTotalBytes,
                maxCompressionRatio,
                maxEntryBytes,
                n,
                maxReferencesPerSignature,
                maxXmlBytes);
    }

    public OfdLimits withMaxReferencesPerSignature(int n) {
        return new OfdLimits(
                maxEntries, maxTotalBytes, maxCompressionRatio, maxEntryBytes, maxSignatures, n, maxXmlBytes);
    }

    public OfdLimits withMaxXmlBytes(long n) {
        return new OfdLimits(
                maxEntries,
                maxTotalBytes,
                maxCompressionRatio,
                maxEntryBytes,
                maxSignatures,
                maxReferencesPerSignature,
                n);
    }

    /** The failure for budget {@code name} (its property name) exceeded by {@code actual}. */
    OfdFormatException exceeded(String name, Object limit, String actual) {
        return new OfdFormatException(RULE, CLAUSE, name + " budget (" + limit + ") exceeded: " + actual);
    }
}
