package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.merkle.NaiveMerkle;

/** The single-statement {@link AccessLog} (what the server wires today) and queries, on H2. */
class AccessLogIT {

    private final DataSource ds = TestDatabases.h2();
    private final AccessLog plain = new AccessLog(JdbcClient.create(ds));

    @Test
    void plainAndGroupWritersShareOneGapFreeTree() {
        try (JdbcAccessLog group = new JdbcAccessLog(ds, LogFixture.CLOCK, 8)) {
            for (int i = 0; i < 30; i++) {
                AccessEntry e = (i % 3 == 0 ? plain : group).append(LogFixture.entry(i % 5, i));
                assertThat(e.sequence()).isEqualTo(i + 1);
            }
            List<byte[]> leaves =
                    LogFixture.rows(ds).stream().map(EntryCodec::leafHash).toList();
            assertThat(LogFixture.storedLeafHashes(ds)).containsExactlyElementsOf(leaves);
            // the group writer's frontier caught up with the rows the plain writer added
            assertThat(group.treeHead().size()).isEqualTo(30);
            assertThat(group.treeHead().root()).isEqualTo(NaiveMerkle.mth(leaves));
        }
    }

    private void insertLegacy(long seq) {
        // as the first cut of AccessLog wrote rows: no sequence of its own, no leaf position, no hash
        JdbcClient.create(ds)
                .sql(
                        "INSERT INTO access_log (seq, logged_at, node, actor, action, outcome) "
                                + "VALUES (?, TIMESTAMP WITH TIME ZONE '2026-11-01 08:00:00.123456+00', 'n1', 'old', 'READ', 'OK')")
                .param(seq)
                .update();
    }

    @Test
    void rowsFromBeforeTheMigrationAreAdoptedAsTheFirstLeaves() throws Exception {
        insertLegacy(1);
        insertLegacy(2);
        insertLegacy(5); // the identity column left a gap
        assertThat(LegacyRows.adopt(ds)).isEqualTo(3);
        assertThat(LegacyRows.adopt(ds)).isZero();
        try (JdbcAccessLog group = new JdbcAccessLog(ds, LogFixture.CLOCK, 8)) {
            assertThat(group.append(LogFixture.entry(1, 1)).sequence()).isEqualTo(4);
        }
        var key = LogFixture.platformKey();
        var sth = new LogTree(ds)
                .publish(new cn.tongban.audit.merkle.TreeHeadSigner(key.getPrivate()), LogFixture.CLOCK.instant());
        assertThat(new LogAuditor(ds).verify(sth, key.getPublic()).intact()).isTrue();
        assertThat(sth.head().root())
                .isEqualTo(NaiveMerkle.mth(
                        LogFixture.rows(ds).stream().map(EntryCodec::leafHash).toList()));
    }

    @Test
    void unhashedRowsThatAreNotAPrefixAreNotAdopted() {
        plain.append(LogFixture.entry(1, 1));
        insertLegacy(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LegacyRows.adopt(ds))
                .isInstanceOf(IllegalStateException.class);
        var key = LogFixture.platformKey();
        var sth = new cn.tongban.audit.merkle.TreeHeadSigner(key.getPrivate())
                .sign(new LogTree(ds).head(1, LogFixture.CLOCK.instant()));
        assertThat(new LogAuditor(ds).verify(sth, key.getPublic()))
                .extracting(AuditResult::status, AuditResult::firstSequence)
                .containsExactly(AuditResult.Status.ENTRY_ALTERED, 2L);
    }

    @Test
    void dataSharingFieldsRoundTripAndSubjectKeyFinds() {
        byte[] secret = "a platform secret of at least 32 bytes".getBytes(StandardCharsets.UTF_8);
        String subject = SubjectKeys.of(secret, "11010519491231002X");
        AccessEntry about = LogFixture.entry(1, 1)
                .withDelivery(subject, "低保资格审核", "SI-001", List.of("name", "address"), "9f86d081884c7d65");
        AccessEntry stored = plain.append(about);
        plain.append(LogFixture.entry(1, 2));
        plain.append(LogFixture.entry(1, 3).withDelivery(subject, "低保资格审核", "SI-001", List.of(), null));

        assertThat(stored.time()).isEqualTo(about.time().truncatedTo(ChronoUnit.MICROS));
        assertThat(plain.find(1)).contains(stored);
        List<AccessEntry> found = plain.search(
                new AccessLogQuery(null, null, null, null, null, 10, SubjectKeys.of(secret, "11010519491231002x")));
        assertThat(found).extracting(AccessEntry::sequence).containsExactly(3L, 1L);
        assertThat(found.get(1).fieldsDelivered()).containsExactly("name", "address");
        assertThat(found.get(0).fieldsDelivered()).isEmpty();
        assertThat(plain.search(new AccessLogQuery(null, null, null, null, null, 10)))
                .hasSize(3);
        assertThat(plain.search(new AccessLogQuery(null, null, "system-1", null, 3L, 10)))
                .extracting(AccessEntry::sequence)
                .containsExactly(2L, 1L);
        java.time.Instant t0 = java.time.Instant.parse("2026-11-22T09:00:00Z");
        assertThat(plain.search(new AccessLogQuery(t0.plusMillis(2), t0.plusMillis(3), null, null, null, 10)))
                .extracting(AccessEntry::sequence)
                .containsExactly(2L);
    }
}
