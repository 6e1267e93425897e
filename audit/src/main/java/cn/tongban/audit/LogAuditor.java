package cn.tongban.audit;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

import cn.tongban.audit.AuditResult.Status;
import cn.tongban.audit.merkle.CompactRange;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHead;

/**
 * Checks the stored access log against a signed tree head: reads every row in sequence order, recomputes its
 * leaf hash ({@link EntryCodec}, RFC 9162 §2.1.1) from the columns and compares it with the stored one, checks
 * that sequence numbers have no gap and that each leaf sits at {@code seq - 1}, and recomputes the root of
 * the first {@code head.size} leaves (§2.1.1) to compare with the signed root. Reports the first problem by
 * sequence number as a value; only an unreadable database throws.
 */
public final class LogAuditor {

    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public LogAuditor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public AuditResult verify(SignedTreeHead signed, PublicKey platformKey) {
        if (!signed.verify(platformKey)) {
            return new AuditResult(Status.HEAD_SIGNATURE_INVALID, 0, 0,
                    "the tree head is not signed by the platform key");
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // lets PostgreSQL stream the rows by FETCH_SIZE
            try {
                return scan(c, signed.head());
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the access log to audit it", e);
        }
    }

    private AuditResult scan(Connection c, TreeHead head) throws SQLException {
        CompactRange recomputed = new CompactRange();
        byte[] rootAtHead = head.size() == 0 ? recomputed.root() : null;
        long expected = 1;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + EntryRows.COLUMNS + ", leaf_index, leaf_hash FROM access_log ORDER BY seq")) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong("seq");
                    if (seq != expected) {
                        return new AuditResult(Status.ENTRY_REMOVED, expected, expected - 1,
                                "sequence " + expected + " is missing; the next row is " + seq);
                    }
                    Object leafIndex = rs.getObject("leaf_index");
                    byte[] stored = rs.getBytes("leaf_hash");
                    if (leafIndex == null || stored == null) {
                        return new AuditResult(Status.ENTRY_ALTERED, seq, seq,
                                "sequence " + seq + " has no leaf position or hash");
                    }
                    if (((Number) leafIndex).longValue() != seq - 1) {
                        return new AuditResult(Status.ENTRY_REORDERED, seq, seq,
                                "sequence " + seq + " claims leaf position " + leafIndex);
                    }
                    byte[] leafHash = EntryCodec.leafHash(EntryRows.map(rs));
                    if (!MessageDigest.isEqual(leafHash, stored)) {
                        return new AuditResult(Status.ENTRY_ALTERED, seq, seq,
                                "sequence " + seq + " does not hash to its stored leaf hash");
                    }
                    recomputed.append(leafHash);
                    if (recomputed.size() == head.size()) {
                        rootAtHead = recomputed.root();
                    }
                    expected++;
                }
            }
        }
        long rows = expected - 1;
        if (rows < head.size()) {
            return new AuditResult(Status.ENTRY_REMOVED, expected, rows,
                    "the log ends at sequence " + rows + " but the signed head covers " + head.size());
        }
        if (!MessageDigest.isEqual(rootAtHead, head.root())) {
            return new AuditResult(Status.ROOT_MISMATCH, 0, rows, "the rows of the first " + head.size()
                    + " entries agree with their stored hashes but not with the signed root");
        }
        return new AuditResult(Status.INTACT, 0, rows, rows + " entries intact; the first " + head.size()
                + " match the signed root");
    }
}
