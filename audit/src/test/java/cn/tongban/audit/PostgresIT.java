package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.AuditResult.Status;
import cn.tongban.audit.merkle.MerkleVerifier;
import cn.tongban.audit.merkle.NaiveMerkle;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/**
 * The production database: a real PostgreSQL (embedded binaries on loopback), migrated by Flyway. Two
 * group-commit writers share it as two server nodes would, so they race for the same sequence numbers.
 */
class PostgresIT {

    private static final int WRITERS_PER_NODE = 16;
    private static final int APPENDS = 100;

    private static EmbeddedPostgres postgres;
    private static DataSource ds;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        ds = TestDatabases.migrate(TestDatabases.pooled(postgres.getJdbcUrl("postgres", "postgres"), "postgres"));
    }

    @AfterAll
    static void stop() throws Exception {
        ((AutoCloseable) ds).close();
        postgres.close();
    }

    @Test
    void twoNodesWritingConcurrentlyKeepOneGapFreeProvableLog() throws Exception {
        JdbcClient.create(ds).sql("TRUNCATE access_log").update();
        List<AccessEntry> returned = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_NODE);
        long started = System.nanoTime();
        try (JdbcAccessLog node1 = new JdbcAccessLog(ds, LogFixture.CLOCK, 256);
                JdbcAccessLog node2 = new JdbcAccessLog(ds, LogFixture.CLOCK, 256)) {
            List<Future<List<AccessEntry>>> writers = new ArrayList<>();
            for (int w = 0; w < 2 * WRITERS_PER_NODE; w++) {
                int writer = w;
                JdbcAccessLog log = w % 2 == 0 ? node1 : node2;
                writers.add(pool.submit(() -> {
                    List<AccessEntry> mine = new ArrayList<>();
                    for (int i = 0; i < APPENDS; i++) {
                        mine.add(log.append(LogFixture.entry(writer, i)));
                    }
                    return mine;
                }));
            }
            for (Future<List<AccessEntry>> f : writers) {
                returned.addAll(f.get());
            }
        } finally {
            pool.shutdown();
        }
        long elapsed = System.nanoTime() - started;
        int total = 2 * WRITERS_PER_NODE * APPENDS;
        System.out.printf(
                "PostgresIT: %d appends by %d writers on 2 nodes in %d ms = %.0f appends/s%n",
                total, 2 * WRITERS_PER_NODE, elapsed / 1_000_000, total / (elapsed / 1e9));

        returned.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        assertThat(returned)
                .extracting(AccessEntry::sequence)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(LogFixture.rows(ds)).containsExactlyElementsOf(returned);

        KeyPair key = LogFixture.platformKey();
        LogTree tree = new LogTree(ds);
        SignedTreeHead sth = tree.publish(new TreeHeadSigner(key.getPrivate()), LogFixture.CLOCK.instant());
        assertThat(sth.head().root())
                .isEqualTo(NaiveMerkle.mth(
                        returned.stream().map(EntryCodec::leafHash).toList()));
        assertThat(tree.signedHeads()).last().isEqualTo(sth);
        for (AccessEntry e : returned) {
            assertThat(MerkleVerifier.verifyInclusion(
                            e.sequence() - 1,
                            total,
                            EntryCodec.leafHash(e),
                            tree.inclusionProof(e.sequence(), total),
                            sth.head().root()))
                    .isTrue();
        }
        LogAuditor auditor = new LogAuditor(ds);
        assertThat(auditor.verify(sth, key.getPublic()).intact()).isTrue();

        JdbcClient.create(ds)
                .sql("UPDATE access_log SET purpose = 'something else' WHERE seq = 1234")
                .update();
        assertThat(auditor.verify(sth, key.getPublic()))
                .extracting(AuditResult::status, AuditResult::firstSequence)
                .containsExactly(Status.ENTRY_ALTERED, 1234L);
    }

    @Test
    void aWriterThatKnowsTheEndCommitsEachGroupInOneStatementAndOtherwiseRenumbers() throws Exception {
        JdbcClient sql = JdbcClient.create(ds);
        sql.sql("TRUNCATE access_log").update();
        Counting counted = new Counting(ds);
        try (JdbcAccessLog node1 = new JdbcAccessLog(counted.dataSource(), LogFixture.CLOCK, 64);
                JdbcAccessLog node2 = new JdbcAccessLog(ds, LogFixture.CLOCK, 64)) {
            assertThat(node1.append(LogFixture.entry(1, 0)).sequence()).isEqualTo(1);
            counted.reset();
            for (int i = 1; i <= 5; i++) {
                assertThat(node1.append(LogFixture.entry(1, i)).sequence()).isEqualTo(1 + i);
            }
            assertThat(counted.statements())
                    .as("one statement per group, alone on the log")
                    .isEqualTo(5);
            assertThat(counted.commits())
                    .as("auto-commit: no separate COMMIT round trip")
                    .isZero();

            // another node moves the end: node1's statement inserts nothing, node1 locks, reads the end, renumbers
            assertThat(node2.append(LogFixture.entry(2, 0)).sequence()).isEqualTo(7);
            assertThat(node1.append(LogFixture.entry(1, 6)).sequence()).isEqualTo(8);

            // the last row removed: not written over with a gap behind it, renumbered after the stored end
            sql.sql("DELETE FROM access_log WHERE seq = 8").update();
            assertThat(node1.append(LogFixture.entry(1, 7)).sequence()).isEqualTo(8);
            assertThat(node1.treeHead().size()).isEqualTo(8);
        }
        List<AccessEntry> rows = LogFixture.rows(ds);
        assertThat(rows)
                .extracting(AccessEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 8).boxed().toList());
        KeyPair key = LogFixture.platformKey();
        SignedTreeHead sth = new LogTree(ds).publish(new TreeHeadSigner(key.getPrivate()), LogFixture.CLOCK.instant());
        assertThat(sth.head().root())
                .isEqualTo(
                        NaiveMerkle.mth(rows.stream().map(EntryCodec::leafHash).toList()));
        assertThat(new LogAuditor(ds).verify(sth, key.getPublic()).intact()).isTrue();
    }

    /** A data source whose connections count prepared statements and commits (what costs a round trip each). */
    private static final class Counting {
        private final DataSource target;
        private final java.util.concurrent.atomic.AtomicInteger statements =
                new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger commits =
                new java.util.concurrent.atomic.AtomicInteger();

        Counting(DataSource target) {
            this.target = target;
        }

        int statements() {
            return statements.get();
        }

        int commits() {
            return commits.get();
        }

        void reset() {
            statements.set(0);
            commits.set(0);
        }

        DataSource dataSource() {
            return (DataSource) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
                        Object r = invoke(target, m, args);
                        return r instanceof java.sql.Connection c ? connection(c) : r;
                    });
        }

        private java.sql.Connection connection(java.sql.Connection c) {
            return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {java.sql.Connection.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "prepareStatement", "createStatement" -> statements.incrementAndGet();
                            case "commit" -> commits.incrementAndGet();
                            default -> {}
                        }
                        return invoke(c, m, args);
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
