package cn.tongban.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access log as an append-only table whose rows are the leaves of a Merkle tree (RFC 9162 §2.1):
 * entry {@code seq} is leaf {@code seq - 1}, sequence numbers have no gaps, and each row stores its leaf hash
 * ({@link EntryCodec}). Append returns once the row is committed (auto-commit by default).
 *
 * <p>This class appends one entry per statement: it takes the next sequence number, inserts, and retries
 * if another writer took that number first (the primary key refuses the second). {@link JdbcAccessLog}
 * batches concurrent appends into one transaction instead.
 */
public class AccessLog {

    private static final int MAX_ATTEMPTS = 1000;

    private final JdbcClient jdbc;

    public AccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public synchronized AccessEntry append(AccessEntry e) {
        AccessEntry entry = EntryRows.normalise(e);
        for (int attempt = 1; ; attempt++) {
            long seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM access_log")
                    .query(Long.class)
                    .single();
            AccessEntry numbered = entry.withSequence(seq);
            try {
                jdbc.sql(EntryRows.INSERT)
                        .params(EntryRows.values(numbered, EntryCodec.leafHash(numbered)))
                        .update();
                return numbered;
            } catch (DuplicateKeyException taken) {
                if (attempt == MAX_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    /** Newest first, at most {@code q.limit()} entries with a sequence below {@code q.before()}. */
    public List<AccessEntry> search(AccessLogQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + EntryRows.COLUMNS + " FROM access_log WHERE 1 = 1");
        where(q, sql, params);
        if (q.before() != null) {
            sql.append(" AND seq < ?");
            params.add(q.before());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> EntryRows.map(rs))
                .list();
    }

    /** Appends the filters of {@code q} (not its cursor or limit) as {@code AND} clauses. */
    static void where(AccessLogQuery q, StringBuilder sql, List<Object> params) {
        if (q.from() != null) {
            sql.append(" AND logged_at >= ?");
            params.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" AND logged_at < ?");
            params.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        equal(sql, params, "actor", q.actor());
        equal(sql, params, "department", q.department());
        equal(sql, params, "action", q.action());
        equal(sql, params, "resource_code", q.resourceCode());
        equal(sql, params, "purpose", q.purpose());
        equal(sql, params, "service_item", q.serviceItem());
        equal(sql, params, "subject_key", q.subjectKey());
        equal(sql, params, "outcome", q.outcome() == null ? null : q.outcome().name());
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    /** The entry with this sequence number, if present. */
    public java.util.Optional<AccessEntry> find(long sequence) {
        return jdbc.sql("SELECT " + EntryRows.COLUMNS + " FROM access_log WHERE seq = ?")
                .param(sequence)
                .query((rs, n) -> EntryRows.map(rs))
                .optional();
    }
}
