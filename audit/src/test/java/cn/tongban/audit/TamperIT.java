package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.List;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.AuditResult.Status;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/** Each test tampers with a signed 63-entry log on H2 by plain SQL; the auditor names the first bad entry. */
class TamperIT {

    private static final int SIZE = 63;

    private final KeyPair key = LogFixture.platformKey();
    private final DataSource ds = TestDatabases.h2();
    private final JdbcClient sql = JdbcClient.create(ds);
    private final SignedTreeHead sth = signedLog();

    /** 60 entries and 3 markers; heads are signed at 21, 42 and 63 entries; the test's head is the last. */
    private SignedTreeHead signedLog() {
        LogTree tree = new LogTree(ds);
        try (JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 16)) {
            for (int i = 0; i < 60; i++) {
                log.appendAsync(LogFixture.entry(i % 4, i));
                if ((i + 1) % 20 == 0) {
                    log.append(LogFixture.entry(9, i)); // waits for the batch, so the head covers it
                    tree.publish(new TreeHeadSigner(key.getPrivate()), LogFixture.CLOCK.instant());
                }
            }
        }
        return tree.latestSignedHead().orElseThrow();
    }

    private AuditResult audit() {
        return new LogAuditor(ds).verify(sth, key.getPublic());
    }

    @Test
    void untouchedLogIsIntact() {
        assertThat(audit())
                .isEqualTo(new AuditResult(
                        Status.INTACT,
                        0,
                        0,
                        SIZE,
                        SIZE + " entries intact; the first " + SIZE + " match the signed root"));
    }

    @Test
    void updatedActorIsNamed() {
        sql.sql("UPDATE access_log SET actor = 'mallory' WHERE seq = 17").update();
        assertThat(audit())
                .extracting(AuditResult::status, AuditResult::firstSequence)
                .containsExactly(Status.ENTRY_ALTERED, 17L);
    }

    @Test
    void deletedRowIsNamed() {
        sql.sql("DELETE FROM access_log WHERE seq = 23").update();
        assertThat(audit())
                .extracting(AuditResult::status, AuditResult::firstSequence)
                .containsExactly(Status.ENTRY_REMOVED, 23L);
    }

    @Test
    void deletedLastRowIsNamed() {
        sql.sql("DELETE FROM access_log WHERE seq = ?").param(SIZE).update();
        assertThat(audit())
                .extracting(AuditResult::status, AuditResult::firstSequence)
                .containsExactly(Status.ENTRY_REMOVED, (long) SIZE);
    }

    @Test
    void swappedRowsAreNamedAtTheFirst() {
        List<AccessEntry> rows = LogFixture.rows(ds);
        List<byte[]> hashes = LogFixture.storedLeafHashes(ds);
        // swap every column but the position, leaf hashes included, as a careful attacker would
        overwrite(9, rows.get(4), hashes.get(4));
        overwrite(5, rows.get(8), hashes.get(8));
        assertThat(audit())
                .extracting(AuditResult::status, AuditResult::firstSequence)
                .containsExactly(Status.ENTRY_ALTERED, 5L);
    }

    @Test
    void rowRewrittenWithAMatchingLeafHashBreaksTheSignedRoot() {
        AccessEntry forged = LogFixture.rows(ds).get(29).withDelivery("someone-else", null, null, null, null);
        overwrite(30, forged, EntryCodec.leafHash(forged));
        assertThat(audit()).extracting(AuditResult::status).isEqualTo(Status.ROOT_MISMATCH);
        // the heads signed at 21 and 42 entries locate it: after the first, up to the second
        assertThat(new LogAuditor(ds).verify(new LogTree(ds).signedHeads(), key.getPublic()))
                .extracting(AuditResult::status, AuditResult::firstSequence, AuditResult::lastSequence)
                .containsExactly(Status.ROOT_MISMATCH, 22L, 42L);
    }

    @Test
    void forgedHeadIsNotUsed() {
        TreeHead h = sth.head();
        SignedTreeHead shorter =
                new SignedTreeHead(new TreeHead(h.size() - 1, h.root(), h.time()), sth.algorithm(), sth.signature());
        assertThat(new LogAuditor(ds).verify(shorter, key.getPublic()).status())
                .isEqualTo(Status.HEAD_SIGNATURE_INVALID);
        assertThat(new LogAuditor(ds)
                        .verify(sth, LogFixture.platformKey().getPublic())
                        .status())
                .isEqualTo(Status.HEAD_SIGNATURE_INVALID);
    }

    @Test
    void entriesAfterTheHeadAreCheckedToo() {
        try (JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 16)) {
            for (int i = 0; i < 5; i++) {
                log.append(LogFixture.entry(7, i));
            }
        }
        assertThat(audit().checked()).isEqualTo(SIZE + 5);
        assertThat(audit().intact()).isTrue();
        sql.sql("UPDATE access_log SET outcome = 'OK', error_code = NULL WHERE seq = ?")
                .param(SIZE + 1)
                .update();
        assertThat(audit())
                .extracting(AuditResult::status, AuditResult::firstSequence)
                .containsExactly(Status.ENTRY_ALTERED, SIZE + 1L);
    }

    private void overwrite(long seq, AccessEntry content, byte[] leafHash) {
        List<Object> values = EntryRows.values(content.withSequence(seq), leafHash);
        // values: seq, logged_at, node, ..., response_digest, leaf_index, leaf_hash
        sql.sql("UPDATE access_log SET logged_at = ?, node = ?, actor = ?, action = ?, resource_code = ?, "
                        + "outcome = ?, error_code = ?, correlation_id = ?, subject_key = ?, purpose = ?, "
                        + "service_item = ?, fields_delivered = ?, response_digest = ?, leaf_hash = ? WHERE seq = ?")
                .params(
                        values.get(1),
                        values.get(2),
                        values.get(3),
                        values.get(4),
                        values.get(5),
                        values.get(6),
                        values.get(7),
                        values.get(8),
                        values.get(9),
                        values.get(10),
                        values.get(11),
                        values.get(12),
                        values.get(13),
                        leafHash,
                        seq)
                .update();
    }
}
