package cn.tongban.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The mapping between {@link AccessEntry} and an {@code access_log} row, shared by writers and readers. */
final class EntryRows {

    static final String COLUMNS = "seq, logged_at, node, actor, action, resource_code, outcome, error_code, "
            + "correlation_id, subject_key, purpose, service_item, fields_delivered, response_digest, department, "
            + "operator";

    /** Parameters per inserted row. */
    static final int PARAMS = 18;

    private static final String ROW = "(?" + ", ?".repeat(PARAMS - 1) + ")";

    static final String INSERT = "INSERT INTO access_log (" + COLUMNS + ", leaf_index, leaf_hash) VALUES " + ROW;

    /** One statement inserting {@code rows} rows (a multi-row VALUES list): one round trip for a whole group. */
    static String insert(int rows) {
        StringBuilder sql = new StringBuilder(INSERT);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(ROW);
        }
        return sql.toString();
    }

    /**
     * PostgreSQL: a whole group in one statement of fixed text, each column bound as one array and the rows
     * made by {@code unnest}; times travel as ISO-8601 instants with their offset (exact to the microsecond,
     * whatever the session's time zone) and leaf hashes as hex.
     */
    static final String INSERT_UNNEST = "INSERT INTO access_log (" + COLUMNS + ", leaf_index, leaf_hash) SELECT c0, "
            + "c1::timestamptz, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, decode(c17, 'hex') "
            + "FROM unnest(?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], "
            + "?::text[]) AS u(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17)";

    /**
     * {@link #INSERT_UNNEST} as one self-contained transaction for a writer that knows where the log ends: it takes
     * the writer lock ({@code access_log_writer}, as the two-statement path does) and inserts only if the highest
     * committed sequence is still the one the group was numbered after (parameter {@code PARAMS + 1}); otherwise it
     * inserts nothing. In auto-commit mode that is a single round trip: lock, check, insert and commit.
     */
    static final String INSERT_UNNEST_AFTER = "WITH w AS (SELECT id FROM access_log_writer WHERE id = 1 FOR UPDATE) "
            + INSERT_UNNEST + " WHERE (SELECT id FROM w) = 1 AND (SELECT COALESCE(MAX(seq), 0) FROM access_log) = ?";

    /** Binds {@link #INSERT_UNNEST}: column i of every row as array parameter i + 1. */
    static void bindArrays(
            java.sql.Connection c, PreparedStatement ps, List<AccessEntry> entries, List<byte[]> leafHashes)
            throws SQLException {
        int n = entries.size();
        Object[][] columns = new Object[PARAMS][];
        for (int col = 0; col < PARAMS; col++) {
            columns[col] = col == 0 || col == 16 ? new Long[n] : new String[n];
        }
        java.util.HexFormat hex = java.util.HexFormat.of();
        for (int row = 0; row < n; row++) {
            List<Object> values = values(entries.get(row), leafHashes.get(row));
            for (int col = 0; col < PARAMS; col++) {
                Object v = values.get(col);
                if (col == 1) {
                    v = entries.get(row).time().toString();
                } else if (col == 17) {
                    v = hex.formatHex((byte[]) v);
                }
                columns[col][row] = v;
            }
        }
        for (int col = 0; col < PARAMS; col++) {
            ps.setArray(col + 1, c.createArrayOf(col == 0 || col == 16 ? "int8" : "text", columns[col]));
        }
    }

    /** Column widths of the schema, checked before a row joins a batch so one bad entry cannot sink others. */
    private static final String[] NAMES = {
        "node",
        "actor",
        "action",
        "resourceCode",
        "errorCode",
        "correlationId",
        "subjectKey",
        "purpose",
        "serviceItem",
        "fieldsDelivered",
        "responseDigest",
        "department",
        "operator"
    };

    private static final int[] WIDTHS = {64, 128, 64, 64, 64, 64, 64, 256, 64, 2000, 128, 64, 128};

    private EntryRows() {}

    /**
     * The entry as it will be stored: time cut to the microsecond (what PostgreSQL and H2 keep, so the leaf
     * hash recomputed from the row matches), every field within its column.
     */
    static AccessEntry normalise(AccessEntry e) {
        if (e.time() == null || e.node() == null || e.actor() == null || e.action() == null || e.outcome() == null) {
            throw new IllegalArgumentException("an access entry has a time, node, actor, action and outcome");
        }
        String[] values = {
            e.node(),
            e.actor(),
            e.action(),
            e.resourceCode(),
            e.errorCode(),
            e.correlationId(),
            e.subjectKey(),
            e.purpose(),
            e.serviceItem(),
            joinFields(e.fieldsDelivered()),
            e.responseDigest(),
            e.department(),
            e.operator()
        };
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].length() > WIDTHS[i]) {
                throw new IllegalArgumentException(NAMES[i] + " is longer than " + WIDTHS[i] + " characters");
            }
        }
        return e.withTime(e.time().truncatedTo(ChronoUnit.MICROS));
    }

    /** Values for {@link #INSERT}, in order; the entry carries its sequence. */
    static List<Object> values(AccessEntry e, byte[] leafHash) {
        return new ArrayList<>(Arrays.asList(
                e.sequence(),
                OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC),
                e.node(),
                e.actor(),
                e.action(),
                e.resourceCode(),
                e.outcome().name(),
                e.errorCode(),
                e.correlationId(),
                e.subjectKey(),
                e.purpose(),
                e.serviceItem(),
                joinFields(e.fieldsDelivered()),
                e.responseDigest(),
                e.department(),
                e.operator(),
                e.sequence() - 1,
                leafHash));
    }

    static void bind(PreparedStatement ps, AccessEntry e, byte[] leafHash) throws SQLException {
        bind(ps, 0, e, leafHash);
    }

    /** Binds one row's values from parameter {@code offset + 1} on (a row of a multi-row insert). */
    static void bind(PreparedStatement ps, int offset, AccessEntry e, byte[] leafHash) throws SQLException {
        List<Object> values = values(e, leafHash);
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                ps.setNull(offset + i + 1, Types.VARCHAR); // only text columns are nullable
            } else if (v instanceof byte[] b) {
                ps.setBytes(offset + i + 1, b);
            } else {
                ps.setObject(offset + i + 1, v);
            }
        }
    }

    static AccessEntry map(ResultSet rs) throws SQLException {
        return new AccessEntry(
                rs.getLong("seq"),
                rs.getObject("logged_at", OffsetDateTime.class).toInstant(),
                rs.getString("node"),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("resource_code"),
                AccessEntry.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("error_code"),
                rs.getString("correlation_id"),
                rs.getString("subject_key"),
                rs.getString("purpose"),
                rs.getString("service_item"),
                splitFields(rs.getString("fields_delivered")),
                rs.getString("response_digest"),
                rs.getString("department"),
                rs.getString("operator"));
    }

    static String joinFields(List<String> fields) {
        return fields == null ? null : String.join(",", fields);
    }

    static List<String> splitFields(String column) {
        if (column == null) {
            return null;
        }
        return column.isEmpty() ? List.of() : List.of(column.split(",", -1));
    }
}
