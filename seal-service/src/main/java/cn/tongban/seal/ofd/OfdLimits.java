package cn.tongban.seal.ofd;

/**
 * Resource limits applied while opening an OFD container (a ZIP, GB/T 33190; STANDARDS §1.6). Exceeding any of
 * them is a FORMAT_FAILURE, never an exception or an unbounded allocation.
 *
 * @param maxEntries          most entries (files and directories) read
 * @param maxTotalBytes       most uncompressed octets read over all entries
 * @param maxCompressionRatio highest uncompressed/compressed ratio accepted, per entry and for the whole archive
 */
public record OfdLimits(int maxEntries, long maxTotalBytes, double maxCompressionRatio) {

    /** 10,000 entries, 64 MiB uncompressed, ratio 100. */
    public static final OfdLimits DEFAULT = new OfdLimits(10_000, 64L * 1024 * 1024, 100.0);

    public OfdLimits {
        if (maxEntries < 1 || maxTotalBytes < 1 || !(maxCompressionRatio >= 1.0)) {
            throw new IllegalArgumentException("limits must be positive and the ratio at least 1");
        }
    }
}
