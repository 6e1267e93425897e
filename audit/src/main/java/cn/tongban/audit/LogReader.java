package cn.tongban.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.merkle.CompactRange;
import cn.tongban.audit.merkle.MerkleTree;

/**
 * Reads the access log for auditors in bulk: streams entries in sequence order from a database cursor
 * (bounded memory for millions of rows: fetch size {@value #FETCH_SIZE}, autocommit off so PostgreSQL uses a
 * portal), writes them as NDJSON or CSV, and counts entries per day, department and resource.
 */
public final class LogReader {

    static final int FETCH_SIZE = 1000;
    private static final JsonFactory JSON = new JsonFactory();
    static final String CSV_HEADER = "sequence,time,node,actor,department,operator,action,resourceCode,purpose,"
            + "serviceItem,subjectKey,fieldsDelivered,outcome,errorCode,responseDigest,correlationId,leafHash";

    private final DataSource dataSource;

    public LogReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Receives one row; may throw to stop the stream. */
    public interface RowHandler {
        void row(AccessEntry entry, byte[] leafHash) throws IOException;
    }

    /**
     * Streams the entries with {@code fromSequence <= seq <= toSequence} that match {@code filter} (null: all;
     * its cursor and limit are ignored), oldest first, and returns how many there were.
     */
    public long forEach(AccessLogQuery filter, long fromSequence, long toSequence, RowHandler handler)
            throws IOException {
        StringBuilder sql = new StringBuilder(
                "SELECT " + EntryRows.COLUMNS + ", leaf_hash FROM access_log " + "WHERE seq >= ? AND seq <= ?");
        List<Object> params = new ArrayList<>(List.of(fromSequence, toSequence));
        if (filter != null) {
            AccessLog.where(filter, sql, params);
        }
        sql.append(" ORDER BY seq");
        long n = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.row(EntryRows.map(rs), rs.getBytes("leaf_hash"));
                        n++;
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot read the access log", e);
        }
        return n;
    }

    /**
     * NDJSON, one entry per line ({@link EntryJson}). An unfiltered export that starts after sequence 1 first
     * writes the prefix line with the frontier of the entries before it, so it verifies on its own.
     */
    public long exportNdjson(AccessLogQuery filter, long fromSequence, long toSequence, OutputStream out)
            throws IOException {
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.setRootValueSeparator(null);
        if (filter == null && fromSequence > 1) {
            CompactRange prefix = CompactRange.of(
                    new MerkleTree(new JdbcLeafHashes(JdbcClient.create(dataSource))), fromSequence - 1);
            g.writeStartObject();
            g.writeObjectFieldStart("prefix");
            g.writeNumberField("size", prefix.size());
            g.writeArrayFieldStart("subtreeRoots");
            for (byte[] r : prefix.subtreeRoots()) {
                g.writeString(HexFormat.of().formatHex(r));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        long n = forEach(filter, fromSequence, toSequence, (e, h) -> {
            EntryJson.write(g, e, h);
            g.writeRaw('\n');
        });
        g.flush();
        return n;
    }

    /** CSV (RFC 4180, header line, fields delivered joined by ';'), for spreadsheets; NDJSON is for verifying. */
    public long exportCsv(AccessLogQuery filter, long fromSequence, long toSequence, OutputStream out)
            throws IOException {
        Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(CSV_HEADER);
        w.write("\r\n");
        long n = forEach(filter, fromSequence, toSequence, (e, h) -> {
            String[] values = {
                Long.toString(e.sequence()),
                e.time().toString(),
                e.node(),
                e.actor(),
                e.department(),
                e.operator(),
                e.action(),
                e.resourceCode(),
                e.purpose(),
                e.serviceItem(),
                e.subjectKey(),
                e.fieldsDelivered() == null ? null : String.join(";", e.fieldsDelivered()),
                e.outcome().name(),
                e.errorCode(),
                e.responseDigest(),
                e.correlationId(),
                h == null ? null : HexFormat.of().formatHex(h)
            };
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(csv(values[i]));
            }
            w.write("\r\n");
        });
        w.flush();
        return n;
    }

    static String csv(String value) {
        if (value == null) {
            return "";
        }
        // A leading = + - @ would run as a formula in a spreadsheet (CSV injection): quote and prefix with '.
        boolean formula = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0;
        if (formula
                || value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return "\"" + (formula ? "'" : "") + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** Entries per calendar day (in {@code zone}), department and resource, in {@code [from, to)} (null: open). */
    public List<DailyCount> dailyCounts(Instant from, Instant to, ZoneId zone) {
        // Days are cut in Java time, not SQL time-zone functions, so H2 and PostgreSQL agree: group by the
        // zone's offset hour (whole-hour offsets only, as Asia/Shanghai) would not be portable either.
        List<Object> params = new ArrayList<>();
        StringBuilder sql =
                new StringBuilder("SELECT logged_at, department, resource_code FROM access_log WHERE 1 = 1");
        if (from != null) {
            sql.append(" AND logged_at >= ?");
            params.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND logged_at < ?");
            params.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        java.util.Map<DailyCount, long[]> counts =
                new java.util.TreeMap<>(java.util.Comparator.comparing(DailyCount::day)
                        .thenComparing(DailyCount::department, java.util.Comparator.nullsFirst(String::compareTo))
                        .thenComparing(DailyCount::resourceCode, java.util.Comparator.nullsFirst(String::compareTo)));
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate day = rs.getObject(1, OffsetDateTime.class)
                                .atZoneSameInstant(zone)
                                .toLocalDate();
                        counts.computeIfAbsent(
                                        new DailyCount(day, rs.getString(2), rs.getString(3), 0), k -> new long[1])[
                                0]++;
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot count the access log", e);
        }
        return counts.entrySet().stream()
                .map(e -> new DailyCount(
                        e.getKey().day(), e.getKey().department(), e.getKey().resourceCode(), e.getValue()[0]))
                .toList();
    }

    /** How many entries a department's systems made on a resource on a day. */
    public record DailyCount(LocalDate day, String department, String resourceCode, long count) {}
}
