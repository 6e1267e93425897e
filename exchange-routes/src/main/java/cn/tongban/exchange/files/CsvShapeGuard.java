package cn.tongban.exchange.files;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

import cn.tongban.exchange.files.CsvReader.MalformedCsvException;

/**
 * What Commons CSV does not check, checked on the characters as they pass to it: its lexer takes a quote inside an
 * unquoted field literally and keeps any field, however long, in memory. This reader follows only the quoting, builds
 * no values, and passes the text through up to the first character that breaks a rule: a quote inside an unquoted
 * field, text after a closing quote, a field longer than {@code maxFieldChars}, a record with more than
 * {@code maxFields} fields, or a quoted field still open at the end. The records before that character still parse;
 * the next read throws a {@link MalformedCsvException} with the line the bad record starts on.
 */
final class CsvShapeGuard extends FilterReader {

    private enum State {
        FIELD_START,
        UNQUOTED,
        QUOTED,
        QUOTE_IN_QUOTED
    }

    private final int maxFieldChars;
    private final int maxFields;
    private State state = State.FIELD_START;
    private int fieldChars;
    private int fields;
    private long line = 1;
    private long recordLine = 1;
    private boolean afterCr;
    private MalformedCsvException pending;

    CsvShapeGuard(Reader in, int maxFieldChars, int maxFields) {
        super(in);
        this.maxFieldChars = maxFieldChars;
        this.maxFields = maxFields;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) == -1 ? -1 : one[0];
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (pending != null) {
            throw pending;
        }
        int n = in.read(cbuf, off, len);
        if (n == -1) {
            if (state == State.QUOTED) {
                throw new MalformedCsvException(recordLine, "quoted field not closed before end of file");
            }
            return -1;
        }
        for (int i = 0; i < n; i++) {
            String problem = step(cbuf[off + i]);
            if (problem != null) {
                pending = new MalformedCsvException(recordLine, problem);
                if (i == 0) {
                    throw pending;
                }
                return i;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("a CSV guard reads every character");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Takes one character; the rule it breaks, or null. */
    private String step(char c) {
        boolean lfOfCrLf = afterCr && c == '\n';
        afterCr = false;
        switch (state) {
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                    return null;
                }
                if (c == '\n') {
                    line++;
                }
                return grow();
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') { // "" inside quotes: one quote in the value
                    state = State.QUOTED;
                    return grow();
                }
                if (c != ',' && c != '\r' && c != '\n') {
                    return "text after a closing quote";
                }
            }
            case UNQUOTED -> {
                if (c == '"') {
                    return "quote inside an unquoted field";
                }
                if (c != ',' && c != '\r' && c != '\n') {
                    return grow();
                }
            }
            case FIELD_START -> {
                if (lfOfCrLf) {
                    return null;
                }
                if (c == '"') {
                    state = State.QUOTED;
                    return null;
                }
                if (c != ',' && c != '\r' && c != '\n') {
                    state = State.UNQUOTED;
                    return grow();
                }
            }
        }
        // a separator or a line break ends the field
        state = State.FIELD_START;
        fieldChars = 0;
        if (c == ',') {
            return ++fields >= maxFields ? "more than " + maxFields + " fields" : null;
        }
        afterCr = c == '\r';
        fields = 0;
        line++;
        recordLine = line;
        return null;
    }

    private String grow() {
        return ++fieldChars > maxFieldChars ? "a field is longer than " + maxFieldChars + " characters" : null;
    }
}
