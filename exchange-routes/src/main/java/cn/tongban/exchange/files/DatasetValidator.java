package cn.tongban.exchange.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.exchange.AnswerContract;

/**
 * Validates a dataset file against a resource's information items in one streaming pass, in memory bounded by
 * one row: the header (CSV) names information items, each once, and includes every required one; each row has the
 * header's number of fields; each value fits its item's data type and length (the same rules as a provider's pull
 * answer, {@link AnswerContract}); JSON Lines rows are objects with only information items. Good rows are written,
 * typed, as JSON Lines to {@code goodRows}; every bad row's errors go to {@code errorSink}. Invalid UTF-8 is a
 * file error.
 */
public final class DatasetValidator {

    public static final int MAX_FIELD_CHARS = 1 << 20;
    public static final int MAX_LINE_CHARS = 4 << 20;
    public static final int REPORTED_ERRORS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bad rows whose errors go to the error sink by default; later bad rows are only counted. */
    public static final int REPORTED_ROWS = 1000;

    private final Resource resource;
    private final Map<String, InformationItem> items;
    private final int reportedRows;

    public DatasetValidator(Resource resource) {
        this(resource, REPORTED_ROWS);
    }

    /** @param reportedRows how many bad rows have their errors sent to the sink (the first ones); the rest are counted */
    public DatasetValidator(Resource resource, int reportedRows) {
        this.resource = resource;
        this.items = AnswerContract.itemsByName(resource);
        this.reportedRows = reportedRows;
    }

