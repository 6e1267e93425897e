package cn.tongban.exchange.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.exchange.Masking;

/**
 * A consumer's download of a stored version: only the authorised columns, in the resource's item order, sensitive
 * items masked as in a pull ({@link Masking}), as CSV (RFC 4180, header first) or JSON Lines. Streams row by row.
 */
public final class DatasetProjection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetProjection() {}

    /** Rows written. */
    public static long write(
            InputStream storedJsonLines,
            Resource resource,
            Set<String> authorised,
            DatasetFormat format,
            OutputStream out)
            throws IOException {
        List<InformationItem> columns = columns(resource, authorised);
        BufferedReader in = new BufferedReader(new InputStreamReader(storedJsonLines, StandardCharsets.UTF_8), 1 << 16);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (format == DatasetFormat.CSV) {
            w.write(header(columns));
        }
        long rows = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                continue;
            }
            w.write(row(line, columns, format));
            rows++;
        }
        w.flush();
        return rows;
    }

    /**
     * The projection as a stream the caller reads (e.g. an HTTP response body copied by the web framework): one
     * stored row is read, projected and encoded at a time, so memory stays bounded by a row. Closing it closes
     * the stored file.
     */
    public static InputStream open(
            InputStream storedJsonLines, Resource resource, Set<String> authorised, DatasetFormat format) {
        List<InformationItem> columns = columns(resource, authorised);
        BufferedReader in = new BufferedReader(new InputStreamReader(storedJsonLines, StandardCharsets.UTF_8), 1 << 16);
        return new InputStream() {
            private byte[] chunk =
                    format == DatasetFormat.CSV ? header(columns).getBytes(StandardCharsets.UTF_8) : new byte[0];
            private int pos;
            private boolean done;

            private boolean fill() throws IOException {
                while (pos >= chunk.length) {
                    if (done) {
                        return false;
                    }
                    String line = in.readLine();
                    if (line == null) {
                        done = true;
                        return false;
                    }
                    if (!line.isEmpty()) {
                        chunk = row(line, columns, format).getBytes(StandardCharsets.UTF_8);
                        pos = 0;
                    }
                }
                return true;
            }

            @Override
            public int read() throws IOException {
                return fill() ? chunk[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = 0;
                while (n < len && fill()) {
                    int k = Math.min(len - n, chunk.length - pos);
                    System.arraycopy(chunk, pos, b, off + n, k);
                    pos += k;
                    n += k;
                }
                return n == 0 ? -1 : n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private static List<InformationItem> columns(Resource resource, Set<String> authorised) {
        return resource.items().stream()
                .filter(i -> authorised.contains(i.name()))
                .toList();
    }

    private static String header(List<InformationItem> columns) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            b.append(c == 0 ? "" : ",").append(csv(columns.get(c).name()));
        }
        return b.append("\r\n").toString();
    }

    private static String row(String storedLine, List<InformationItem> columns, DatasetFormat format)
            throws IOException {
        JsonNode row = JSON.readTree(storedLine);
        ObjectNode projected = JsonNodeFactory.instance.objectNode();
        for (InformationItem item : columns) {
            JsonNode v = row.get(item.name());
            if (v != null && !v.isNull()) {
                projected.set(
                        item.name(),
                        item.sensitive()
                                ? JsonNodeFactory.instance.textNode(
                                        Masking.of(item.masking()).apply(v.asText()))
                                : v);
            }
        }
        StringBuilder b = new StringBuilder();
        if (format == DatasetFormat.CSV) {
            for (int c = 0; c < columns.size(); c++) {
                JsonNode v = projected.get(columns.get(c).name());
                b.append(c == 0 ? "" : ",").append(v == null ? "" : csv(v.asText()));
            }
            return b.append("\r\n").toString();
        }
        return b.append(JSON.writeValueAsString(projected)).append('\n').toString();
    }

    static String csv(String value) {
        boolean quote = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0
                || (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' '));
        // A cell starting with = + - @ would be a formula in a spreadsheet (CSV injection): prefix a quote.
        if (!value.isEmpty() && "=+-@\t".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?")) {
            value = "'" + value;
            quote = true;
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
