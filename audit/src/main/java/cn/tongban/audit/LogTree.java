package cn.tongban.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.merkle.MerkleTree;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/**
 * The Merkle tree over the stored access log: tree heads, inclusion and consistency proofs (RFC 9162 §2.1.3,
 * §2.1.4) from the stored leaf hashes, and the signed tree heads (§4.10) in {@code access_log_tree_head}.
 * Proofs are for entries by sequence number: entry {@code seq} is leaf {@code seq - 1}.
 */
public final class LogTree {

    private final JdbcClient jdbc;
    private final MerkleTree tree;

    public LogTree(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tree = new MerkleTree(new JdbcLeafHashes(jdbc));
    }

    /** The number of entries (leaves) stored. */
    public long size() {
        return tree.size();
    }

    /** The unsigned head of the tree over the first {@code size} entries. */
    public TreeHead head(long size, Instant time) {
        return new TreeHead(size, tree.root(size), time);
    }

    /** The stored leaf hash of entry {@code sequence} (archived entries included). */
    public byte[] leafHash(long sequence) {
        if (sequence < 1 || sequence > size()) {
            throw new IllegalArgumentException("no entry " + sequence);
        }
        return new JdbcLeafHashes(jdbc).get(sequence - 1);
    }

    /** RFC 9162 §2.1.3.1 inclusion proof of entry {@code sequence} in the tree of {@code treeSize} entries. */
    public List<byte[]> inclusionProof(long sequence, long treeSize) {
        return tree.inclusionProof(sequence - 1, treeSize);
    }

    /** RFC 9162 §2.1.4.1 consistency proof between the trees of {@code fromSize} and {@code toSize} entries. */
    public List<byte[]> consistencyProof(long fromSize, long toSize) {
        return tree.consistencyProof(fromSize, toSize);
    }

    /** Signs the head of the whole log as it is now and stores it. */
    public SignedTreeHead publish(TreeHeadSigner signer, Instant time) {
        return publish(signer, size(), time);
    }

    /**
     * Signs and stores the head of the first {@code size} entries (a past size: the tree is append-only, so its
     * root then is still computable), e.g. the end of an archive.
     */
    public SignedTreeHead publish(TreeHeadSigner signer, long size, Instant time) {
        SignedTreeHead signed = signer.sign(head(size, time));
        TreeHead h = signed.head();
        jdbc.sql("INSERT INTO access_log_tree_head (tree_size, root_hash, head_time, algorithm, signature) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(
                        h.size(),
                        h.root(),
                        OffsetDateTime.ofInstant(h.time(), ZoneOffset.UTC),
                        signed.algorithm(),
                        signed.signature())
                .update();
        return signed;
    }

    /** The stored signed heads, oldest first. Stored is not trusted: verify each against the platform key. */
    public List<SignedTreeHead> signedHeads() {
        return jdbc.sql("SELECT tree_size, root_hash, head_time, algorithm, signature FROM access_log_tree_head "
                        + "ORDER BY tree_size, id")
                .query((rs, n) -> new SignedTreeHead(
                        new TreeHead(
                                rs.getLong(1),
                                rs.getBytes(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant()),
                        rs.getString(4),
                        rs.getBytes(5)))
                .list();
    }

    public Optional<SignedTreeHead> latestSignedHead() {
        List<SignedTreeHead> heads = signedHeads();
        return heads.isEmpty() ? Optional.empty() : Optional.of(heads.get(heads.size() - 1));
    }
}
