package cn.tongban.exchange.files;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, {@code ""} for a quote inside
 * quotes, records ended by CRLF or LF, line breaks allowed inside quoted fields. A leading UTF-8 BOM is skipped.
 * Memory is bounded: a field longer than {@code maxFieldChars} or a record with more than {@code maxFields}
 * fields is a {@link MalformedCsvException}, so a hostile file cannot make the reader buffer it whole.
 */
public final class CsvReader {

    private final Reader in;
    private final int maxFieldChars;
    private final int maxFields;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private long line = 1;
    private boolean first = true;

    public CsvReader(Reader in, int maxFieldChars, int maxFields) {
        this.in = in;
        this.maxFieldChars = maxFieldChars;
        this.maxFields = maxFields;
    }

    /** The line on which the next record starts (1-based). */
    public long line() {
        return line;
    }

    private int read() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        int c = read();
        if (c != -1) {
            pos--;
        }
        return c;
    }

    /** The next record's fields, or null at end of input. A blank line is a record of one empty field. */
    public List<String> next() throws IOException {
        int c = read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new MalformedCsvException(startLine, "quoted field not closed before end of file");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        append(field, '"', startLine);
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(field, (char) c, startLine);
                }
            } else if (c == ',' ) {
                addField(fields, field, startLine);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c != -1) {
                    line++;
                }
                addField(fields, field, startLine);
                return fields;
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new MalformedCsvException(startLine, "quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else {
                if (wasQuoted) {
                    throw new MalformedCsvException(startLine, "text after a closing quote");
                }
                append(field, (char) c, startLine);
            }
            c = read();
        }
    }

    private void append(StringBuilder field, char c, long startLine) {
        if (field.length() >= maxFieldChars) {
            throw new MalformedCsvException(startLine, "a field is longer than " + maxFieldChars + " characters");
        }
        field.append(c);
    }

    private void addField(List<String> fields, StringBuilder field, long startLine) {
        if (fields.size() >= maxFields) {
            throw new MalformedCsvException(startLine, "more than " + maxFields + " fields");
        }
        fields.add(field.toString());
        field.setLength(0);
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
