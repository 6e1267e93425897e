package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/**
 * Durable appends per second with 1, 8 and 64 writers (each waits for its acknowledgement, as the exchange
 * does) on an H2 file database and on an embedded PostgreSQL, and the time to verify 1,000,000 entries.
 * Not in the default build: {@code ./mvnw -B -pl audit verify -Dexcluded.test.groups= -Dgroups=bench
 * -Dtest=AccessLogBenchTest -Dsurefire.failIfNoSpecifiedTests=false}. Prints one line per figure.
 */
@Tag("bench")
class AccessLogBenchTest {

    private static final long SECONDS = Long.getLong("bench.seconds", 8);
    /** Appends each writer keeps in flight with appendAsync in the last row (1 = append and wait). */
    private static final int IN_FLIGHT = Integer.getInteger("bench.inFlight", 8);

    private static final int VERIFY_ENTRIES = Integer.getInteger("bench.verify", 1_000_000);

    @Test
    void appendsPerSecondOnH2File() throws Exception {
        for (int writers : new int[] {1, 8, 64}) {
            Path dir = Files.createTempDirectory("audit-bench");
            DataSource ds = TestDatabases.migrate(TestDatabases.pooled(
                    "jdbc:h2:file:" + dir.resolve("log")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                    "sa"));
            measure("H2 file", ds, writers, 1);
            ((AutoCloseable) ds).close();
        }
        Path dir = Files.createTempDirectory("audit-bench");
        DataSource ds = TestDatabases.migrate(TestDatabases.pooled(
                "jdbc:h2:file:" + dir.resolve("log")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa"));
        measure("H2 file", ds, 64, IN_FLIGHT);
        ((AutoCloseable) ds).close();
    }

    @Test
    void appendsPerSecondOnPostgres() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource ds =
                    TestDatabases.migrate(TestDatabases.pooled(pg.getJdbcUrl("postgres", "postgres"), "postgres"));
            for (int writers : new int[] {1, 8, 64}) {
                org.springframework.jdbc.core.simple.JdbcClient.create(ds)
                        .sql("TRUNCATE access_log")
                        .update();
                measure("PostgreSQL", ds, writers, 1);
            }
            org.springframework.jdbc.core.simple.JdbcClient.create(ds)
                    .sql("TRUNCATE access_log")
                    .update();
            measure("PostgreSQL", ds, 64, IN_FLIGHT);
            ((AutoCloseable) ds).close();
        }
    }

