package cn.tongban.catalog.io;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: fields separated by commas, quoted with {@code "} when they hold a comma, quote or line break. */
public final class Csv {

    private Csv() {
    }

    /** A record as read, with the line it started on (1-based). */
    public record Record(int line, List<String> fields) {
    }

    /** Thrown for a quote left open at the end of the text. */
    public static class CsvException extends RuntimeException {
        private final int line;

        public CsvException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    public static List<Record> parse(String text) {
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;   // a UTF-8 BOM, as spreadsheet programs write
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    f.append(c);
                }
            } else if (c == '"' && f.isEmpty()) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || !f.isEmpty() || !fields.isEmpty()) {
                    fields.add(f.toString());
                    out.add(new Record(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                f.setLength(0);
                fieldStarted = false;
                line++;
                recordLine = line;
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            throw new CsvException(recordLine, "a quoted field is not closed");
        }
        if (fieldStarted || !f.isEmpty() || !fields.isEmpty()) {
            fields.add(f.toString());
            out.add(new Record(recordLine, List.copyOf(fields)));
        }
        return out;
    }

    public static void writeRow(StringBuilder out, List<String> fields) {
        for (int k = 0; k < fields.size(); k++) {
            if (k > 0) {
                out.append(',');
            }
            String v = fields.get(k) == null ? "" : fields.get(k);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                out.append(v);
            }
        }
        out.append("\r\n");
    }
}
