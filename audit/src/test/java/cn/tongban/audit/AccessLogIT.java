package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
            List<byte[]> leaves = LogFixture.rows(ds).stream().map(EntryCodec::leafHash).toList();
            assertThat(LogFixture.storedLeafHashes(ds)).containsExactlyElementsOf(leaves);
            // the group writer's frontier caught up with the rows the plain writer added
            assertThat(group.treeHead().size()).isEqualTo(30);
            assertThat(group.treeHead().root()).isEqualTo(NaiveMerkle.mth(leaves));
        }
    }

    @Test
    void dataSharingFieldsRoundTripAndSubjectKeyFinds() {
        byte[] secret = "a platform secret of at least 32 bytes".getBytes();
        String subject = SubjectKeys.of(secret, "11010519491231002X");
        AccessEntry about = LogFixture.entry(1, 1).withDelivery(subject, "低保资格审核", "SI-001",
                List.of("name", "address"), "9f86d081884c7d65");
        AccessEntry stored = plain.append(about);
        plain.append(LogFixture.entry(1, 2));
        plain.append(LogFixture.entry(1, 3).withDelivery(subject, "低保资格审核", "SI-001", List.of(), null));

        assertThat(stored.time()).isEqualTo(about.time().truncatedTo(ChronoUnit.MICROS));
        assertThat(plain.find(1)).contains(stored);
        List<AccessEntry> found = plain.search(new AccessLogQuery(null, null, null, null, null, 10,
                SubjectKeys.of(secret, "11010519491231002x")));
        assertThat(found).extracting(AccessEntry::sequence).containsExactly(3L, 1L);
        assertThat(found.get(1).fieldsDelivered()).containsExactly("name", "address");
        assertThat(found.get(0).fieldsDelivered()).isEmpty();
        assertThat(plain.search(new AccessLogQuery(null, null, null, null, null, 10))).hasSize(3);
        assertThat(plain.search(new AccessLogQuery(null, null, "system-1", null, 3L, 10)))
                .extracting(AccessEntry::sequence).containsExactly(2L, 1L);
    }
}
