package cn.tongban.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The frontier of an append-only Merkle tree: the roots of the complete subtrees that the binary
 * decomposition of the size splits the leaves into (largest, leftmost first). It holds O(log n) hashes,
 * appends in amortised O(1) hashing and yields the RFC 9162 §2.1.1 root without reading any leaf.
 * Not thread-safe; {@link #copy()} gives an independent one.
 */
public final class CompactRange {

    private final List<byte[]> subtreeRoots;
    private long size;

    public CompactRange() {
        this(new ArrayList<>(), 0);
    }

    private CompactRange(List<byte[]> subtreeRoots, long size) {
        this.subtreeRoots = subtreeRoots;
        this.size = size;
    }

    /** The frontier of the first {@code size} leaves of {@code tree}, from O(log n) (cached) subtree hashes. */
    public static CompactRange of(MerkleTree tree, long size) {
        if (size < 0 || size > tree.size()) {
            throw new IllegalArgumentException("tree size " + size + " outside 0.." + tree.size());
        }
        List<byte[]> roots = new ArrayList<>();
        long start = 0;
        for (int bit = 62; bit >= 0; bit--) {
            long width = 1L << bit;
            if ((size & width) != 0) {
                roots.add(tree.hash(start, width));
                start += width;
            }
        }
        return new CompactRange(roots, size);
    }

    /**
     * The frontier given by its subtree roots (largest first), e.g. the prefix of an export: one root per 1 bit
     * of {@code size}, each of {@link MerkleHash#LENGTH} bytes.
     */
    public static CompactRange of(long size, List<byte[]> subtreeRoots) {
        if (size < 0
                || subtreeRoots.size() != Long.bitCount(size)
                || subtreeRoots.stream().anyMatch(r -> r == null || r.length != MerkleHash.LENGTH)) {
            throw new IllegalArgumentException("a frontier of size " + size + " has " + Long.bitCount(size)
                    + " subtree roots of " + MerkleHash.LENGTH + " bytes");
        }
        List<byte[]> copy = new ArrayList<>();
        subtreeRoots.forEach(r -> copy.add(r.clone()));
        return new CompactRange(copy, size);
    }

    /** The subtree roots, largest (leftmost) first. */
    public List<byte[]> subtreeRoots() {
        return subtreeRoots.stream().map(byte[]::clone).toList();
    }

    public void append(byte[] leafHash) {
        if (leafHash.length != MerkleHash.LENGTH) {
            throw new IllegalArgumentException("a leaf hash has " + MerkleHash.LENGTH + " bytes");
        }
        byte[] carry = leafHash.clone();
        // Each trailing 1 bit of the old size is a complete subtree of the same height as carry: merge them.
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            carry = MerkleHash.node(subtreeRoots.remove(subtreeRoots.size() - 1), carry);
        }
        subtreeRoots.add(carry);
        size++;
    }

    public long size() {
        return size;
    }

    /** RFC 9162 §2.1.1 MTH of the leaves appended so far: the subtree roots folded from the right. */
    public byte[] root() {
        if (size == 0) {
            return MerkleHash.empty();
        }
        byte[] root = subtreeRoots.get(subtreeRoots.size() - 1);
        for (int i = subtreeRoots.size() - 2; i >= 0; i--) {
            root = MerkleHash.node(subtreeRoots.get(i), root);
        }
        return root.clone();
    }

    public CompactRange copy() {
        return new CompactRange(new ArrayList<>(subtreeRoots), size);
    }
}
