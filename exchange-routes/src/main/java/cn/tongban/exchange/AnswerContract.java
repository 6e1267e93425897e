package cn.tongban.exchange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;

/**
 * The contract between the exchange and a provider: for a GET of the resource's endpoint with a subject, a JSON
 * object {@code {"resourceCode": R, "subject": S, "records": [ {item: value, ...}, ... ]}} where every record
 * holds only information items of R, every required item is present and not null, and every value has the item's
 * data type and fits its length. {@link #violations} lists every breach (bounded), so a 502 can say what the
 * provider got wrong without echoing personal data: a violation names the record index and the item, never the
 * value.
 */
public final class AnswerContract {

    static final int MAX_VIOLATIONS = 50;

    private AnswerContract() {}

    public static List<String> violations(JsonNode answer, Resource resource, String subject) {
        List<String> out = new ArrayList<>();
        if (answer == null || !answer.isObject()) {
            out.add("answer: not a JSON object");
            return out;
        }
        if (!resource.code().equals(answer.path("resourceCode").asText(null))) {
            out.add("resourceCode: not " + resource.code());
        }
        if (!subject.equals(answer.path("subject").asText(null))) {
            out.add("subject: not the requested subject");
        }
        JsonNode records = answer.get("records");
        if (records == null || !records.isArray()) {
            out.add("records: not an array");
            return out;
        }
        Map<String, InformationItem> items = itemsByName(resource);
        for (int n = 0; n < records.size() && out.size() < MAX_VIOLATIONS; n++) {
            JsonNode record = records.get(n);
            String at = "records[" + n + "]";
            if (!record.isObject()) {
                out.add(at + ": not an object");
                continue;
            }
            for (Problem p : problems(record, items, resource)) {
                out.add(at + "." + p.item() + ": " + p.reason());
            }
        }
        return out.size() > MAX_VIOLATIONS ? out.subList(0, MAX_VIOLATIONS) : out;
    }

    /** One breach of the contract in one record: the item (or unknown key) and why, never the value. */
    public record Problem(String item, String reason) {}

    /** Index of a resource's information items by name, for {@link #problems}. */
    public static Map<String, InformationItem> itemsByName(Resource resource) {
        Map<String, InformationItem> items = new HashMap<>();
        resource.items().forEach(i -> items.put(i.name(), i));
        return items;
    }

    /** Every breach in one record object: unknown keys, values of the wrong type or length, missing required items. */
    public static List<Problem> problems(JsonNode record, Map<String, InformationItem> items, Resource resource) {
        List<Problem> out = new ArrayList<>();
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            InformationItem item = items.get(name);
            if (item == null) {
                out.add(new Problem(name, "not an information item of " + resource.code()));
            } else {
                String problem = typeProblem(record.get(name), item);
                if (problem != null) {
                    out.add(new Problem(name, problem));
                }
            }
        }
        for (InformationItem item : resource.items()) {
            if (item.required()
                    && (!record.has(item.name()) || record.get(item.name()).isNull())) {
                out.add(new Problem(item.name(), "required item missing"));
            }
        }
        return out;
    }

    /** Why {@code value} does not fit {@code item}, or null if it does. Null values are checked by "required". */
    public static String typeProblem(JsonNode value, InformationItem item) {
        if (value.isNull()) {
            return null;
        }
        String type = item.dataType() == null ? "STRING" : item.dataType();
        switch (type) {
            case "STRING" -> {
                if (!value.isTextual()) {
                    return "not a string";
                }
                if (item.length() != null
                        && value.asText().codePointCount(0, value.asText().length()) > item.length()) {
                    return "longer than " + item.length();
                }
            }
            case "DATE" -> {
                if (!value.isTextual() || !parses(() -> LocalDate.parse(value.asText()))) {
                    return "not an ISO-8601 date";
                }
            }
            case "DATETIME" -> {
                if (!value.isTextual() || !parses(() -> OffsetDateTime.parse(value.asText()))) {
                    return "not an ISO-8601 date-time with offset";
                }
            }
            case "DECIMAL" -> {
                if (!value.isNumber()) {
                    return "not a number";
                }
                if (item.length() != null && new BigDecimal(value.asText()).precision() > item.length()) {
                    return "more than " + item.length() + " digits";
                }
            }
            case "INTEGER" -> {
                if (!value.isIntegralNumber()) {
                    return "not an integer";
                }
            }
            case "BOOLEAN" -> {
                if (!value.isBoolean()) {
                    return "not a boolean";
                }
            }
            default -> {
                if (!value.isValueNode()) {
                    return "not a scalar value";
                }
            }
        }
        return null;
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
