package cn.tongban.audit.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Merkle tree of RFC 9162 §2.1 over a store of leaf hashes: the root of any past size, inclusion proofs
 * (§2.1.3.1) and consistency proofs (§2.1.4.1).
 *
 * <p>Hashes of complete (power-of-two, aligned) subtrees never change in an append-only log, so those of at
 * least {@value #CACHED_MIN_LEVEL_LEAVES} leaves are cached; a root or a proof then costs O(log n) cached
 * look-ups plus a few leaf reads, after the first pass over the leaves.
 */
public final class MerkleTree {

    private static final int CACHED_MIN_LEVEL = 3;
    private static final int CACHED_MIN_LEVEL_LEAVES = 1 << CACHED_MIN_LEVEL;

    private final LeafHashes leaves;
    private final Map<Long, byte[]> completeSubtrees = new ConcurrentHashMap<>();

    public MerkleTree(LeafHashes leaves) {
        this.leaves = leaves;
    }

    public long size() {
        return leaves.size();
    }

    /** RFC 9162 §2.1.1: MTH(D[0:size]). */
    public byte[] root(long size) {
        checkSize(size);
        return size == 0 ? MerkleHash.empty() : hash(0, size);
    }

    /** RFC 9162 §2.1.3.1: PATH(m, D[0:size]), ordered from the leaf's sibling up to the root's child. */
    public List<byte[]> inclusionProof(long leafIndex, long size) {
        checkSize(size);
        if (leafIndex < 0 || leafIndex >= size) {
            throw new IllegalArgumentException("leaf " + leafIndex + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(leafIndex, 0, size, path);
        return path;
    }

    /** RFC 9162 §2.1.4.1: PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true), for 0 &lt; m &lt;= n. */
    public List<byte[]> consistencyProof(long m, long n) {
        checkSize(n);
        if (m <= 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(m, 0, n, true, proof);
        return proof;
    }

    /** PATH(m, D[start:start+n]) per §2.1.3.1, appended bottom-up. */
    private void path(long m, long start, long n, List<byte[]> out) {
        if (n == 1) {
            return; // PATH(0, {d(0)}) = {}
        }
        long k = MerkleHash.splitPoint(n);
        if (m < k) {
            path(m, start, k, out); // PATH(m, D[0:k]) : MTH(D[k:n])
            out.add(hash(start + k, n - k));
        } else {
            path(m - k, start + k, n - k, out); // PATH(m - k, D[k:n]) : MTH(D[0:k])
            out.add(hash(start, k));
        }
    }

    /** SUBPROOF(m, D[start:start+n], b) per §2.1.4.1, appended bottom-up. */
    private void subproof(long m, long start, long n, boolean b, List<byte[]> out) {
        if (m == n) {
            if (!b) {
                out.add(hash(start, n)); // SUBPROOF(m, D[m], false) = {MTH(D[m])}
            }
            return; // SUBPROOF(m, D[m], true) = {}
        }
        long k = MerkleHash.splitPoint(n);
        if (m <= k) {
            subproof(m, start, k, b, out); // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
            out.add(hash(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, out); // SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
            out.add(hash(start, k));
        }
    }

    /** MTH(D[start:start+n]) for n &gt;= 1. */
    byte[] hash(long start, long n) {
        if (n == 1) {
            return leaves.get(start);
        }
        boolean complete = Long.bitCount(n) == 1 && n >= CACHED_MIN_LEVEL_LEAVES && start % n == 0;
        if (complete) {
            Long key = cacheKey(start, n);
            byte[] cached = completeSubtrees.get(key);
            if (cached != null) {
                return cached;
            }
            byte[] computed = split(start, n);
            completeSubtrees.put(key, computed);
            return computed;
        }
        return split(start, n);
    }

    private byte[] split(long start, long n) {
        long k = MerkleHash.splitPoint(n);
        return MerkleHash.node(hash(start, k), hash(start + k, n - k));
    }

    private static Long cacheKey(long start, long n) {
        int level = Long.numberOfTrailingZeros(n);
        return ((long) level << 56) | (start >>> level);
    }

    private void checkSize(long size) {
        if (size < 0 || size > leaves.size()) {
            throw new IllegalArgumentException("tree size " + size + " outside 0.." + leaves.size());
        }
    }
}
