package cn.tongban.catalog.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * RFC 4180 CSV, read by Apache Commons CSV: fields separated by commas, quoted with {@code "} when they hold a
 * comma, quote or line break.
 */
public final class Csv {

    /**
     * RFC 4180 with blank lines kept (to be told from a lone {@code ""} below: strict quote mode reads an unquoted
     * empty field as null) and text after a closing quote kept, as this reader always did.
     */
    private static final CSVFormat READ = CSVFormat.RFC4180
            .builder()
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setTrailingData(true)
            .get();

    private Csv() {}

    /** A record as read, with the line it started on (1-based). */
    public record Record(int line, List<String> fields) {}

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

    /**
     * The records of {@code text}, read leniently as spreadsheet programs write: a quote that does not open a field
     * is kept as text, text after a closing quote is kept, blank lines are skipped, a leading BOM is dropped.
     */
    public static List<Record> parse(String text) {
        List<Record> out = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(body))
                .setFormat(READ)
                .get()) {
            long line = 1;
            for (Iterator<CSVRecord> it = parser.iterator(); next(it, line); line = parser.getCurrentLineNumber() + 1) {
                CSVRecord r = it.next();
                if (r.size() == 1 && r.get(0) == null) {
                    continue; // a blank line; a lone "" is a record of one empty field
                }
                List<String> fields = new ArrayList<>(r.size());
                r.forEach(f -> fields.add(f == null ? "" : f));
                out.add(new Record(Math.toIntExact(line), List.copyOf(fields)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return out;
    }

    private static boolean next(Iterator<CSVRecord> it, long line) {
        try {
            return it.hasNext();
        } catch (UncheckedIOException e) {
            // with trailing data allowed, a quote still open at the end is the one thing the lexer refuses
            throw new CsvException(Math.toIntExact(line), "a quoted field is not closed");
        }
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
