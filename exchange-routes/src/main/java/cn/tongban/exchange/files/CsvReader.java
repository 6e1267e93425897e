package cn.tongban.exchange.files;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, {@code ""} for a quote inside
 * quotes, records ended by CRLF or LF, line breaks allowed inside quoted fields. A leading UTF-8 BOM is skipped.
 * Apache Commons CSV splits and unquotes; {@link CsvShapeGuard} keeps RFC 4180's quoting strict and memory bounded:
 * a field longer than {@code maxFieldChars} or a record with more than {@code maxFields} fields is a
 * {@link MalformedCsvException}, so a hostile file cannot make the reader buffer it whole.
 */
public final class CsvReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();

    private final Reader source;
    private final int maxFieldChars;
    private final int maxFields;
    private CSVParser parser;
    private Iterator<CSVRecord> records;

    public CsvReader(Reader in, int maxFieldChars, int maxFields) {
        this.source = in;
        this.maxFieldChars = maxFieldChars;
        this.maxFields = maxFields;
    }

    /** The line on which the next record starts (1-based). */
    public long line() {
        return parser == null ? 1 : parser.getCurrentLineNumber() + 1;
    }

    /** The next record's fields, or null at end of input. A blank line is a record of one empty field. */
    public List<String> next() throws IOException {
        if (records == null) {
            open();
        }
        try {
            return records.hasNext() ? records.next().toList() : null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException c) {
                throw new MalformedCsvException(line(), c.getMessage()); // the guard stops all it knows first
            }
            throw e.getCause();
        }
    }

    private void open() throws IOException {
        PushbackReader in = new PushbackReader(source, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        parser = CSVParser.builder()
                .setReader(new CsvShapeGuard(in, maxFieldChars, maxFields))
                .setFormat(FORMAT)
                .get();
        records = parser.iterator();
    }

    /** A file that is not CSV at all from this point on; the line says where. */
    public static final class MalformedCsvException extends RuntimeException {
        private final long line;

        MalformedCsvException(long line, String message) {
            super("line " + line + ": " + message, null, false, false);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }
}
