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

    private DatasetProjection() {
    }

    /** Rows written. */
    public static long write(InputStream storedJsonLines, Resource resource, Set<String> authorised,
                             DatasetFormat format, OutputStream out) throws IOException {
        List<InformationItem> columns = resource.items().stream().filter(i -> authorised.contains(i.name())).toList();
        BufferedReader in = new BufferedReader(new InputStreamReader(storedJsonLines, StandardCharsets.UTF_8), 1 << 16);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (format == DatasetFormat.CSV) {
            for (int c = 0; c < columns.size(); c++) {
                w.write(c == 0 ? "" : ",");
                w.write(csv(columns.get(c).name()));
            }
            w.write("\r\n");
        }
        long rows = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            ObjectNode projected = JsonNodeFactory.instance.objectNode();
            for (InformationItem item : columns) {
                JsonNode v = row.get(item.name());
                if (v != null && !v.isNull()) {
                    projected.set(item.name(), item.sensitive()
                            ? JsonNodeFactory.instance.textNode(Masking.of(item.masking()).apply(v.asText())) : v);
                }
            }
            if (format == DatasetFormat.CSV) {
                for (int c = 0; c < columns.size(); c++) {
                    JsonNode v = projected.get(columns.get(c).name());
                    w.write(c == 0 ? "" : ",");
                    w.write(v == null ? "" : csv(v.asText()));
                }
                w.write("\r\n");
            } else {
                w.write(JSON.writeValueAsString(projected));
                w.write('\n');
            }
            rows++;
        }
        w.flush();
        return rows;
    }

    static String csv(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || (!value.isEmpty() && (value.charAt(0) == ' '
                || value.charAt(value.length() - 1) == ' '));
        // A cell starting with = + - @ would be a formula in a spreadsheet (CSV injection): prefix a quote.
        if (!value.isEmpty() && "=+-@\t".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?")) {
            value = "'" + value;
            quote = true;
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
