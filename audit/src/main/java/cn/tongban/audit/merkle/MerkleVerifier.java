package cn.tongban.audit.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Proof verification exactly as the iterative algorithms of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2
 * (consistency) state them; it shares nothing with the recursive generator in {@link MerkleTree} but the
 * hash functions of §2.1.1. A bad proof yields {@code false}, never an exception.
 */
public final class MerkleVerifier {

    private MerkleVerifier() {}

    /** RFC 9162 §2.1.3.2: does {@code proof} show that {@code leafHash} is leaf {@code leafIndex} of the tree? */
    public static boolean verifyInclusion(
            long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] rootHash) {
        // Step 1: leaf_index >= tree_size fails.
        if (leafIndex < 0 || leafIndex >= treeSize || !wellFormed(proof) || leafHash.length != MerkleHash.LENGTH) {
            return false;
        }
        long fn = leafIndex; // step 2
        long sn = treeSize - 1;
        byte[] r = leafHash; // step 3
        for (byte[] p : proof) { // step 4
            if (sn == 0) { // 4a
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) { // 4b
                r = MerkleHash.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            fn >>>= 1; // 4c
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, rootHash); // step 5
    }

    /**
     * RFC 9162 §2.1.4.2: does {@code proof} show that the tree of {@code firstSize} leaves with root
     * {@code firstHash} is a prefix of the tree of {@code secondSize} leaves with root {@code secondHash}?
     * Equal sizes take the empty proof and equal roots (§2.1.4.1: SUBPROOF(m, D[m], true) = {}).
     */
    public static boolean verifyConsistency(
            long firstSize, long secondSize, byte[] firstHash, byte[] secondHash, List<byte[]> proof) {
        if (firstSize <= 0 || firstSize > secondSize || !wellFormed(proof)) {
            return false;
        }
        if (firstSize == secondSize) {
            return proof.isEmpty() && MessageDigest.isEqual(firstHash, secondHash);
        }
        if (proof.isEmpty()) { // step 1
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(firstSize) == 1) { // step 2
            path.add(0, firstHash);
        }
        long fn = firstSize - 1; // step 3
        long sn = secondSize - 1;
        while ((fn & 1) == 1) { // step 4
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0); // step 5
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) { // step 6
            if (sn == 0) { // 6a
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) { // 6b
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>>= 1; // 6c
            sn >>>= 1;
        }
        // Step 7: fr must equal first_hash, sr second_hash, and sn must be 0.
        return sn == 0 && MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash);
    }

    private static boolean wellFormed(List<byte[]> proof) {
        return proof.stream().allMatch(h -> h != null && h.length == MerkleHash.LENGTH);
    }
}
