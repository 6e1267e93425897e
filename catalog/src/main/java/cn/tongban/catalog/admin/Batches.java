package cn.tongban.catalog.admin;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** JDBC batch updates in chunks, so a bulk load is a few round trips instead of one per row. */
public final class Batches {

    public static final int CHUNK = 1000;

    private Batches() {
    }

    /**
     * Runs the statement once per row, {@link #CHUNK} rows per JDBC batch. The SQL types are given so that
     * null values need no parameter metadata look-up (a round trip per null on PostgreSQL).
     */
    public static void update(JdbcTemplate template, String sql, List<Object[]> rows, int... types) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + CHUNK)), types);
        }
    }
}
