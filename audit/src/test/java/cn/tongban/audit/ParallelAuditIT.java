package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.KeyPair;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.AuditResult.Status;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/**
 * The parallel {@link LogAuditor} (worker connections reading chunks) must give exactly the result of the
 * sequential scan — same status, same first and last sequence, same count, same words — for an intact log and
 * for each kind of tampering, wherever it falls: inside a chunk, on the first or last row of one, in the last
 * (partial) chunk, several at once. A 2,000-entry log on H2 with heads every 250 entries; chunks of 128 and 97
 * rows so there are many.
 */
class ParallelAuditIT {

    private static final int SIZE = 2000;

    private final KeyPair key = LogFixture.platformKey();
    private final DataSource ds = TestDatabases.h2();
    private final JdbcClient sql = JdbcClient.create(ds);
    private final List<SignedTreeHead> heads = signedLog();

    private List<SignedTreeHead> signedLog() {
        LogTree tree = new LogTree(ds);
        try (JdbcAccessLog log = new JdbcAccessLog(ds, LogFixture.CLOCK, 256)) {
            for (int i = 1; i <= SIZE; i++) {
                var done = log.appendAsync(LogFixture.entry(i % 5, i));
                if (i % 250 == 0) {
                    done.join();
                    tree.publish(new TreeHeadSigner(key.getPrivate()), LogFixture.CLOCK.instant());
                }
            }
        }
        return tree.signedHeads();
    }

    /** The sequential result, checked equal to the parallel ones; returned for the test's own assertion. */
    private AuditResult sameEverywhere() {
        AuditResult sequential = new LogAuditor(ds, 1).verify(heads, key.getPublic());
        assertThat(new LogAuditor(ds, 2, 128).verify(heads, key.getPublic())).isEqualTo(sequential);
        assertThat(new LogAuditor(ds, 3, 97).verify(heads, key.getPublic())).isEqualTo(sequential);
        assertThat(new LogAuditor(ds).verify(heads, key.getPublic())).isEqualTo(sequential);
        return sequential;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "none",
                "alter 700",
                "alter 128",
                "alter 129",
                "alter 1999",
                "delete 700",
                "delete 1",
                "delete 2000",
                "delete 257",
                "reorder 640",
                "rehash 1100",
                "alter 1500 delete 900"
            })
    void parallelNamesWhatTheSequentialScanNames(String tampering) {
        String[] words = tampering.split(" ");
        for (int i = 0; i + 1 < words.length; i += 2) {
            long seq = Long.parseLong(words[i + 1]);
            tamper(words[i]).accept(seq);
        }
        AuditResult result = sameEverywhere();
        long first = words.length > 1 ? Long.parseLong(words[words.length > 2 ? 3 : 1]) : 0;
        Status expected =
                switch (words[words.length > 2 ? 2 : 0]) {
                    case "alter" -> Status.ENTRY_ALTERED;
                    case "delete" -> Status.ENTRY_REMOVED;
                    case "reorder" -> Status.ENTRY_REORDERED;
                    case "rehash" -> Status.ROOT_MISMATCH;
                    default -> Status.INTACT;
                };
        assertThat(result.status()).as(result.reason()).isEqualTo(expected);
        if (expected == Status.ROOT_MISMATCH) {
            assertThat(result.firstSequence()).isEqualTo(1001); // after the head at 1000, up to the one at 1250
            assertThat(result.lastSequence()).isEqualTo(1250);
        } else {
            assertThat(result.firstSequence()).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 130, 1990})
    void aRowTheCodecCannotReadFailsAsInTheSequentialScan(long seq) {
        sql.sql("UPDATE access_log SET outcome = 'BOGUS' WHERE seq = ?")
                .param(seq)
                .update();
        Throwable sequential = catchThrowable(() -> new LogAuditor(ds, 1).verify(heads, key.getPublic()));
        Throwable parallel = catchThrowable(() -> new LogAuditor(ds, 2, 128).verify(heads, key.getPublic()));
        assertThat(sequential).isInstanceOf(IllegalArgumentException.class);
        assertThat(parallel).isInstanceOf(sequential.getClass()).hasMessage(sequential.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 1000})
    void anEarlierFindingWinsOverALaterOneInAnotherChunk(long early) {
        sql.sql("UPDATE access_log SET actor = 'mallory' WHERE seq = 1800").update();
        dropLeafPositionCheck();
        sql.sql("UPDATE access_log SET leaf_index = 0 WHERE seq = ?")
                .param(early)
                .update();
        AuditResult result = sameEverywhere();
        assertThat(result)
                .extracting(AuditResult::status, AuditResult::firstSequence)
                .containsExactly(Status.ENTRY_REORDERED, early);
    }

    /** An attacker with the database's owner rights can drop the constraint that keeps leaf_index = seq - 1. */
    private void dropLeafPositionCheck() {
        sql.sql("ALTER TABLE access_log DROP CONSTRAINT access_log_leaf_position")
                .update();
    }

    private Consumer<Long> tamper(String how) {
        return switch (how) {
            case "alter" ->
                seq -> sql.sql("UPDATE access_log SET actor = 'mallory' WHERE seq = ?")
                        .param(seq)
                        .update();
            case "delete" ->
                seq -> sql.sql("DELETE FROM access_log WHERE seq = ?")
                        .param(seq)
                        .update();
            case "reorder" ->
                seq -> {
                    dropLeafPositionCheck();
                    sql.sql("UPDATE access_log SET leaf_index = seq WHERE seq = ?")
                            .param(seq)
                            .update();
                };
            case "rehash" ->
                seq -> {
                    AccessEntry forged = LogFixture.rows(ds)
                            .get((int) (seq - 1))
                            .withDelivery("someone-else", null, null, null, null);
                    sql.sql("UPDATE access_log SET subject_key = 'someone-else', purpose = NULL, service_item = NULL, "
                                    + "fields_delivered = NULL, response_digest = NULL, leaf_hash = ? WHERE seq = ?")
                            .params(EntryCodec.leafHash(forged), seq)
                            .update();
                };
            default -> throw new IllegalArgumentException(how);
        };
    }
}