    public ImportReport validate(
            InputStream in, DatasetFormat format, OutputStream goodRows, Consumer<RowError> errorSink)
            throws IOException {
        Reader reader = new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        Tally tally = new Tally(errorSink, reportedRows);
        try (JsonGenerator out =
                JSON.getFactory().createGenerator(goodRows).configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)) {
            out.setRootValueSeparator(null);
            String fileError = format == DatasetFormat.CSV ? csv(reader, out, tally) : jsonLines(reader, out, tally);
            out.flush();
            return new ImportReport(
                    resource.code(),
                    format,
                    tally.rows,
                    tally.rows - tally.badRows,
                    tally.badRows,
                    tally.first,
                    tally.truncated,
                    fileError,
                    false,
                    null,
                    null,
                    null,
                    tally.badRows - tally.reported);
        } catch (java.nio.charset.CharacterCodingException e) {
            return new ImportReport(
                    resource.code(),
                    format,
                    tally.rows,
                    0,
                    tally.badRows,
                    tally.first,
                    tally.truncated,
                    "not valid UTF-8 after data row " + tally.rows,
                    false,
                    null,
                    null,
                    null,
                    tally.badRows - tally.reported);
        }
    }

    private String csv(Reader reader, JsonGenerator out, Tally tally) throws IOException {
        CsvReader csv = new CsvReader(reader, MAX_FIELD_CHARS, Math.max(16, items.size() * 2));
        List<String> header;
        try {
            header = csv.next();
        } catch (CsvReader.MalformedCsvException e) {
            return "header: " + e.getMessage();
        }
        if (header == null) {
            return "empty file: no header";
        }
        List<String> headerProblems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (!items.containsKey(h)) {
                headerProblems.add(h.isEmpty() ? "empty column name" : h + " is not an information item");
            } else if (!seen.add(h)) {
                headerProblems.add(h + " appears twice");
            }
        }
        for (InformationItem i : resource.items()) {
            if (i.required() && !seen.contains(i.name())) {
                headerProblems.add("required item " + i.name() + " has no column");
            }
        }
        if (!headerProblems.isEmpty()) {
            return "header: " + String.join("; ", headerProblems);
        }
        while (true) {
            long line = csv.line();
            List<String> fields;
            try {
                fields = csv.next();
            } catch (CsvReader.MalformedCsvException e) {
                return e.getMessage();
            }
            if (fields == null) {
                return null;
            }
            if (fields.size() == 1 && fields.get(0).isEmpty() && header.size() > 1) {
                continue; // blank line
            }
            tally.rows++;
            if (fields.size() != header.size()) {
                tally.bad(new RowError(
                        tally.rows, line, null, fields.size() + " fields, the header has " + header.size()));
                continue;
            }
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            List<RowError> errors = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                String value = fields.get(c);
                if (value.isEmpty()) {
                    continue;
                }
                InformationItem item = items.get(header.get(c));
                JsonNode typed = typed(value, item);
                if (typed == null) {
                    errors.add(new RowError(tally.rows, line, item.name(), "not " + article(item.dataType())));
                } else {
                    record.set(item.name(), typed);
                }
            }
            check(record, line, tally, errors, out);
        }
    }

    private String jsonLines(Reader reader, JsonGenerator out, Tally tally) throws IOException {
        BufferedReader lines = new BufferedReader(reader, 64 * 1024);
        long line = 0;
        StringBuilder sb = new StringBuilder();
        while (true) {
            sb.setLength(0);
            int c;
            boolean eof = true;
            while ((c = lines.read()) != -1) {
                eof = false;
                if (c == '\n') {
                    break;
                }
                if (sb.length() >= MAX_LINE_CHARS) {
                    return "line " + (line + 1) + ": longer than " + MAX_LINE_CHARS + " characters";
                }
                sb.append((char) c);
            }
            if (eof && sb.length() == 0) {
                return null;
            }
            line++;
            String text = sb.toString().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (line == 1 && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            tally.rows++;
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                tally.bad(new RowError(tally.rows, line, null, "not JSON"));
                continue;
            }
            if (node == null || !node.isObject()) {
                tally.bad(new RowError(tally.rows, line, null, "not a JSON object"));
                continue;
            }
            check((ObjectNode) node, line, tally, new ArrayList<>(), out);
        }
    }

    private void check(ObjectNode record, long line, Tally tally, List<RowError> errors, JsonGenerator out)
            throws IOException {
        Set<String> already = new HashSet<>();
        errors.forEach(e -> already.add(e.item()));
        for (AnswerContract.Problem p : AnswerContract.problems(record, items, resource)) {
            if (!already.contains(p.item())) { // an unparseable value is not also "missing"
                errors.add(new RowError(tally.rows, line, p.item(), p.reason()));
            }
        }
        if (errors.isEmpty()) {
            JSON.writeTree(out, record);
            out.writeRaw('\n');
        } else {
            tally.badRow(errors);
        }
    }

    /** A CSV value as its item's JSON type, or null when it does not parse as that type. */
    static JsonNode typed(String value, InformationItem item) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String type = item.dataType() == null ? "STRING" : item.dataType();
        try {
            return switch (type) {
                case "DECIMAL" -> f.numberNode(new BigDecimal(value.strip()));
                case "INTEGER" -> f.numberNode(Long.parseLong(value.strip()));
                case "BOOLEAN" ->
                    "true".equals(value) ? f.booleanNode(true) : "false".equals(value) ? f.booleanNode(false) : null;
                case "DATE" -> {
                    LocalDate.parse(value);
                    yield f.textNode(value);
                }
                case "DATETIME" -> {
                    OffsetDateTime.parse(value);
                    yield f.textNode(value);
                }
                default -> f.textNode(value);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static String article(String dataType) {
        return switch (dataType == null ? "STRING" : dataType) {
            case "DECIMAL" -> "a number";
            case "INTEGER" -> "an integer";
            case "BOOLEAN" -> "true or false";
            case "DATE" -> "an ISO-8601 date";
            case "DATETIME" -> "an ISO-8601 date-time with offset";
            default -> "a " + dataType;
        };
    }

    /**
     * Rows and bad rows counted; the errors of the first {@code maxReported} bad rows go to the sink (the error log)
     * and the first {@link #REPORTED_ERRORS} of those into the report. Later bad rows are only counted: a file of
     * bad rows cannot make the error log many times its own size.
     */
    private static final class Tally {
        final Consumer<RowError> sink;
        final int maxReported;
        final List<RowError> first = new ArrayList<>();
        long rows;
        long badRows;
        long reported;
        boolean truncated;

        Tally(Consumer<RowError> sink, int maxReported) {
            this.sink = sink;
            this.maxReported = maxReported;
        }

        void bad(RowError e) {
            badRow(List.of(e));
        }

        void badRow(List<RowError> errors) {
            badRows++;
            if (reported >= maxReported) {
                truncated = true;
                return;
            }
            reported++;
            for (RowError e : errors) {
                sink.accept(e);
                if (first.size() < REPORTED_ERRORS) {
                    first.add(e);
                } else {
                    truncated = true;
                }
            }
        }
    }
}
