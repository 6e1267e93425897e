package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.AccessEntry.Outcome;
import cn.tongban.audit.AuditResult.Status;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;
import cn.tongban.fixtures.merkle.Rfc9162Check;

/**
 * What an auditor does, on H2 and on PostgreSQL: search by every filter, export (NDJSON, CSV) and verify the
 * export offline, check proofs with the independent {@link Rfc9162Check}, detect edited and deleted rows
 * (incrementally and fully), archive old entries and verify the archive.
 */
class AuditorWorkflowIT {

    private static EmbeddedPostgres postgres;
    private static final KeyPair KEY = LogFixture.platformKey();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    static Stream<String> databases() {
        return Stream.of("h2", "postgres");
    }

    private static DataSource database(String kind) {
        if (kind.equals("h2")) {
            return TestDatabases.h2();
        }
        String db = "audit" + System.nanoTime();
        JdbcClient.create(postgres.getPostgresDatabase())
                .sql("CREATE DATABASE " + db)
                .update();
        return TestDatabases.migrate(TestDatabases.pooled(postgres.getJdbcUrl("postgres", db), "postgres"));
    }

    /** 120 entries over three days, two departments, with and without the data-sharing fields. */
    private static List<AccessEntry> fill(DataSource ds) {
        List<AccessEntry> written = new ArrayList<>();
        try (JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 64)) {
            for (int i = 0; i < 120; i++) {
                AccessEntry e = new AccessEntry(
                                0,
                                Instant.parse("2026-11-20T15:30:00Z").plusSeconds(1800L * i),
                                "node-1",
                                "system-" + (i % 4),
                                i % 3 == 0 ? "DATA_PULL" : "VERIFICATION",
                                "R-" + (i % 5),
                                i % 10 == 0 ? Outcome.REFUSED : Outcome.OK,
                                i % 10 == 0 ? "NOT_PERMITTED" : null,
                                "c-" + i)
                        .withDelivery(
                                i % 2 == 0 ? SubjectKeys.of(new byte[32], "11010519491231002X") : null,
                                i % 2 == 0 ? "低保资格核验" : null,
                                "SI-" + (i % 2),
                                List.of("name", "address"),
                                "sha256:" + i)
                        .withActorDetail(i % 4 < 2 ? "D-CIVIL" : "D-HEALTH", i % 7 == 0 ? "clerk-7" : null);
                written.add(log.append(e));
            }
        }
        return written;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void searchFiltersPagesAndCountsByDay(String kind) {
        DataSource ds = database(kind);
        List<AccessEntry> all = fill(ds);
        AccessLog log = new AccessLog(JdbcClient.create(ds));
        String subject = SubjectKeys.of(new byte[32], "１１０１０５１９４９１２３１００２ｘ");
        assertThat(log.search(
                        new AccessLogQuery(null, null, null, null, null, null, null, null, subject, null, null, 500)))
                .hasSize(60)
                .allMatch(e -> e.sequence() % 2 == 1);
        List<AccessEntry> civilRefused = log.search(new AccessLogQuery(
                null, null, null, "D-CIVIL", null, null, null, null, null, Outcome.REFUSED, null, 500));
        assertThat(civilRefused)
                .extracting(AccessEntry::sequence)
                .containsExactlyElementsOf(all.stream()
                        .filter(e -> "D-CIVIL".equals(e.department()) && e.outcome() == Outcome.REFUSED)
                        .map(AccessEntry::sequence)
                        .sorted((a, b) -> Long.compare(b, a))
                        .toList());
        assertThat(log.search(new AccessLogQuery(
                        null, null, "system-1", null, "DATA_PULL", "R-3", "低保资格核验", "SI-0", null, null, null, 500)))
                .isEmpty(); // system-1 entries are odd: no purpose
        assertThat(log.search(new AccessLogQuery(
                        null, null, "system-2", null, null, "R-2", "低保资格核验", "SI-0", null, Outcome.OK, null, 500)))
                .allMatch(e -> e.actor().equals("system-2") && e.resourceCode().equals("R-2"))
                .isNotEmpty();
        // pages: newest first, cursor excludes
        List<AccessEntry> page1 = log.search(AccessLogQuery.all(50));
        List<AccessEntry> page2 =
                log.search(AccessLogQuery.all(50).page(page1.get(49).sequence(), 50));
        assertThat(page1.get(0).sequence()).isEqualTo(120);
        assertThat(page2.get(0).sequence()).isEqualTo(70);
        assertThat(log.find(7)).contains(all.get(6));

        List<LogReader.DailyCount> counts = new LogReader(ds).dailyCounts(null, null, ZoneId.of("Asia/Shanghai"));
        assertThat(counts.stream().mapToLong(LogReader.DailyCount::count).sum()).isEqualTo(120);
        // 2026-11-20T15:30Z is 23:30 in Shanghai: the first entry counts on the 20th, the second on the 21st
        assertThat(counts.get(0).day()).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(counts.stream()
                        .filter(c -> c.day().equals(LocalDate.parse("2026-11-20")))
                        .mapToLong(LogReader.DailyCount::count)
                        .sum())
                .isEqualTo(1);
        assertThat(counts).allMatch(c -> c.department() != null && c.resourceCode() != null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void exportsVerifyOfflineAndTamperedExportsNameTheEntry(String kind) throws IOException {
        DataSource ds = database(kind);
        fill(ds);
        LogTree tree = new LogTree(ds);
        SignedTreeHead h60 = tree.publish(new TreeHeadSigner(KEY.getPrivate()), 60, LogFixture.CLOCK.instant());
        SignedTreeHead h120 = tree.publish(new TreeHeadSigner(KEY.getPrivate()), LogFixture.CLOCK.instant());
        List<SignedTreeHead> heads = List.of(h60, h120);
        String full = ndjson(ds, null, 1, Long.MAX_VALUE);
        assertThat(full.lines()).hasSize(120);
        assertThat(verify(full, heads).ok()).isTrue();
        // a range after a prefix line verifies alone
        String tail = ndjson(ds, null, 45, 120);
        assertThat(tail.lines().findFirst().orElseThrow()).startsWith("{\"prefix\":{\"size\":44");
        assertThat(verify(tail, heads).ok()).isTrue();
        // the heads file as the API and archives write it
        assertThat(ExportVerifier.readHeads(
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(LogArchiver.headsJson(heads))))
                .containsExactlyElementsOf(heads);

        List<String> lines = new ArrayList<>(full.lines().toList());
        // altered (the leaf hash in the line stays the stored one)
        List<String> altered = new ArrayList<>(lines);
        altered.set(41, altered.get(41).replace("\"actor\":\"system-1\"", "\"actor\":\"system-9\""));
        assertResult(verify(String.join("\n", altered), heads), Status.ENTRY_ALTERED, 42);
        // altered with a recomputed leaf hash: only the signed root catches it, between heads 60 and 120
        List<String> rehashed = new ArrayList<>(lines);
        rehashed.set(
                70,
                rehashed.get(70).replaceAll(",\"leafHash\":\"[0-9a-f]+\"", "").replace("c-70", "c-x"));
        ExportVerifier.Result root = verify(String.join("\n", rehashed), heads);
        assertThat(root.status()).isEqualTo(Status.ROOT_MISMATCH);
        assertThat(root.firstSequence()).isEqualTo(61);
        assertThat(root.lastSequence()).isEqualTo(120);
        // removed
        List<String> removed = new ArrayList<>(lines);
        removed.remove(9);
        assertResult(verify(String.join("\n", removed), heads), Status.ENTRY_REMOVED, 10);
        // reordered
        List<String> reordered = new ArrayList<>(lines);
        reordered.set(19, lines.get(20));
        reordered.set(20, lines.get(19));
        assertResult(verify(String.join("\n", reordered), heads), Status.ENTRY_REORDERED, 20);
        // cut short before a signed size
        assertResult(verify(String.join("\n", lines.subList(0, 100)), List.of(h120)), Status.ENTRY_REMOVED, 101);
        // a line that is not JSON
        List<String> garbage = new ArrayList<>(lines);
        garbage.set(5, "{not json");
        assertResult(verify(String.join("\n", garbage), heads), Status.ENTRY_ALTERED, 6);
        // a head not signed by the key
        KeyPair other = LogFixture.platformKey();
        assertThat(ExportVerifier.verify(reader(full), heads, other.getPublic()).status())
                .isEqualTo(Status.HEAD_SIGNATURE_INVALID);

        // filtered exports carry no prefix; CSV has a header and quotes what needs quoting
        String filtered = ndjson(
                ds,
                new AccessLogQuery(null, null, null, "D-HEALTH", null, null, null, null, null, null, null, 1),
                1,
                Long.MAX_VALUE);
        assertThat(filtered.lines()).hasSize(60).allMatch(l -> l.contains("\"department\":\"D-HEALTH\""));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        assertThat(new LogReader(ds).exportCsv(null, 1, 10, csv)).isEqualTo(10);
        List<String> csvLines = csv.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(csvLines.get(0)).isEqualTo(LogReader.CSV_HEADER);
        assertThat(csvLines).hasSize(11);
        assertThat(csvLines.get(1)).startsWith("1,2026-11-20T15:30:00Z,node-1,system-0,D-CIVIL,clerk-7,DATA_PULL,R-0,");
        assertThat(LogReader.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void proofsCheckOutWithAnIndependentVerifier(String kind) {
        DataSource ds = database(kind);
        List<AccessEntry> all = fill(ds);
        LogTree tree = new LogTree(ds);
        for (long size : new long[] {1, 2, 7, 64, 65, 120}) {
            byte[] root = tree.head(size, Instant.EPOCH).root();
            for (long seq = 1; seq <= size; seq += Math.max(1, size / 9)) {
                byte[] leaf = Rfc9162Check.leafHash(EntryCodec.encode(all.get((int) seq - 1)));
                assertThat(tree.leafHash(seq)).isEqualTo(leaf);
                List<byte[]> proof = tree.inclusionProof(seq, size);
                assertThat(Rfc9162Check.inclusionHolds(seq - 1, size, leaf, proof, root))
                        .as("inclusion of %d in %d", seq, size)
                        .isTrue();
                if (!proof.isEmpty()) {
                    List<byte[]> bad = new ArrayList<>(proof);
                    bad.set(0, Rfc9162Check.leafHash(new byte[] {1}));
                    assertThat(Rfc9162Check.inclusionHolds(seq - 1, size, leaf, bad, root))
                            .isFalse();
                }
            }
            for (long m = 1; m <= size; m += Math.max(1, size / 7)) {
                assertThat(Rfc9162Check.consistencyHolds(
                                m, size, tree.head(m, Instant.EPOCH).root(), root, tree.consistencyProof(m, size)))
                        .as("consistency %d -> %d", m, size)
                        .isTrue();
                if (m < size) {
                    assertThat(Rfc9162Check.consistencyHolds(
                                    m,
                                    size,
                                    tree.head(m, Instant.EPOCH).root(),
                                    tree.head(m, Instant.EPOCH).root(),
                                    tree.consistencyProof(m, size)))
                            .isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void editedAndDeletedRowsAreFoundIncrementallyAndFully(String kind) {
        DataSource ds = database(kind);
        fill(ds);
        LogTree tree = new LogTree(ds);
        tree.publish(new TreeHeadSigner(KEY.getPrivate()), LogFixture.CLOCK.instant());
        LogAuditor auditor = new LogAuditor(ds);
        LogAuditor.Checkpoint checkpoint = new LogAuditor.Checkpoint();
        assertThat(auditor.verifyIncrementally(checkpoint, tree.signedHeads(), KEY.getPublic(), 10)
                        .intact())
                .isTrue();
        assertThat(checkpoint.verified()).isEqualTo(120);
        // nothing new: cheap, still intact
        assertThat(auditor.verifyIncrementally(checkpoint, tree.signedHeads(), KEY.getPublic(), 10)
                        .intact())
                .isTrue();

        JdbcClient sql = JdbcClient.create(ds);
        sql.sql("UPDATE access_log SET purpose = 'other' WHERE seq = 33").update();
        // the rolling sample reaches row 33 within 120 / 10 checks
        AuditResult found = null;
        for (int i = 0; i < 13 && (found == null || found.intact()); i++) {
            found = auditor.verifyIncrementally(checkpoint, tree.signedHeads(), KEY.getPublic(), 10);
        }
        assertThat(found.status()).isEqualTo(Status.ENTRY_ALTERED);
        assertThat(found.firstSequence()).isEqualTo(33);
        assertThat(auditor.verify(tree.signedHeads(), KEY.getPublic()).firstSequence())
                .isEqualTo(33);

        DataSource ds2 = database(kind);
        fill(ds2);
        LogTree tree2 = new LogTree(ds2);
        tree2.publish(new TreeHeadSigner(KEY.getPrivate()), LogFixture.CLOCK.instant());
        LogAuditor.Checkpoint cp2 = new LogAuditor.Checkpoint();
        LogAuditor auditor2 = new LogAuditor(ds2);
        assertThat(auditor2.verifyIncrementally(cp2, tree2.signedHeads(), KEY.getPublic(), 0)
                        .intact())
                .isTrue();
        JdbcClient.create(ds2).sql("DELETE FROM access_log WHERE seq = 77").update();
        AuditResult deleted = auditor2.verifyIncrementally(cp2, tree2.signedHeads(), KEY.getPublic(), 0);
        assertThat(deleted.status()).isEqualTo(Status.ENTRY_REMOVED);
        assertThat(deleted.firstSequence()).isEqualTo(77);
        // new rows after the checkpoint are re-hashed
        JdbcClient.create(ds2).sql("DELETE FROM access_log WHERE seq = 120").update(); // now the last is 119
        DataSource ds3 = database(kind);
        fill(ds3);
        LogAuditor.Checkpoint cp3 = new LogAuditor.Checkpoint();
        new LogTree(ds3).publish(new TreeHeadSigner(KEY.getPrivate()), 50, LogFixture.CLOCK.instant());
        JdbcClient.create(ds3)
                .sql("UPDATE access_log SET node = 'x' WHERE seq = 101")
                .update();
        AuditResult fresh =
                new LogAuditor(ds3).verifyIncrementally(cp3, new LogTree(ds3).signedHeads(), KEY.getPublic(), 0);
        assertThat(fresh.status()).isEqualTo(Status.ENTRY_ALTERED);
        assertThat(fresh.firstSequence()).isEqualTo(101);
        assertThat(cp3.verified()).as("a failed check does not advance").isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void archivesVerifyAndTheTreeStaysWhole(String kind) throws IOException {
        DataSource ds = database(kind);
        List<AccessEntry> all = fill(ds);
        LogTree tree = new LogTree(ds);
        TreeHeadSigner signer = new TreeHeadSigner(KEY.getPrivate());
        SignedTreeHead before = tree.publish(signer, LogFixture.CLOCK.instant());
        LogArchiver archiver = new LogArchiver(ds);
        // entries before 2026-11-21T15:30Z: the first 48
        Instant cutoff = Instant.parse("2026-11-21T15:30:00Z");
        LogArchiver.Archive a = archiver.archive(cutoff, dir, signer, KEY.getPublic(), LogFixture.CLOCK.instant())
                .orElseThrow();
        assertThat(a.firstSequence()).isEqualTo(1);
        assertThat(a.lastSequence()).isEqualTo(48);
        assertThat(archiver.archive(cutoff, dir, signer, KEY.getPublic(), LogFixture.CLOCK.instant()))
                .isEmpty();
        List<SignedTreeHead> archiveHeads = ExportVerifier.readHeads(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(a.heads().toFile()));
        try (BufferedReader in = Files.newBufferedReader(a.entries())) {
            assertThat(ExportVerifier.verify(in, archiveHeads, KEY.getPublic()).ok())
                    .isTrue();
        }
        assertThat(new AccessLog(JdbcClient.create(ds)).find(10)).isEmpty();
        // the tree is unchanged: same root, proofs for archived entries, the full audit passes
        LogTree after = new LogTree(ds);
        assertThat(after.head(120, Instant.EPOCH).root())
                .isEqualTo(before.head().root());
        byte[] leaf10 = EntryCodec.leafHash(all.get(9));
        assertThat(Rfc9162Check.inclusionHolds(
                        9,
                        120,
                        leaf10,
                        after.inclusionProof(10, 120),
                        before.head().root()))
                .isTrue();
        assertThat(new LogAuditor(ds)
                        .verify(after.signedHeads(), KEY.getPublic())
                        .intact())
                .isTrue();
        LogAuditor.Checkpoint cp = new LogAuditor.Checkpoint();
        assertThat(new LogAuditor(ds)
                        .verifyIncrementally(cp, after.signedHeads(), KEY.getPublic(), 50)
                        .intact())
                .isTrue();
        // a second archive continues after the first, with a prefix line, and verifies alone
        LogArchiver.Archive b = archiver.archive(
                        Instant.parse("2026-11-22T15:30:00Z"), dir, signer, KEY.getPublic(), LogFixture.CLOCK.instant())
                .orElseThrow();
        assertThat(b.firstSequence()).isEqualTo(49);
        try (BufferedReader in = Files.newBufferedReader(b.entries())) {
            assertThat(ExportVerifier.verify(
                                    in,
                                    ExportVerifier.readHeads(new com.fasterxml.jackson.databind.ObjectMapper()
                                            .readTree(b.heads().toFile())),
                                    KEY.getPublic())
                            .ok())
                    .isTrue();
        }
        // a row altered before archiving: the archive is refused and the rows stay
        JdbcClient.create(ds)
                .sql("UPDATE access_log SET actor = 'forged' WHERE seq = 100")
                .update();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> archiver.archive(
                        Instant.parse("2026-11-30T00:00:00Z"),
                        dir,
                        signer,
                        KEY.getPublic(),
                        LogFixture.CLOCK.instant()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new AccessLog(JdbcClient.create(ds)).find(100)).isPresent();
        // a full audit finds the same row
        assertThat(new LogAuditor(ds)
                        .verify(new LogTree(ds).signedHeads(), KEY.getPublic())
                        .firstSequence())
                .isEqualTo(100);
    }

    private static void assertResult(ExportVerifier.Result r, Status status, long sequence) {
        assertThat(r.status()).as(r.message()).isEqualTo(status);
        assertThat(r.firstSequence()).as(r.message()).isEqualTo(sequence);
    }

    private static ExportVerifier.Result verify(String export, List<SignedTreeHead> heads) throws IOException {
        return ExportVerifier.verify(reader(export), heads, KEY.getPublic());
    }

    private static BufferedReader reader(String s) {
        return new BufferedReader(new StringReader(s));
    }

    private static String ndjson(DataSource ds, AccessLogQuery filter, long from, long to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LogReader(ds).exportNdjson(filter, from, to, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
