package cn.tongban.audit;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.AccessEntry.Outcome;

/** Entries, keys and raw reads for the database tests. */
final class LogFixture {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:00:00Z"), ZoneOffset.UTC);

    private LogFixture() {}

    static KeyPair platformKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An entry with nanosecond time (the log keeps microseconds) and, for odd i, the data-sharing fields. */
    static AccessEntry entry(int writer, int i) {
        AccessEntry e = new AccessEntry(
                0,
                Instant.parse("2026-11-22T09:00:00Z").plusNanos(1_000_001L * i + writer),
                "node-" + (writer % 3),
                "system-" + writer,
                i % 5 == 0 ? "CATALOGUE_READ" : "EXCHANGE",
                "R" + i,
                i % 7 == 0 ? Outcome.REFUSED : Outcome.OK,
                i % 7 == 0 ? "NOT_PERMITTED" : null,
                "corr-" + writer + "-" + i);
        if (i % 2 == 1) {
            e = e.withDelivery(
                    "subject-" + (i % 11),
                    "社会保障资格认证",
                    "SI-" + i,
                    i % 3 == 0 ? List.of() : List.of("name", "idNumber"),
                    "digest-" + i);
        }
        return e;
    }

    /** All rows in sequence order, read without the log's own code paths. */
    static List<AccessEntry> rows(DataSource ds) {
        return JdbcClient.create(ds)
                .sql("SELECT " + EntryRows.COLUMNS + " FROM access_log ORDER BY seq")
                .query((rs, n) -> EntryRows.map(rs))
                .list();
    }

    static List<byte[]> storedLeafHashes(DataSource ds) {
        return new ArrayList<>(JdbcClient.create(ds)
                .sql("SELECT leaf_hash FROM access_log ORDER BY seq")
                .query((rs, n) -> rs.getBytes(1))
                .list());
    }
}
