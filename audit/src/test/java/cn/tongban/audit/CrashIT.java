package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/**
 * kill -9 under load: a child JVM appends with 32 writers and reports each acknowledgement; it is killed with
 * SIGKILL ({@link Process#destroyForcibly}) mid-stream, twice; then every acknowledged entry must be in the
 * database exactly as acknowledged, sequences gap-free, and the whole log must verify against a signed head.
 * On an H2 file database and on PostgreSQL.
 */
class CrashIT {

    private static final int ACKS_BEFORE_KILL = 2000;

    @Test
    void h2FileDatabaseLosesNoAcknowledgedEntry() throws Exception {
        Path dir = Files.createTempDirectory("audit-crash");
        String url = "jdbc:h2:file:" + dir.resolve("log")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        DataSource ds = TestDatabases.migrate(TestDatabases.pooled(url, "sa"));
        ((AutoCloseable) ds).close();
        crashTwiceAndCheck(url, "sa");
    }

    @Test
    void postgresLosesNoAcknowledgedEntry() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            DataSource ds = TestDatabases.migrate(TestDatabases.pooled(url, "postgres"));
            ((AutoCloseable) ds).close();
            crashTwiceAndCheck(url, "postgres");
        }
    }

    /**
     * appendAsync with 16 entries in flight per writer (512 pending, groups of hundreds): a completed future
     * must mean durable just as a returned append does.
     */
    @Test
    void h2FileDatabaseLosesNoEntryAcknowledgedByAppendAsync() throws Exception {
        Path dir = Files.createTempDirectory("audit-crash");
        String url = "jdbc:h2:file:" + dir.resolve("log")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        DataSource ds = TestDatabases.migrate(TestDatabases.pooled(url, "sa"));
        ((AutoCloseable) ds).close();
        check(url, user(url), runAndKill(url, "sa", 16));
    }

    @Test
    void postgresLosesNoEntryAcknowledgedByAppendAsync() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            DataSource ds = TestDatabases.migrate(TestDatabases.pooled(url, "postgres"));
            ((AutoCloseable) ds).close();
            check(url, "postgres", runAndKill(url, "postgres", 16));
        }
    }

    private static String user(String url) {
        return url.startsWith("jdbc:h2") ? "sa" : "postgres";
    }

    private static void crashTwiceAndCheck(String url, String user) throws Exception {
        check(url, user, runAndKill(url, user, 1));
        check(url, user, runAndKill(url, user, 1)); // the restarted writer continues the same log
    }

    private static void check(String url, String user, Map<Long, String> acked) throws Exception {
        DataSource ds = TestDatabases.pooled(url, user);
        try {
            Map<Long, String> stored = new HashMap<>();
            JdbcClient.create(ds)
                    .sql("SELECT seq, correlation_id FROM access_log")
                    .query((rs, n) -> stored.put(rs.getLong(1), rs.getString(2)))
                    .list();
            assertThat(acked.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
            for (Map.Entry<Long, String> a : acked.entrySet()) {
                assertThat(stored.get(a.getKey()))
                        .as("acknowledged entry %d", a.getKey())
                        .isEqualTo(a.getValue());
            }
            long max = stored.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            assertThat((long) stored.size()).as("gap-free").isEqualTo(max);
            System.out.printf(
                    "CrashIT %s: %d acknowledged, %d stored (unacknowledged in-flight entries may be"
                            + " committed too)%n",
                    url.startsWith("jdbc:h2") ? "H2" : "PostgreSQL", acked.size(), max);
            KeyPair key = LogFixture.platformKey();
            SignedTreeHead head = new LogTree(ds).publish(new TreeHeadSigner(key.getPrivate()), Instant.now());
            AuditResult result = new LogAuditor(ds).verify(List.of(head), key.getPublic());
            assertThat(result.intact()).as(result.reason()).isTrue();
            assertThat(result.checked()).isEqualTo(max);
            try (JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 16)) {
                assertThat(log.append(LogFixture.entry(1, 1)).sequence()).isEqualTo(max + 1);
            }
        } finally {
            ((AutoCloseable) ds).close();
        }
    }

    /** Starts the writer JVM, kills it with SIGKILL after enough acknowledgements, returns them. */
    private static Map<Long, String> runAndKill(String url, String user, int inFlight)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path acks = Files.createTempFile("audit-acks", ".txt");
        Process child = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        url,
                        user,
                        "32",
                        acks.toString(),
                        String.valueOf(inFlight))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(acks.resolveSibling(acks.getFileName() + ".err").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (Files.size(acks) < ACKS_BEFORE_KILL * 26L && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the writer runs until killed").isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        Map<Long, String> acked = new HashMap<>();
        for (String line : Files.readAllLines(acks, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("ACK")) { // the last line may be cut by the kill
                acked.put(Long.parseLong(parts[1]), parts[2]);
            }
        }
        return acked;
    }
}
