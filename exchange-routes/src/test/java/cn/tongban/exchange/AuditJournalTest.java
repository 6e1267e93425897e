package cn.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.AccessEntry;
import cn.tongban.audit.AccessLog;
import cn.tongban.audit.SubjectKeys;

/** The journal adapter on the real access log (H2, the audit module's migrations). */
class AuditJournalTest {

    @Test
    void pullIsRecordedWithTheSubjectKeyedNeverInClear() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:journal-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        byte[] key = "k".repeat(32).getBytes(StandardCharsets.US_ASCII);
        AccessLog log = new AccessLog(JdbcClient.create(ds));
        AuditJournal journal = new AuditJournal(
                log,
                id -> SubjectKeys.of(key, id),
                "node-1",
                () -> "corr-1",
                system -> system.equals("city-service-window") ? "310000-GOV" : null);

        PullRequest q = new PullRequest(
                "city-service-window",
                "310000-101002-00001",
                "310104198204172139",
                "身份核验",
                "310000-XK-0001",
                "clerk-0042",
                Set.of());
        long seq = journal.record(new AccessJournal.PullRecord(
                Instant.parse("2026-11-22T08:00:00Z"),
                q,
                AccessEntry.Outcome.OK,
                null,
                List.of("idNumber", "name"),
                "ab".repeat(32)));

        AccessEntry e = log.find(seq).orElseThrow();
        assertThat(e.action()).isEqualTo(AuditJournal.ACTION);
        assertThat(e.actor()).isEqualTo("city-service-window");
        assertThat(e.operator()).isEqualTo("clerk-0042");
        assertThat(e.department()).isEqualTo("310000-GOV");
        assertThat(e.subjectKey()).isEqualTo(SubjectKeys.of(key, "310104198204172139"));
        assertThat(e.purpose()).isEqualTo("身份核验");
        assertThat(e.serviceItem()).isEqualTo("310000-XK-0001");
        assertThat(e.fieldsDelivered()).containsExactly("idNumber", "name");
        assertThat(e.correlationId()).isEqualTo("corr-1");
        List<Map<String, Object>> rows =
                JdbcClient.create(ds).sql("SELECT * FROM access_log").query().listOfRows();
        assertThat(rows.toString()).doesNotContain("310104198204172139");
    }
}
