package cn.tongban.audit;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

import cn.tongban.audit.AuditResult.Status;
import cn.tongban.audit.merkle.CompactRange;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHead;

/**
 * Checks the stored access log against signed tree heads: reads every row in sequence order, recomputes its
 * leaf hash ({@link EntryCodec}, RFC 9162 §2.1.1) from the columns and compares it with the stored one, checks
 * that sequence numbers have no gap and that each leaf sits at {@code seq - 1}, and recomputes the root at
 * each head's size (§2.1.1) to compare with the signed root. Reports the first problem by sequence number as
 * a value; only an unreadable database throws.
 *
 * <p>Several heads (e.g. {@link LogTree#signedHeads()}) narrow down a consistent rewrite of rows and leaf
 * hashes, which no single root can locate: it lies after the last head that still matches.
 */
public final class LogAuditor {

    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public LogAuditor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public AuditResult verify(SignedTreeHead signed, PublicKey platformKey) {
        return verify(List.of(signed), platformKey);
    }

    public AuditResult verify(List<SignedTreeHead> signedHeads, PublicKey platformKey) {
        if (signedHeads.isEmpty()) {
            throw new IllegalArgumentException("an audit needs at least one signed tree head");
        }
        for (SignedTreeHead signed : signedHeads) {
            if (!signed.verify(platformKey)) {
                return new AuditResult(Status.HEAD_SIGNATURE_INVALID, 0, 0, 0, "the tree head of size "
                        + signed.head().size() + " is not signed by the platform key");
            }
        }
        List<TreeHead> heads = signedHeads.stream().map(SignedTreeHead::head)
                .sorted(Comparator.comparingLong(TreeHead::size)).toList();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // lets PostgreSQL stream the rows by FETCH_SIZE
            try {
                return scan(c, heads);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the access log to audit it", e);
        }
    }

    private AuditResult scan(Connection c, List<TreeHead> heads) throws SQLException {
        CompactRange recomputed = new CompactRange();
        byte[][] roots = new byte[heads.size()][];
        int nextHead = captureRoots(heads, roots, 0, recomputed);
        long expected = 1;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + EntryRows.COLUMNS + ", leaf_index, leaf_hash FROM access_log ORDER BY seq")) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong("seq");
                    if (seq != expected) {
                        return AuditResult.entry(Status.ENTRY_REMOVED, expected, expected - 1,
                                "sequence " + expected + " is missing; the next row is " + seq);
                    }
                    Object leafIndex = rs.getObject("leaf_index");
                    byte[] stored = rs.getBytes("leaf_hash");
                    if (leafIndex == null || stored == null) {
                        return AuditResult.entry(Status.ENTRY_ALTERED, seq, seq,
                                "sequence " + seq + " has no leaf position or hash");
                    }
                    if (((Number) leafIndex).longValue() != seq - 1) {
                        return AuditResult.entry(Status.ENTRY_REORDERED, seq, seq,
                                "sequence " + seq + " claims leaf position " + leafIndex);
                    }
                    byte[] leafHash = EntryCodec.leafHash(EntryRows.map(rs));
                    if (!MessageDigest.isEqual(leafHash, stored)) {
                        return AuditResult.entry(Status.ENTRY_ALTERED, seq, seq,
                                "sequence " + seq + " does not hash to its stored leaf hash");
                    }
                    recomputed.append(leafHash);
                    nextHead = captureRoots(heads, roots, nextHead, recomputed);
                    expected++;
                }
            }
        }
        long rows = expected - 1;
        long signedSize = heads.get(heads.size() - 1).size();
        if (rows < signedSize) {
            return AuditResult.entry(Status.ENTRY_REMOVED, expected, rows,
                    "the log ends at sequence " + rows + " but a signed head covers " + signedSize);
        }
        long lastGood = 0;
        for (int i = 0; i < heads.size(); i++) {
            TreeHead head = heads.get(i);
            if (!MessageDigest.isEqual(roots[i], head.root())) {
                return new AuditResult(Status.ROOT_MISMATCH, lastGood + 1, head.size(), rows,
                        "rows and stored leaf hashes agree, but the root of the first " + head.size()
                                + " entries is not the signed one: entries " + (lastGood + 1) + " to " + head.size()
                                + " were rewritten with their leaf hashes");
            }
            lastGood = head.size();
        }
        return new AuditResult(Status.INTACT, 0, 0, rows, rows + " entries intact; the first " + signedSize
                + " match the signed root");
    }

    /** Records the recomputed root for every head whose size has been reached; returns the next head. */
    private static int captureRoots(List<TreeHead> heads, byte[][] roots, int next, CompactRange recomputed) {
        while (next < heads.size() && heads.get(next).size() == recomputed.size()) {
            roots[next++] = recomputed.root();
        }
        return next;
    }
}
