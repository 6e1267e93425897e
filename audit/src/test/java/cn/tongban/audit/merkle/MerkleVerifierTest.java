package cn.tongban.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One negative per verification rule of RFC 9162 §2.1.3.2 and §2.1.4.2. */
class MerkleVerifierTest {

    private final List<byte[]> hashes = MerkleTreeTest.leafHashes(40);
    private final MerkleTree tree = new MerkleTree(new InMemoryLeafHashes(hashes));

    private byte[] root(int n) {
        return NaiveMerkle.mth(hashes.subList(0, n));
    }

    @Test
    void inclusionOfAnotherLeafFails() {
        List<byte[]> proof = tree.inclusionProof(13, 37);
        assertThat(MerkleVerifier.verifyInclusion(13, 37, hashes.get(13), proof, root(37)))
                .isTrue();
        assertThat(MerkleVerifier.verifyInclusion(13, 37, hashes.get(14), proof, root(37)))
                .isFalse();
    }

    @Test
    void inclusionAtAnotherIndexFails() {
        for (int n = 2; n <= 40; n++) {
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = tree.inclusionProof(m, n);
                for (int other = 0; other < n; other++) {
                    if (other != m) {
                        assertThat(MerkleVerifier.verifyInclusion(other, n, hashes.get(m), proof, root(n)))
                                .as("leaf %d claimed at %d of %d", m, other, n)
                                .isFalse();
                    }
                }
            }
        }
    }

    @Test
    void indexNotBelowTreeSizeFails() {
        // §2.1.3.2 step 1: leaf_index >= tree_size fails
        assertThat(MerkleVerifier.verifyInclusion(1, 1, hashes.get(1), List.of(), hashes.get(1)))
                .isFalse();
        assertThat(MerkleVerifier.verifyInclusion(-1, 5, hashes.get(0), tree.inclusionProof(0, 5), root(5)))
                .isFalse();
    }

    @Test
    void truncatedOrExtendedInclusionProofFails() {
        List<byte[]> proof = tree.inclusionProof(21, 33);
        // §2.1.3.2 step 5: sn must reach 0 exactly when the path ends
        assertThat(MerkleVerifier.verifyInclusion(21, 33, hashes.get(21), proof.subList(0, proof.size() - 1), root(33)))
                .isFalse();
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(hashes.get(0));
        // §2.1.3.2 step 4a: a path element with sn = 0 fails
        assertThat(MerkleVerifier.verifyInclusion(21, 33, hashes.get(21), longer, root(33)))
                .isFalse();
    }

    @Test
    void inclusionProofForAnotherTreeSizeFails() {
        List<byte[]> proof = tree.inclusionProof(5, 20);
        assertThat(MerkleVerifier.verifyInclusion(5, 21, hashes.get(5), proof, root(21)))
                .isFalse();
        assertThat(MerkleVerifier.verifyInclusion(5, 20, hashes.get(5), proof, root(21)))
                .isFalse();
        assertThat(MerkleVerifier.verifyInclusion(5, 40, hashes.get(5), proof, root(40)))
                .isFalse();
        // A root is only meaningful with the size it was signed with: the pair comes from one tree head.
    }

    @Test
    void inclusionProofWithAlteredElementFails() {
        List<byte[]> proof = new ArrayList<>(tree.inclusionProof(3, 17));
        byte[] bad = proof.get(1).clone();
        bad[0] ^= 1;
        proof.set(1, bad);
        assertThat(MerkleVerifier.verifyInclusion(3, 17, hashes.get(3), proof, root(17)))
                .isFalse();
        proof.set(1, new byte[31]); // not a SHA-256 value at all
        assertThat(MerkleVerifier.verifyInclusion(3, 17, hashes.get(3), proof, root(17)))
                .isFalse();
    }

    @Test
    void consistencyWithWrongFirstOrSecondRootFails() {
        List<byte[]> proof = tree.consistencyProof(11, 29);
        assertThat(MerkleVerifier.verifyConsistency(11, 29, root(11), root(29), proof))
                .isTrue();
        // §2.1.4.2 step 7: fr must equal first_hash, sr must equal second_hash
        assertThat(MerkleVerifier.verifyConsistency(11, 29, root(12), root(29), proof))
                .isFalse();
        assertThat(MerkleVerifier.verifyConsistency(11, 29, root(11), root(30), proof))
                .isFalse();
    }

    @Test
    void consistencyProofTruncatedExtendedOrForOtherSizesFails() {
        List<byte[]> proof = tree.consistencyProof(6, 35);
        assertThat(MerkleVerifier.verifyConsistency(6, 35, root(6), root(35), proof.subList(0, proof.size() - 1)))
                .isFalse();
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(hashes.get(0));
        // §2.1.4.2 step 6a: an element with sn = 0 fails
        assertThat(MerkleVerifier.verifyConsistency(6, 35, root(6), root(35), longer))
                .isFalse();
        assertThat(MerkleVerifier.verifyConsistency(7, 35, root(7), root(35), proof))
                .isFalse();
        assertThat(MerkleVerifier.verifyConsistency(6, 36, root(6), root(36), proof))
                .isFalse();
    }

    @Test
    void emptyConsistencyProofFailsUnlessSizesAreEqual() {
        // §2.1.4.2 step 1: an empty consistency_path fails
        assertThat(MerkleVerifier.verifyConsistency(8, 16, root(8), root(16), List.of()))
                .isFalse();
        // §2.1.4.1: SUBPROOF(m, D[m], true) = {}, so equal trees are consistent with the empty proof
        assertThat(MerkleVerifier.verifyConsistency(16, 16, root(16), root(16), List.of()))
                .isTrue();
        assertThat(MerkleVerifier.verifyConsistency(16, 16, root(15), root(16), List.of()))
                .isFalse();
    }

    @Test
    void consistencyFromEmptyOrShrinkingTreeFails() {
        assertThat(MerkleVerifier.verifyConsistency(0, 5, MerkleHash.empty(), root(5), List.of(root(5))))
                .isFalse();
        assertThat(MerkleVerifier.verifyConsistency(6, 5, root(6), root(5), tree.consistencyProof(5, 6)))
                .isFalse();
    }

    @Test
    void rewrittenHistoryIsNotConsistent() {
        List<byte[]> forged = new ArrayList<>(hashes);
        forged.set(2, hashes.get(3));
        MerkleTree forgedTree = new MerkleTree(new InMemoryLeafHashes(forged));
        List<byte[]> proof = forgedTree.consistencyProof(10, 30);
        assertThat(MerkleVerifier.verifyConsistency(10, 30, root(10), NaiveMerkle.mth(forged.subList(0, 30)), proof))
                .isFalse();
    }
}
