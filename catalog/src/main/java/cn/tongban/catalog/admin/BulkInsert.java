package cn.tongban.catalog.admin;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * Bulk loads for catalogue imports. On PostgreSQL the rows go through {@code COPY ... FROM STDIN} (one stream per
 * chunk instead of one statement execution per row: the import benchmark's bottleneck was the per-row cost of
 * batched INSERTs); elsewhere (H2) through multi-row {@code INSERT ... VALUES (...), (...)} statements in JDBC
 * batches. Both run on the caller's transactional connection, so a failed import still rolls back whole.
 */
public final class BulkInsert {

    /** Rows per multi-row INSERT statement (H2). */
    static final int ROWS_PER_STATEMENT = 50;
    /** Rows per COPY stream (PostgreSQL), bounding the text buffered in memory. */
    static final int ROWS_PER_COPY = 20_000;

    private BulkInsert() {}

    /**
     * Inserts {@code rows} into {@code table}; each row holds one value per column, of the Java types JDBC takes
     * for the given SQL {@code types} (String, Integer, Long, Boolean, {@link Timestamp}, {@link Date}, null).
     */
    public static void insert(
            JdbcTemplate template, String table, List<String> columns, int[] types, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        template.execute((ConnectionCallback<Void>) con -> {
            if ("PostgreSQL".equals(con.getMetaData().getDatabaseProductName())) {
                // In its own class: the driver's PGConnection need not be on the class path elsewhere.
                PostgresCopy.copy(con, table, columns, rows);
            } else {
                multiRow(con, table, columns, types, rows);
            }
            return null;
        });
    }

    private static final class PostgresCopy {
        static void copy(Connection con, String table, List<String> columns, List<Object[]> rows) throws SQLException {
            PGConnection pg = con.unwrap(PGConnection.class);
            String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)";
            StringBuilder csv = new StringBuilder(ROWS_PER_COPY * 96);
            for (int from = 0; from < rows.size(); from += ROWS_PER_COPY) {
                csv.setLength(0);
                for (Object[] row : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_COPY))) {
                    for (int c = 0; c < row.length; c++) {
                        if (c > 0) {
                            csv.append(',');
                        }
                        appendCsv(csv, row[c]);
                    }
                    csv.append('\n');
                }
                try {
                    pg.getCopyAPI().copyIn(sql, new StringReader(csv.toString()));
                } catch (IOException e) {
                    throw new SQLException("COPY into " + table + " failed", e);
                }
            }
        }
    }

    /** CSV as PostgreSQL's COPY reads it: an unquoted empty field is NULL, a quoted one is the empty string. */
    static void appendCsv(StringBuilder out, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof Timestamp t) {
            out.append(t.toInstant()); // ISO-8601 in UTC, for TIMESTAMP WITH TIME ZONE
        } else if (value instanceof Date d) {
            out.append(d); // yyyy-MM-dd
        } else {
            String s = value.toString();
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"') {
                    out.append('"');
                }
                out.append(ch);
            }
            out.append('"');
        }
    }

    private static void multiRow(Connection con, String table, List<String> columns, int[] types, List<Object[]> rows)
            throws SQLException {
        String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        int full = rows.size() / ROWS_PER_STATEMENT;
        if (full > 0) {
            String sql = head + String.join(", ", Collections.nCopies(ROWS_PER_STATEMENT, tuple));
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                for (int s = 0; s < full; s++) {
                    bind(ps, rows.subList(s * ROWS_PER_STATEMENT, (s + 1) * ROWS_PER_STATEMENT), types);
                    ps.addBatch();
                    if ((s + 1) % 20 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        List<Object[]> rest = rows.subList(full * ROWS_PER_STATEMENT, rows.size());
        if (!rest.isEmpty()) {
            try (PreparedStatement ps =
                    con.prepareStatement(head + String.join(", ", Collections.nCopies(rest.size(), tuple)))) {
                bind(ps, rest, types);
                ps.executeUpdate();
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Object[]> rows, int[] types) throws SQLException {
        int index = 1;
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                StatementCreatorUtils.setParameterValue(ps, index++, types[c], row[c]);
            }
        }
    }
}
