package cn.tongban.audit.merkle;

/**
 * The leaf hashes of an append-only log, by leaf index (0-based). Entries never change once present, so
 * callers may cache anything derived from a complete subtree.
 */
public interface LeafHashes {

    /** The leaf hash at {@code index}, 0 &lt;= index &lt; size(). */
    byte[] get(long index);

    /** The number of leaves. */
    long size();
}
