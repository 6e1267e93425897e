package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import cn.tongban.audit.merkle.MerkleVerifier;
import cn.tongban.audit.merkle.NaiveMerkle;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/** 64 concurrent writers on H2 through the group-commit writer; then every entry is proven against a head. */
class GroupCommitIT {

    private static final int WRITERS = 64;
    private static final int APPENDS = 200;

    @Test
    void concurrentAppendsAreGapFreeProvableAndMatchTheNaiveRoot() throws Exception {
        DataSource ds = TestDatabases.h2();
        List<AccessEntry> returned = new ArrayList<>();
        long started;
        long elapsed;
        try (JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 512)) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<AccessEntry>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    go.await();
                    List<AccessEntry> mine = new ArrayList<>();
                    for (int i = 0; i < APPENDS; i++) {
                        mine.add(log.append(LogFixture.entry(writer, i)));
                    }
                    return mine;
                }));
            }
            started = System.nanoTime();
            go.countDown();
            for (Future<List<AccessEntry>> f : writers) {
                List<AccessEntry> mine = f.get();
                // one writer's appends return in its own order
                assertThat(mine).extracting(AccessEntry::sequence).isSorted();
                returned.addAll(mine);
            }
            elapsed = System.nanoTime() - started;
            pool.shutdown();

            int total = WRITERS * APPENDS;
            System.out.printf(
                    "GroupCommitIT: %d appends by %d writers on H2 in %d ms = %.0f appends/s,"
                            + " %d batches (%.1f per batch)%n",
                    total,
                    WRITERS,
                    elapsed / 1_000_000,
                    total / (elapsed / 1e9),
                    log.batchesCommitted(),
                    (double) total / log.batchesCommitted());
            assertThat(log.batchesCommitted())
                    .as("concurrent appends share transactions")
                    .isLessThan(total / 4);

            returned.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            assertThat(returned)
                    .extracting(AccessEntry::sequence)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, total).boxed().toList());
            // what the callers were told is what is stored, field by field (time cut to microseconds)
            assertThat(LogFixture.rows(ds)).containsExactlyElementsOf(returned);

            List<byte[]> recomputed =
                    returned.stream().map(EntryCodec::leafHash).toList();
            assertThat(LogFixture.storedLeafHashes(ds)).containsExactlyElementsOf(recomputed);
            byte[] naiveRoot = NaiveMerkle.mth(recomputed);

            KeyPair key = LogFixture.platformKey();
            LogTree tree = new LogTree(ds);
            SignedTreeHead sth = tree.publish(new TreeHeadSigner(key.getPrivate()), LogFixture.CLOCK.instant());
            assertThat(sth.verify(key.getPublic())).isTrue();
            assertThat(sth.head().size()).isEqualTo(total);
            assertThat(sth.head().root()).isEqualTo(naiveRoot);
            assertThat(log.treeHead().root()).isEqualTo(naiveRoot);
            assertThat(tree.latestSignedHead()).contains(sth);

            for (AccessEntry e : returned) {
                assertThat(MerkleVerifier.verifyInclusion(
                                e.sequence() - 1,
                                sth.head().size(),
                                EntryCodec.leafHash(e),
                                tree.inclusionProof(e.sequence(), sth.head().size()),
                                sth.head().root()))
                        .as("inclusion of %d", e.sequence())
                        .isTrue();
            }
            long half = total / 2 + 17;
            assertThat(MerkleVerifier.verifyConsistency(
                            half,
                            total,
                            tree.head(half, Instant.EPOCH).root(),
                            sth.head().root(),
                            tree.consistencyProof(half, total)))
                    .isTrue();
            assertThat(new LogAuditor(ds).verify(sth, key.getPublic()).intact()).isTrue();
        }
    }

    @Test
    void failedBatchFailsItsCallersAndConsumesNoSequence() {
        DataSource ds = TestDatabases.h2();
        var sql = org.springframework.jdbc.core.simple.JdbcClient.create(ds);
        try (JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 64)) {
            assertThat(log.append(LogFixture.entry(1, 1)).sequence()).isEqualTo(1);
            sql.sql("ALTER TABLE access_log_writer RENAME TO access_log_writer_gone")
                    .update();
            var failed = List.of(log.appendAsync(LogFixture.entry(1, 2)), log.appendAsync(LogFixture.entry(1, 3)));
            for (var f : failed) {
                org.assertj.core.api.Assertions.assertThatThrownBy(f::join)
                        .hasCauseInstanceOf(org.springframework.dao.DataAccessResourceFailureException.class);
            }
            sql.sql("ALTER TABLE access_log_writer_gone RENAME TO access_log_writer")
                    .update();
            assertThat(log.append(LogFixture.entry(1, 4)).sequence()).isEqualTo(2);
            assertThat(log.treeHead().size()).isEqualTo(2);
        }
        assertThat(LogFixture.rows(ds)).extracting(AccessEntry::correlationId).containsExactly("corr-1-1", "corr-1-4");
    }

    @Test
    void oneInvalidEntryFailsAloneAndClosedLogRefuses() {
        DataSource ds = TestDatabases.h2();
        JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 64);
        ConcurrentLinkedQueue<AccessEntry> ok = new ConcurrentLinkedQueue<>();
        ok.add(log.append(LogFixture.entry(1, 1)));
        AccessEntry tooLong =
                new AccessEntry(0, Instant.now(), "n", "a".repeat(129), "X", null, AccessEntry.Outcome.OK, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> log.appendAsync(tooLong))
                .isInstanceOf(IllegalArgumentException.class);
        ok.add(log.append(LogFixture.entry(1, 2)));
        assertThat(ok).extracting(AccessEntry::sequence).containsExactly(1L, 2L);
        log.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> log.append(LogFixture.entry(1, 3)))
                .isInstanceOf(IllegalStateException.class);
    }
}