    @Test
    void verifyAMillionEntries() throws Exception {
        Path dir = Files.createTempDirectory("audit-bench");
        DataSource ds = TestDatabases.migrate(TestDatabases.pooled(
                "jdbc:h2:file:" + dir.resolve("log")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa"));
        long fill = System.nanoTime();
        try (JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 8192)) {
            List<CompletableFuture<AccessEntry>> inFlight = new ArrayList<>();
            for (int i = 0; i < VERIFY_ENTRIES; i++) {
                inFlight.add(log.appendAsync(LogFixture.entry(i % 64, i)));
                if (inFlight.size() == 50_000) {
                    inFlight.forEach(CompletableFuture::join);
                    inFlight.clear();
                }
            }
            inFlight.forEach(CompletableFuture::join);
        }
        System.out.printf(
                "BENCH fill %d entries (pipelined appendAsync, H2 file): %.1f s%n",
                VERIFY_ENTRIES, (System.nanoTime() - fill) / 1e9);
        KeyPair key = LogFixture.platformKey();
        SignedTreeHead head = new LogTree(ds).publish(new TreeHeadSigner(key.getPrivate()), LogFixture.CLOCK.instant());
        for (int run = 1; run <= 3; run++) {
            long started = System.nanoTime();
            long cpu = cpuNanos();
            AuditResult result = new LogAuditor(ds).verify(head, key.getPublic());
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(result.intact()).isTrue();
            System.out.printf(
                    "BENCH verify %d entries from H2 (LogAuditor, re-hash every row + root), run %d: %.2f s"
                            + " (%.1f s CPU)%n",
                    result.checked(), run, seconds, (cpuNanos() - cpu) / 1e9);
        }
        Path export = dir.resolve("export.ndjson");
        try (var out = Files.newOutputStream(export)) {
            new LogReader(ds).exportNdjson(null, 1, Long.MAX_VALUE, out);
        }
        for (int run = 1; run <= 3; run++) {
            long started = System.nanoTime();
            long cpu = cpuNanos();
            ExportVerifier.Result result;
            try (var in = Files.newBufferedReader(export)) {
                result = ExportVerifier.verify(in, List.of(head), key.getPublic());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(result.ok()).as(result.message()).isTrue();
            System.out.printf(
                    "BENCH verify %d entries offline from an NDJSON export (%d MB), run %d: %.2f s" + " (%.1f s CPU)%n",
                    result.entries(), Files.size(export) >> 20, run, seconds, (cpuNanos() - cpu) / 1e9);
        }
        ((AutoCloseable) ds).close();
    }

    /**
     * The offline verifier alone, on an export written here without a database (the same NDJSON lines the
     * server exports: {@link EntryJson}, with leaf hashes), so it can be repeated without the two-minute fill.
     */
    @Test
    void verifyAMillionExportedEntriesOffline() throws Exception {
        Path export = Files.createTempFile("audit-bench", ".ndjson");
        KeyPair key = LogFixture.platformKey();
        cn.tongban.audit.merkle.CompactRange tree = new cn.tongban.audit.merkle.CompactRange();
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(export), 1 << 16);
                var g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            for (int i = 1; i <= VERIFY_ENTRIES; i++) {
                AccessEntry e = EntryRows.normalise(LogFixture.entry(i % 64, i)).withSequence(i);
                byte[] leaf = EntryCodec.leafHash(e);
                tree.append(leaf);
                EntryJson.write(g, e, leaf);
                g.writeRaw('\n');
            }
        }
        SignedTreeHead head = new TreeHeadSigner(key.getPrivate())
                .sign(new cn.tongban.audit.merkle.TreeHead(tree.size(), tree.root(), LogFixture.CLOCK.instant()));
        for (int run = 1; run <= 3; run++) {
            long started = System.nanoTime();
            long cpu = cpuNanos();
            ExportVerifier.Result result;
            try (var in = Files.newBufferedReader(export)) {
                result = ExportVerifier.verify(in, List.of(head), key.getPublic());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(result.ok()).as(result.message()).isTrue();
            System.out.printf(
                    "BENCH verify %d entries offline from a generated NDJSON export (%d MB), run %d: %.2f s"
                            + " (%.1f s CPU)%n",
                    result.entries(), Files.size(export) >> 20, run, seconds, (cpuNanos() - cpu) / 1e9);
        }
        Files.delete(export);
    }

    /** CPU time of this JVM (all threads): the work done, which the shared machine's load does not inflate. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void measure(String db, DataSource ds, int writers, int inFlight) throws Exception {
        try (JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 4096)) {
            // warm-up
            runFor(log, writers, inFlight, 2);
            long batchesBefore = log.batchesCommitted();
            long[] counted = runFor(log, writers, inFlight, SECONDS);
            long batches = log.batchesCommitted() - batchesBefore;
            System.out.printf(
                    "BENCH %s, %d writers%s: %.0f durable appends/s (%d in %.1f s, %.1f entries per commit)%n",
                    db,
                    writers,
                    inFlight == 1 ? "" : " x " + inFlight + " in flight (appendAsync)",
                    counted[0] / (counted[1] / 1e9),
                    counted[0],
                    counted[1] / 1e9,
                    (double) counted[0] / Math.max(1, batches));
        }
    }

    /**
     * {count, nanos}: each writer appends and waits for its acknowledgement until the time is up; with
     * {@code inFlight} &gt; 1 it keeps that many appendAsync calls pending and counts each one's acknowledgement.
     */
    private static long[] runFor(JdbcAccessLog log, int writers, int inFlight, long seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> counts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            counts.add(pool.submit(() -> {
                go.await();
                long n = 0;
                if (inFlight == 1) {
                    while (!stop.get()) {
                        log.append(LogFixture.entry(writer, (int) n));
                        n++;
                    }
                    return n;
                }
                java.util.ArrayDeque<CompletableFuture<AccessEntry>> pending = new java.util.ArrayDeque<>();
                long acked = 0;
                while (!stop.get()) {
                    pending.add(log.appendAsync(LogFixture.entry(writer, (int) n++)));
                    if (pending.size() == inFlight) {
                        pending.poll().join();
                        acked++;
                    }
                }
                for (CompletableFuture<AccessEntry> f : pending) {
                    f.join();
                    acked++;
                }
                return acked;
            }));
        }
        long started = System.nanoTime();
        go.countDown();
        TimeUnit.SECONDS.sleep(seconds);
        stop.set(true);
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        long elapsed = System.nanoTime() - started;
        pool.shutdown();
        return new long[] {total, elapsed};
    }
}
