package cn.tongban.audit;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static final int CHUNK = 32_768;

    private final DataSource dataSource;
    private final int threads;
    private final int chunk;

    /**
     * Verifies on as many threads as there are cores, at most 4: each holds a connection of the pool (the
     * server's has 10) for as long as the audit runs.
     */
    public LogAuditor(DataSource dataSource) {
        this(dataSource, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** {@code threads} = 1 reads every row on the caller's connection, in order (the plain sequential scan). */
    public LogAuditor(DataSource dataSource, int threads) {
        this(dataSource, threads, CHUNK);
    }

    LogAuditor(DataSource dataSource, int threads, int chunk) {
        if (threads < 1 || chunk < 1) {
            throw new IllegalArgumentException("at least one thread and one row per chunk");
        }
        this.dataSource = dataSource;
        this.threads = threads;
        this.chunk = chunk;
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
                return new AuditResult(
                        Status.HEAD_SIGNATURE_INVALID,
                        0,
                        0,
                        0,
                        "the tree head of size " + signed.head().size() + " is not signed by the platform key");
            }
        }
        List<TreeHead> heads = signedHeads.stream()
                .map(SignedTreeHead::head)
                .sorted(Comparator.comparingLong(TreeHead::size))
                .toList();
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
        Checkpoint fresh = new Checkpoint();
        return scan(c, heads, fresh);
    }

    /**
     * Verifies the entries after {@code checkpoint} against the heads larger than it, and advances the
     * checkpoint when they are intact. Archived leaves (retention) are taken as stored: only the signed roots
     * vouch for them, the archive files carry their entries.
     */
    private AuditResult scan(Connection c, List<TreeHead> heads, Checkpoint checkpoint) throws SQLException {
        CompactRange recomputed = checkpoint.frontier.copy();
        List<TreeHead> pending = heads.stream()
                .filter(h -> h.size() > checkpoint.frontier.size())
                .toList();
        byte[][] roots = new byte[pending.size()][];
        int nextHead = captureRoots(pending, roots, 0, recomputed);
        long expected = recomputed.size() + 1;
        try (PreparedStatement ps =
                c.prepareStatement("SELECT seq, leaf_hash FROM access_log_archived_leaf WHERE seq >= ? ORDER BY seq")) {
            ps.setLong(1, expected);
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq != expected) {
                        return AuditResult.entry(
                                Status.ENTRY_REMOVED,
                                expected,
                                expected - 1,
                                "archived sequence " + expected + " is missing; the next archived leaf is " + seq);
                    }
                    recomputed.append(rs.getBytes(2));
                    nextHead = captureRoots(pending, roots, nextHead, recomputed);
                    expected++;
                }
            }
        }
        if (threads > 1) {
            long[] state = {expected, nextHead};
            scanInParallel(c, pending, roots, recomputed, state);
            expected = state[0];
            nextHead = (int) state[1];
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EntryRows.COLUMNS
                + ", leaf_index, leaf_hash FROM access_log WHERE seq >= ? ORDER BY seq")) {
            ps.setLong(1, expected);
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong("seq");
                    if (seq != expected) {
                        return AuditResult.entry(
                                Status.ENTRY_REMOVED,
                                expected,
                                expected - 1,
                                "sequence " + expected + " is missing; the next row is " + seq);
                    }
                    AuditResult wrong = checkRow(rs, seq);
                    if (wrong != null) {
                        return wrong;
                    }
                    recomputed.append(rs.getBytes("leaf_hash"));
                    nextHead = captureRoots(pending, roots, nextHead, recomputed);
                    expected++;
                }
            }
        }
        long rows = expected - 1;
        long signedSize = heads.isEmpty() ? 0 : heads.get(heads.size() - 1).size();
        if (rows < signedSize) {
            return AuditResult.entry(
                    Status.ENTRY_REMOVED,
                    expected,
                    rows,
                    "the log ends at sequence " + rows + " but a signed head covers " + signedSize);
        }
        long lastGood = checkpoint.frontier.size();
        for (int i = 0; i < pending.size(); i++) {
            TreeHead head = pending.get(i);
            if (!MessageDigest.isEqual(roots[i], head.root())) {
                return new AuditResult(
                        Status.ROOT_MISMATCH,
                        lastGood + 1,
                        head.size(),
                        rows,
                        "rows and stored leaf hashes agree, but the root of the first " + head.size()
                                + " entries is not the signed one: entries " + (lastGood + 1) + " to " + head.size()
                                + " were rewritten with their leaf hashes");
            }
            lastGood = head.size();
        }
        checkpoint.frontier = recomputed;
        return new AuditResult(
                Status.INTACT,
                0,
                0,
                rows,
                rows + " entries intact; the first " + signedSize + " match the signed root");
    }

    /**
     * The rows from {@code state[0]} up to the highest sequence at the start, in chunks of {@link #chunk} rows
     * that worker threads read (each on its own connection), check and hash as {@link #checkRow} does, while
     * this thread appends the stored leaf hashes of intact chunks, in order, to the frontier and takes the roots
     * at the heads' sizes. At the first chunk with any finding (or error) it stops and leaves {@code state} at
     * that chunk's start: the sequential scan goes on from there and names the first bad entry exactly as a
     * sequential scan of the whole log does, because every chunk before it was found intact.
     * {@code state} = {expected sequence, next head}.
     */
    private void scanInParallel(
            Connection c, List<TreeHead> pending, byte[][] roots, CompactRange recomputed, long[] state)
            throws SQLException {
        long last;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM access_log");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            last = rs.getLong(1);
        }
        if (last - state[0] + 1 < 2L * chunk) {
            return; // not worth the threads
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "access-log-audit");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<byte[][]>> inFlight = new ArrayDeque<>();
        try {
            long nextFrom = state[0];
            while (true) {
                while (inFlight.size() <= threads && nextFrom <= last) {
                    long from = nextFrom;
                    long to = Math.min(last, from + chunk - 1);
                    inFlight.add(pool.submit(() -> checkChunk(from, to)));
                    nextFrom = to + 1;
                }
                if (inFlight.isEmpty()) {
                    return;
                }
                byte[][] leaves = await(inFlight.poll());
                if (leaves == null) {
                    return; // a finding in this chunk: the sequential scan takes over at state[0]
                }
                int nextHead = (int) state[1];
                for (byte[] leaf : leaves) {
                    recomputed.append(leaf);
                    nextHead = captureRoots(pending, roots, nextHead, recomputed);
                }
                state[0] += leaves.length;
                state[1] = nextHead;
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private static byte[][] await(Future<byte[][]> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null; // the sequential scan meets the same row and reports or throws as it always did
        }
    }

    /** The stored leaf hashes of rows {@code from..to} if every one is there and intact, else null. */
    private byte[][] checkChunk(long from, long to) throws SQLException {
        byte[][] leaves = new byte[(int) (to - from + 1)][];
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EntryRows.COLUMNS
                    + ", leaf_index, leaf_hash FROM access_log WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.setFetchSize(FETCH_SIZE);
                long expected = from;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong("seq");
                        if (seq != expected || checkRow(rs, seq) != null) {
                            return null;
                        }
                        leaves[(int) (seq - from)] = rs.getBytes("leaf_hash");
                        expected++;
                    }
                }
                return expected == to + 1 ? leaves : null;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** The row at the cursor: its leaf position and stored hash agree with its content, or the finding. */
    private static AuditResult checkRow(ResultSet rs, long seq) throws SQLException {
        Object leafIndex = rs.getObject("leaf_index");
        byte[] stored = rs.getBytes("leaf_hash");
        if (leafIndex == null || stored == null) {
            return AuditResult.entry(
                    Status.ENTRY_ALTERED, seq, seq, "sequence " + seq + " has no leaf position or hash");
        }
        if (((Number) leafIndex).longValue() != seq - 1) {
            return AuditResult.entry(
                    Status.ENTRY_REORDERED, seq, seq, "sequence " + seq + " claims leaf position " + leafIndex);
        }
        if (!MessageDigest.isEqual(EntryCodec.leafHash(EntryRows.map(rs)), stored)) {
            return AuditResult.entry(
                    Status.ENTRY_ALTERED, seq, seq, "sequence " + seq + " does not hash to its stored leaf hash");
        }
        return null;
    }

    /**
     * Where a periodic check left off: the verified prefix's Merkle frontier and the cursor of the rolling
     * re-check of older rows. One per monitor; not thread-safe.
     */
    public static final class Checkpoint {
        private CompactRange frontier = new CompactRange();
        private long sampleCursor = 1;

        /** Entries verified so far (the prefix 1..verified()). */
        public long verified() {
            return frontier.size();
        }
    }

    /**
     * The cheap periodic check, for a health indicator: (1) row count against the highest sequence (any
     * deleted row shows at once, and the first missing sequence is then named); (2) the entries appended since
     * {@code checkpoint}, re-hashed and checked against the signed heads published since (as {@link #verify});
     * (3) {@code sample} older rows re-hashed, on a cursor that cycles through the whole log, so an edited old
     * row is found within size/sample checks. A consistent rewrite of old rows with their hashes is left to the
     * full {@link #verify}. The checkpoint advances only on an intact result.
     */
    public AuditResult verifyIncrementally(
            Checkpoint checkpoint, List<SignedTreeHead> signedHeads, PublicKey platformKey, int sample) {
        List<TreeHead> heads = new java.util.ArrayList<>();
        for (SignedTreeHead signed : signedHeads) {
            if (signed.head().size() <= checkpoint.verified()) {
                continue;
            }
            if (!signed.verify(platformKey)) {
                return new AuditResult(
                        Status.HEAD_SIGNATURE_INVALID,
                        0,
                        0,
                        0,
                        "the tree head of size " + signed.head().size() + " is not signed by the platform key");
            }
            heads.add(signed.head());
        }
        heads.sort(Comparator.comparingLong(TreeHead::size));
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                AuditResult counted = countCheck(c);
                if (counted != null) {
                    return counted;
                }
                AuditResult result = scan(c, heads, checkpoint);
                if (!result.intact()) {
                    return result;
                }
                AuditResult sampled = sample(c, checkpoint, sample);
                return sampled != null ? sampled : result;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the access log to audit it", e);
        }
    }

    private static AuditResult countCheck(Connection c) throws SQLException {
        long rows;
        long max;
        long min;
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*), COALESCE(MAX(seq), 0), COALESCE(MIN(seq), 0) FROM access_log");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            rows = rs.getLong(1);
            max = rs.getLong(2);
            min = rs.getLong(3);
        }
        long archived;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM access_log_archived_leaf");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            archived = rs.getLong(1);
        }
        if (rows + archived == max && (rows == 0 || min == archived + 1)) {
            return null;
        }
        long missing = archived + 1;
        if (rows > 0 && min == archived + 1) {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(a.seq) + 1 FROM access_log a WHERE a.seq < ? "
                    + "AND NOT EXISTS (SELECT 1 FROM access_log b WHERE b.seq = a.seq + 1)")) {
                ps.setLong(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    missing = rs.getLong(1);
                }
            }
        }
        return AuditResult.entry(
                Status.ENTRY_REMOVED,
                missing,
                rows + archived,
                "sequence " + missing + " is missing: " + (rows + archived) + " entries stored for sequences up to "
                        + max);
    }

    private static AuditResult sample(Connection c, Checkpoint checkpoint, int sample) throws SQLException {
        if (sample <= 0 || checkpoint.verified() == 0) {
            return null;
        }
        if (checkpoint.sampleCursor > checkpoint.verified()) {
            checkpoint.sampleCursor = 1;
        }
        long from = checkpoint.sampleCursor;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EntryRows.COLUMNS
                + ", leaf_index, leaf_hash FROM access_log WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, from);
            ps.setLong(2, checkpoint.verified());
            ps.setInt(3, sample);
            long last = from - 1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong("seq");
                    AuditResult wrong = checkRow(rs, last);
                    if (wrong != null) {
                        return wrong;
                    }
                }
            }
            checkpoint.sampleCursor = last < from ? 1 : last + 1;
        }
        return null;
    }

    /** Records the recomputed root for every head whose size has been reached; returns the next head. */
    private static int captureRoots(List<TreeHead> heads, byte[][] roots, int next, CompactRange recomputed) {
        while (next < heads.size() && heads.get(next).size() == recomputed.size()) {
            roots[next++] = recomputed.root();
        }
        return next;
    }
}
