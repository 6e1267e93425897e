package cn.tongban.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX = 70;

    /** Leaf data of the RFC 6962 / RFC 9162 reference test vectors (certificate-transparency, Trillian). */
    private static final byte[][] VECTOR_LEAVES = {
        {},
        {0x00},
        {0x10},
        {0x20, 0x21},
        {0x30, 0x31},
        {0x40, 0x41, 0x42, 0x43},
        {0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
        {0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f}
    };

    private static final String[] VECTOR_ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    };

    static List<byte[]> leafHashes(int n) {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hashes.add(NaiveMerkle.leaf(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return hashes;
    }

    @Test
    void emptyTreeRootIsSha256OfNothing() {
        // RFC 9162 §2.1.1: MTH({}) = HASH()
        assertThat(HEX.formatHex(new MerkleTree(new InMemoryLeafHashes()).root(0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(HEX.formatHex(new CompactRange().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsMatchTheReferenceVectors() {
        InMemoryLeafHashes leaves = new InMemoryLeafHashes();
        for (byte[] data : VECTOR_LEAVES) {
            leaves.add(MerkleHash.leaf(data));
        }
        MerkleTree tree = new MerkleTree(leaves);
        for (int n = 1; n <= VECTOR_LEAVES.length; n++) {
            assertThat(HEX.formatHex(tree.root(n))).as("root of %d", n).isEqualTo(VECTOR_ROOTS[n - 1]);
        }
    }

    @Test
    void rootOfEverySizeMatchesTheNaiveDefinitionAndTheFrontier() {
        List<byte[]> hashes = leafHashes(MAX);
        MerkleTree tree = new MerkleTree(new InMemoryLeafHashes(hashes));
        CompactRange frontier = new CompactRange();
        for (int n = 1; n <= MAX; n++) {
            frontier.append(hashes.get(n - 1));
            byte[] naive = NaiveMerkle.mth(hashes.subList(0, n));
            assertThat(tree.root(n)).as("root of %d", n).isEqualTo(naive);
            assertThat(frontier.root()).as("frontier root of %d", n).isEqualTo(naive);
            assertThat(CompactRange.of(tree, n).root())
                    .as("rebuilt frontier of %d", n)
                    .isEqualTo(naive);
        }
    }

    @Test
    void everyInclusionProofEqualsTheNaivePathAndVerifies() {
        List<byte[]> hashes = leafHashes(MAX);
        MerkleTree tree = new MerkleTree(new InMemoryLeafHashes(hashes));
        for (int n = 1; n <= MAX; n++) {
            byte[] root = NaiveMerkle.mth(hashes.subList(0, n));
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = tree.inclusionProof(m, n);
                assertThat(proof)
                        .as("PATH(%d, D[%d])", m, n)
                        .containsExactlyElementsOf(NaiveMerkle.path(m, hashes.subList(0, n)));
                assertThat(MerkleVerifier.verifyInclusion(m, n, hashes.get(m), proof, root))
                        .as("inclusion of %d in %d", m, n)
                        .isTrue();
            }
        }
    }

    @Test
    void everyConsistencyProofEqualsTheNaiveProofAndVerifies() {
        List<byte[]> hashes = leafHashes(MAX);
        MerkleTree tree = new MerkleTree(new InMemoryLeafHashes(hashes));
        for (int n = 1; n <= MAX; n++) {
            byte[] second = NaiveMerkle.mth(hashes.subList(0, n));
            for (int m = 1; m <= n; m++) {
                byte[] first = NaiveMerkle.mth(hashes.subList(0, m));
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertThat(proof)
                        .as("PROOF(%d, D[%d])", m, n)
                        .containsExactlyElementsOf(NaiveMerkle.proof(m, hashes.subList(0, n)));
                assertThat(MerkleVerifier.verifyConsistency(m, n, first, second, proof))
                        .as("consistency %d -> %d", m, n)
                        .isTrue();
            }
        }
    }

    @Test
    void proofsOutsideTheTreeAreRefusedByTheGenerator() {
        MerkleTree tree = new MerkleTree(new InMemoryLeafHashes(leafHashes(5)));
        assertThatThrownBy(() -> tree.inclusionProof(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.root(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(4, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeTreeRootFromCachedSubtreesMatchesFrontier() {
        InMemoryLeafHashes leaves = new InMemoryLeafHashes();
        CompactRange frontier = new CompactRange();
        MerkleTree tree = new MerkleTree(leaves);
        for (int i = 0; i < 5000; i++) {
            byte[] h = MerkleHash.leaf(new byte[] {(byte) i, (byte) (i >> 8)});
            leaves.add(h);
            frontier.append(h);
            if (i % 997 == 0) {
                assertThat(tree.root(i + 1)).isEqualTo(frontier.root()); // cache filled while the tree grows
            }
        }
        assertThat(tree.root(5000)).isEqualTo(frontier.root());
        assertThat(tree.root(4097)).isEqualTo(NaiveMerkle.mth(leavesList(leaves, 4097)));
    }

    private static List<byte[]> leavesList(LeafHashes leaves, int n) {
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(leaves.get(i));
        }
        return list;
    }
}
