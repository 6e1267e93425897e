package cn.tongban.catalog.auth;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.catalog.Page;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.admin.StaleVersionException;

/** The {@code authorisation} table: rows in and out, with optimistic versioning. */
final class AuthorisationStore {

    private static final String COLUMNS = "id, consumer_system, resource_code, purpose, service_item_code, fields,"
            + " legal_basis, status, valid_from, valid_until, applied_at, applied_by, decision_due, decided_at,"
            + " decided_by, refusal_reason, revoked_at, revoked_by, revocation_reason, version";

    private final JdbcClient jdbc;

    AuthorisationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void update(String id, int expectedVersion, String set, Object... values) {
        List<Object> params = new ArrayList<>(java.util.Arrays.asList(values));
        params.add(id);
        params.add(expectedVersion);
        int n = jdbc.sql("UPDATE authorisation SET " + set + ", version = version + 1 WHERE id = ? AND version = ?")
                .params(params)
                .update();
        if (n == 0) {
            throw new StaleVersionException(
                    "Authorisation " + id,
                    expectedVersion,
                    find(id).map(Authorisation::version).orElse(-1));
        }
    }

    Optional<Authorisation> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorisation WHERE id = ?")
                .param(id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** Filters (null = any) with paging, newest application first; GRANTED and EXPIRED as at {@code at}. */
    Page<Authorisation> search(
            String consumer,
            String resourceCode,
            String providerCode,
            AuthorisationStatus status,
            int page,
            int size,
            Instant at) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (consumer != null) {
            where.append(" AND a.consumer_system = ?");
            params.add(consumer);
        }
        if (resourceCode != null) {
            where.append(" AND a.resource_code = ?");
            params.add(resourceCode);
        }
        if (providerCode != null) {
            where.append(" AND r.provider_code = ?");
            params.add(providerCode);
        }
        Timestamp now = Timestamp.from(at);
        if (status == AuthorisationStatus.EXPIRED) {
            where.append(" AND a.status = 'GRANTED' AND a.valid_until <= ?");
            params.add(now);
        } else if (status == AuthorisationStatus.GRANTED) {
            where.append(" AND a.status = 'GRANTED' AND a.valid_until > ?");
            params.add(now);
        } else if (status != null) {
            where.append(" AND a.status = ?");
            params.add(status.name());
        }
        String from = " FROM authorisation a JOIN resource r ON r.code = a.resource_code";
        long total = jdbc.sql("SELECT COUNT(*)" + from + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Authorisation> items = jdbc.sql("SELECT " + COLUMNS.replaceAll("(^|, )(\\w)", "$1a.$2") + from + where
                        + " ORDER BY a.applied_at DESC, a.id LIMIT ? OFFSET ?")
                .params(pageParams)
                .query((rs, n) -> row(rs))
                .list();
        return new Page<>(items, page, size, total);
    }

    /** Every authorisation of {@code consumer} for {@code resourceCode}, in any state, newest application first. */
    List<Authorisation> held(String consumer, String resourceCode) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorisation WHERE consumer_system = ? AND resource_code = ?"
                        + " ORDER BY applied_at DESC, id")
                .params(consumer, resourceCode)
                .query((rs, n) -> row(rs))
                .list();
    }

    void insert(Authorisation a) {
        jdbc.sql("INSERT INTO authorisation (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?)")
                .params(
                        a.id(),
                        a.consumerSystem(),
                        a.resourceCode(),
                        a.purpose(),
                        a.serviceItemCode(),
                        String.join(";", a.fields()),
                        a.legalBasis(),
                        a.storedStatus().name(),
                        ts(a.validFrom()),
                        ts(a.validUntil()),
                        ts(a.appliedAt()),
                        a.appliedBy(),
                        a.decisionDue() == null ? null : Date.valueOf(a.decisionDue()),
                        ts(a.decidedAt()),
                        a.decidedBy(),
                        a.refusalReason(),
                        ts(a.revokedAt()),
                        a.revokedBy(),
                        a.revocationReason(),
                        a.version())
                .update();
    }

    private static Authorisation row(ResultSet rs) throws SQLException {
        Date due = rs.getDate("decision_due");
        return new Authorisation(
                rs.getString("id"),
                rs.getString("consumer_system"),
                rs.getString("resource_code"),
                rs.getString("purpose"),
                rs.getString("service_item_code"),
                ResourceRepository.splitCodes(rs.getString("fields")),
                rs.getString("legal_basis"),
                AuthorisationStatus.valueOf(rs.getString("status")),
                instant(rs, "valid_from"),
                instant(rs, "valid_until"),
                instant(rs, "applied_at"),
                rs.getString("applied_by"),
                due == null ? null : due.toLocalDate(),
                instant(rs, "decided_at"),
                rs.getString("decided_by"),
                rs.getString("refusal_reason"),
                instant(rs, "revoked_at"),
                rs.getString("revoked_by"),
                rs.getString("revocation_reason"),
                rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    long count(String sql, String param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }
}
