package cn.tongban.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.merkle.CompactRange;
import cn.tongban.audit.merkle.MerkleTree;
import cn.tongban.audit.merkle.TreeHead;

/**
 * One group of {@link JdbcAccessLog}'s entries written in one transaction: numbered in queue order after the
 * highest committed sequence (under the {@code access_log_writer} row lock), hashed as Merkle leaves, inserted with
 * multi-row INSERTs (one UNNEST statement on PostgreSQL), committed. Keeps the tree's {@link CompactRange} frontier
 * and the head after the last committed group. Used by the writer thread only; {@link #head()} and
 * {@link #batches()} may be read from any thread.
 */
final class GroupInsert {

    /** Rows per INSERT statement (18 parameters each, well under PostgreSQL's 65,535). */
    private static final int ROWS_PER_STATEMENT = 512;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Clock clock;
    private CompactRange frontier = new CompactRange(); // writer thread only
    private volatile TreeHead head;
    private volatile long batches;
    private String product; // writer thread only

    GroupInsert(DataSource dataSource, JdbcClient jdbc, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The head of the tree after the last group committed, or null before the first. */
    TreeHead head() {
        return head;
    }

    /** How many groups (transactions) have been committed. */
    long batches() {
        return batches;
    }

    /**
     * Writes the group; returns its entries numbered. {@code firstAttempt}: this writer may trust where it believes
     * the log ends (the PostgreSQL one-round-trip path, and the one-statement lock and read).
     */
    List<AccessEntry> writeOnce(List<AccessEntry> batch, boolean firstAttempt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (firstAttempt && isPostgres(c)) {
                List<AccessEntry> committed = writeAfterKnownEnd(c, batch);
                if (committed != null) {
                    return committed;
                }
                // the log does not end where this writer left it (another node wrote, or this writer just
                // started): take the lock, read the end and renumber, as below
                firstAttempt = false;
            }
            c.setAutoCommit(false);
            try {
                long last;
                if (firstAttempt) {
                    last = lockAndReadLastSequence(c);
                } else {
                    lockWriters(c);
                    last = lastSequence(c);
                }
                if (last != frontier.size()) {
                    frontier = CompactRange.of(new MerkleTree(new JdbcLeafHashes(jdbc)), last);
                }
                CompactRange next = frontier.copy();
                List<AccessEntry> numbered = new ArrayList<>(batch.size());
                List<byte[]> hashes = new ArrayList<>(batch.size());
                number(batch, last, next, numbered, hashes);
                if (isPostgres(c)) {
                    // One statement whatever the group's size: the same text every time, so PostgreSQL prepares
                    // and plans it once, where a multi-row VALUES list of a new length is parsed and planned anew.
                    try (PreparedStatement ps = c.prepareStatement(EntryRows.INSERT_UNNEST)) {
                        EntryRows.bindArrays(c, ps, numbered, hashes);
                        ps.executeUpdate();
                    }
                } else {
                    // Multi-row INSERTs: one round trip per ROWS_PER_STATEMENT entries instead of one per entry.
                    for (int from = 0; from < numbered.size(); from += ROWS_PER_STATEMENT) {
                        int rows = Math.min(ROWS_PER_STATEMENT, numbered.size() - from);
                        try (PreparedStatement ps = c.prepareStatement(EntryRows.insert(rows))) {
                            for (int i = 0; i < rows; i++) {
                                EntryRows.bind(ps, i * EntryRows.PARAMS, numbered.get(from + i), hashes.get(from + i));
                            }
                            ps.executeUpdate();
                        }
                    }
                }
                c.commit();
                if (isH2(c)) {
                    // H2 (MVStore) writes committed transactions to its file in the background, up to a second
                    // later: a kill -9 loses them (found by CrashIT). A checkpoint writes them before the ack.
                    try (var st = c.createStatement()) {
                        st.execute("CHECKPOINT");
                    }
                }
                return committed(next, numbered);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * PostgreSQL, when this writer believes the log ends at {@code frontier.size()} (it wrote the last group): the
     * group numbered after that end and written by {@link EntryRows#INSERT_UNNEST_AFTER} in auto-commit mode, one
     * round trip instead of three (lock and read the end, insert, commit). The statement holds the same writer lock
     * and inserts nothing unless the end is still there, so a log moved by another node, or by the removal of its last
     * row, is not written over: null is returned and the caller takes the locking path, which renumbers. A writer
     * that committed after this statement's snapshot but before its lock makes the primary key clash, the retry path
     * of {@link JdbcAccessLog}.
     */
    private List<AccessEntry> writeAfterKnownEnd(Connection c, List<AccessEntry> batch) throws SQLException {
        long last = frontier.size();
        CompactRange next = frontier.copy();
        List<AccessEntry> numbered = new ArrayList<>(batch.size());
        List<byte[]> hashes = new ArrayList<>(batch.size());
        number(batch, last, next, numbered, hashes);
        c.setAutoCommit(true);
        int inserted;
        try (PreparedStatement ps = c.prepareStatement(EntryRows.INSERT_UNNEST_AFTER)) {
            EntryRows.bindArrays(c, ps, numbered, hashes);
            ps.setLong(EntryRows.PARAMS + 1, last);
            inserted = ps.executeUpdate();
        }
        // the statement inserts the whole group or, when the end moved, nothing
        return inserted == 0 ? null : committed(next, numbered);
    }

    /** Numbers the group's entries after {@code last} in queue order and appends their leaf hashes to {@code next}. */
    private static void number(
            List<AccessEntry> batch, long last, CompactRange next, List<AccessEntry> numbered, List<byte[]> hashes) {
        for (AccessEntry entry : batch) {
            AccessEntry e = entry.withSequence(last + 1 + numbered.size());
            byte[] leafHash = EntryCodec.leafHash(e);
            next.append(leafHash);
            numbered.add(e);
            hashes.add(leafHash);
        }
    }

    /** After a commit: the writer's frontier and published head move to the group's end. */
    private List<AccessEntry> committed(CompactRange next, List<AccessEntry> numbered) {
        frontier = next;
        batches++; // only the writer thread writes it
        head = new TreeHead(next.size(), next.root(), clock.instant());
        return numbered;
    }

    private boolean isH2(Connection c) throws SQLException {
        return "H2".equals(product(c));
    }

    private boolean isPostgres(Connection c) throws SQLException {
        return "PostgreSQL".equals(product(c));
    }

    private String product(Connection c) throws SQLException {
        if (product == null) {
            product = c.getMetaData().getDatabaseProductName();
        }
        return product;
    }

    /** Writers on other nodes wait here until this transaction ends; the plain {@link AccessLog} does not. */
    private static void lockWriters(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM access_log_writer WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the access_log_writer row is missing; run the migrations");
            }
        }
    }

    /**
     * {@link #lockWriters} and {@link #lastSequence} in one round trip. Under PostgreSQL's READ COMMITTED the
     * maximum comes from the statement's snapshot, taken before the lock wait: if another node committed while
     * this one waited, the numbers clash on the primary key and the retry takes the two-statement path, which
     * reads the maximum after the lock. Alone on the log (the usual case) the maximum is always current.
     */
    private static long lockAndReadLastSequence(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COALESCE(MAX(seq), 0) FROM access_log) "
                        + "FROM access_log_writer WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the access_log_writer row is missing; run the migrations");
            }
            return rs.getLong(1);
        }
    }

    private static long lastSequence(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM access_log");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
