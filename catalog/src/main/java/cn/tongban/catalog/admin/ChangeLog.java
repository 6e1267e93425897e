package cn.tongban.catalog.admin;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The catalogue's own record of every administrative change: who, when, what (entity and action) and the
 * version it produced. Written in the same transaction as the change; the audit log consumes it.
 *
 * <p>{@link Listener}s (e.g. the exchange's caches of catalogue reads and authorisation decisions) hear of each
 * recorded change once its transaction has committed, so what they reload is what was committed; a change recorded
 * outside a transaction is announced at once. A rolled-back change is never announced.
 */
public class ChangeLog {

    /** One recorded change. */
    public record Change(
            long id,
            Instant at,
            String actor,
            String entityType,
            String entityCode,
            String action,
            Integer version,
            String detail) {}

    private static final String INSERT = "INSERT INTO catalogue_change (changed_at, actor, entity_type, entity_code,"
            + " action, version, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** Hears of committed changes: entity type (RESOURCE, AUTHORISATION, …), entity code and action. */
    @FunctionalInterface
    public interface Listener {
        void changed(String entityType, String entityCode, String action);
    }

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public ChangeLog(JdbcTemplate template) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
    }

    public void record(
            Instant at,
            String actor,
            String entityType,
            String entityCode,
            String action,
            Integer version,
            String detail) {
        jdbc.sql(INSERT)
                .params(Timestamp.from(at), actor, entityType, entityCode, action, version, truncate(detail))
                .update();
        announce(entityType, List.of(entityCode), action);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void announce(String entityType, List<String> codes, String action) {
        if (listeners.isEmpty()) {
            return;
        }
        Runnable tell = () -> {
            for (String code : codes) {
                for (Listener l : listeners) {
                    l.changed(entityType, code, action);
                }
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    tell.run();
                }
            });
        } else {
            tell.run();
        }
    }

    /** Records many changes of one kind in one bulk insert (bulk import), announced once. */
    public void recordAll(
            Instant at,
            String actor,
            String entityType,
            List<String> codes,
            String action,
            Integer version,
            String detail) {
        List<Object[]> rows = new ArrayList<>(codes.size());
        for (String code : codes) {
            rows.add(new Object[] {Timestamp.from(at), actor, entityType, code, action, version, truncate(detail)});
        }
        BulkInsert.insert(
                template,
                "catalogue_change",
                List.of("changed_at", "actor", "entity_type", "entity_code", "action", "version", "detail"),
                new int[] {
                    Types.TIMESTAMP,
                    Types.VARCHAR,
                    Types.VARCHAR,
                    Types.VARCHAR,
                    Types.VARCHAR,
                    Types.INTEGER,
                    Types.VARCHAR
                },
                rows);
        announce(entityType, List.copyOf(codes), action);
    }

    /** Changes of one entity, oldest first. */
    public List<Change> of(String entityType, String entityCode) {
        return jdbc.sql("SELECT id, changed_at, actor, entity_type, entity_code, action, version, detail"
                        + " FROM catalogue_change WHERE entity_type = ? AND entity_code = ? ORDER BY id")
                .params(entityType, entityCode)
                .query((rs, n) -> new Change(
                        rs.getLong("id"),
                        rs.getTimestamp("changed_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("entity_type"),
                        rs.getString("entity_code"),
                        rs.getString("action"),
                        (Integer) rs.getObject("version"),
                        rs.getString("detail")))
                .list();
    }

    /** Changes after {@code afterId} in id order, at most {@code limit} (a consumer's cursor). */
    public List<Change> since(long afterId, int limit) {
        return jdbc.sql("SELECT id, changed_at, actor, entity_type, entity_code, action, version, detail"
                        + " FROM catalogue_change WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit)
                .query((rs, n) -> new Change(
                        rs.getLong("id"),
                        rs.getTimestamp("changed_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("entity_type"),
                        rs.getString("entity_code"),
                        rs.getString("action"),
                        (Integer) rs.getObject("version"),
                        rs.getString("detail")))
                .list();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
