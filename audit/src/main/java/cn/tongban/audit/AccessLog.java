package cn.tongban.audit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access log as an append-only table. Append returns only once the row is committed by the caller's
 * transaction manager (auto-commit by default), so an acknowledged entry is durable in the database.
 */
public class AccessLog {

    private final JdbcClient jdbc;

    public AccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AccessEntry append(AccessEntry e) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO access_log (logged_at, node, actor, action, resource_code, outcome, error_code,
                    correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(e.time()), e.node(), e.actor(), e.action(), e.resourceCode(),
                        e.outcome().name(), e.errorCode(), e.correlationId())
                .update(keys, "seq");
        return e.withSequence(keys.getKeyAs(Number.class).longValue());
    }

    /** Newest first. */
    public List<AccessEntry> search(AccessLogQuery q) {
        StringBuilder sql = new StringBuilder("""
                SELECT seq, logged_at, node, actor, action, resource_code, outcome, error_code, correlation_id
                  FROM access_log WHERE 1 = 1""");
        List<Object> params = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND logged_at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND logged_at < ?");
            params.add(Timestamp.from(q.to()));
        }
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(q.actor());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            params.add(q.action());
        }
        if (q.before() != null) {
            sql.append(" AND seq < ?");
            params.add(q.before());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new AccessEntry(rs.getLong("seq"), rs.getTimestamp("logged_at").toInstant(),
                        rs.getString("node"), rs.getString("actor"), rs.getString("action"),
                        rs.getString("resource_code"), AccessEntry.Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("error_code"), rs.getString("correlation_id")))
                .list();
    }
}
