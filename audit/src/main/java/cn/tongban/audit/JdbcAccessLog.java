package cn.tongban.audit;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.merkle.TreeHead;

/**
 * The access log with group commit: concurrent {@link #append} calls queue up, and one writer thread takes
 * everything queued (up to {@code maxBatch}) and writes it in a single transaction — numbering the entries
 * in queue order after the highest committed sequence, hashing each as its Merkle leaf, multi-row INSERTs,
 * one commit (on PostgreSQL, while this writer knows where the log ends, all of that is one statement and one round
 * trip). A caller returns only after its batch committed. Plain JDBC on the {@link DataSource}; no Spring
 * transaction manager is involved.
 *
 * <p>Sequence numbers stay gap-free and in leaf order: each transaction first locks the one row of
 * {@code access_log_writer}, so writers on several nodes take turns; only committed rows count, a failed batch
 * consumes no number, and if a writer that does not lock (the plain {@link AccessLog}) took the same numbers
 * first (primary-key violation) the batch is renumbered and retried. The writer keeps the tree's
 * {@link cn.tongban.audit.merkle.CompactRange} frontier, so {@link #treeHead()} costs nothing; the frontier is
 * reloaded from the stored leaf hashes when another writer moved the log. This class is the queue, the writer thread
 * and the retries; {@link GroupInsert} writes one group.
 */
public final class JdbcAccessLog extends AccessLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAccessLog.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_ATTEMPTS = 20;

    private record Pending(AccessEntry entry, CompletableFuture<AccessEntry> done) {}

    private static final Pending STOP = new Pending(null, null);
    /** A group that took longer than this to become durable is reported (every caller waited for it). */
    private static final long SLOW_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);

    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final GroupInsert groups;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Object lifecycle = new Object();
    private boolean closed;
    private volatile java.util.function.Consumer<String> slowWarnings = LOG::warn;
    private long slowGroups; // writer thread only: slow groups since the last warning
    private long slowestNanos; // writer thread only: the slowest of them
    private long lastWarned = System.nanoTime() - WARN_EVERY_NANOS;

    public JdbcAccessLog(DataSource dataSource, Clock clock, int maxBatch) {
        this(dataSource, JdbcClient.create(dataSource), clock, maxBatch);
    }

    private JdbcAccessLog(DataSource dataSource, JdbcClient jdbc, Clock clock, int maxBatch) {
        super(jdbc);
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one entry");
        }
        this.groups = new GroupInsert(dataSource, jdbc, clock);
        this.maxBatch = maxBatch;
        this.writer = new Thread(this::run, "access-log-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Appends and waits until the entry is committed; returns it with its sequence number. */
    @Override
    public AccessEntry append(AccessEntry e) {
        try {
            return appendAsync(e).join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /** Queues the entry; the future completes once its batch is committed. Invalid entries fail at once. */
    public CompletableFuture<AccessEntry> appendAsync(AccessEntry e) {
        Pending pending = new Pending(EntryRows.normalise(e), new CompletableFuture<>());
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the access log is closed");
            }
            queue.add(pending);
        }
        return pending.done();
    }

    /** The head of the tree after the last batch this writer committed, or null before the first. */
    public TreeHead treeHead() {
        return groups.head();
    }

    /** How many batches (transactions) this writer has committed: appends per batch shows the grouping. */
    public long batchesCommitted() {
        return groups.batches();
    }

    /**
     * Whether the writer thread is still running: false once it has died (an error it could not survive, such as
     * running out of memory) while the log is open, when no further entry can be written; health reports that.
     */
    public boolean writerAlive() {
        synchronized (lifecycle) {
            return closed || writer.isAlive();
        }
    }

    /** Writes what is already queued, then stops the writer. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        boolean stop = false;
        while (!stop) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, so no acknowledged entry is dropped
            }
            queue.drainTo(batch, maxBatch - 1);
            stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                write(batch);
            }
        }
    }

    /** For tests: report slow groups to {@code warnings} instead of the log. */
    void reportSlowGroupsTo(java.util.function.Consumer<String> warnings) {
        this.slowWarnings = warnings;
    }

    /**
     * A group whose commit took longer than the threshold (100 ms) is a stall of every pull waiting in it: the
     * store's commit latency (on PostgreSQL, its WAL flush), not this node's CPU. At most one warning every 10 s,
     * counting the slow groups since the last one, so a store that stays slow does not flood the log.
     */
    private void noteDuration(int entries, long nanos) {
        if (nanos < SLOW_NANOS) {
            return;
        }
        slowGroups++;
        slowestNanos = Math.max(slowestNanos, nanos);
        long now = System.nanoTime();
        if (now - lastWarned >= WARN_EVERY_NANOS) {
            slowWarnings.accept("access log: " + slowGroups + " group(s) took over " + SLOW_NANOS / 1_000_000
                    + " ms to become durable, the slowest " + slowestNanos / 1_000_000 + " ms (the last one: "
                    + entries + " entries); every pull in such a group waited for it");
            slowGroups = 0;
            slowestNanos = 0;
            lastWarned = now;
        }
    }

    private void write(List<Pending> batch) {
        List<AccessEntry> entries = batch.stream().map(Pending::entry).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                long started = System.nanoTime();
                List<AccessEntry> committed = groups.writeOnce(entries, attempt == 1);
                noteDuration(batch.size(), System.nanoTime() - started);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(committed.get(i));
                }
                return;
            } catch (SQLException e) {
                if (isUniqueViolation(e) && attempt < MAX_ATTEMPTS) {
                    continue; // another process took these numbers: renumber after its rows
                }
                LOG.error("access log batch of {} entries not committed", batch.size(), e);
                var failure = new DataAccessResourceFailureException("access log batch not committed", e);
                batch.forEach(p -> p.done().completeExceptionally(failure));
                return;
            } catch (RuntimeException e) {
                LOG.error("access log batch of {} entries not committed", batch.size(), e);
                batch.forEach(p -> p.done().completeExceptionally(e));
                return;
            }
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
            if (s.getCause() instanceof SQLException cause && UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
