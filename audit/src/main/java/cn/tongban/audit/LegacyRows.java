package cn.tongban.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Rows written before the Merkle migration (V2026_11_22_10) have no leaf position or hash, so the tree
 * cannot be built over them. {@link #adopt} makes them the first leaves, once, in sequence order — closing
 * sequence gaps the old identity column left, while no hashed row exists yet.
 *
 * <p>Adopting vouches for rows that were never protected: whatever they hold now is what gets hashed. Run it
 * once at the switch-over (before the first tree head is signed), not as a routine repair; the auditor keeps
 * reporting any unhashed row as altered.
 */
public final class LegacyRows {

    private LegacyRows() {}

    /** Hashes the unhashed rows as leaves 0..k-1 and returns k; refuses if they are not a prefix of the log. */
    public static int adopt(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int adopted = adopt(c);
                c.commit();
                return adopted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot adopt the rows written before the Merkle log", e);
        }
    }

    private static int adopt(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM access_log_writer WHERE id = 1 FOR UPDATE")) {
            lock.executeQuery().close();
        }
        List<AccessEntry> legacy = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT " + EntryRows.COLUMNS + " FROM access_log WHERE leaf_hash IS NULL ORDER BY seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                legacy.add(EntryRows.map(rs));
            }
        }
        if (legacy.isEmpty()) {
            return 0;
        }
        long firstHashed = firstHashedSequence(c);
        long lastLegacy = legacy.get(legacy.size() - 1).sequence();
        if (firstHashed > 0 && (firstHashed < lastLegacy || lastLegacy != legacy.size())) {
            throw new IllegalStateException("unhashed rows are not a gap-free prefix of the hashed log (last unhashed "
                    + lastLegacy + ", first hashed " + firstHashed + "): a row was added or removed outside the log");
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE access_log SET seq = ?, leaf_index = ?, leaf_hash = ? WHERE seq = ?")) {
            long seq = 0;
            for (AccessEntry row : legacy) {
                AccessEntry numbered = row.withSequence(++seq); // moves only downwards, into free numbers
                ps.setLong(1, seq);
                ps.setLong(2, seq - 1);
                ps.setBytes(3, EntryCodec.leafHash(numbered));
                ps.setLong(4, row.sequence());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return legacy.size();
    }

    private static long firstHashedSequence(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT COALESCE(MIN(seq), 0) FROM access_log WHERE leaf_hash IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
