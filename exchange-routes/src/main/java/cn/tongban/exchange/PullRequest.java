package cn.tongban.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A consumer system's request for resource {@code resourceCode} about one subject (a person's or an organisation's
 * identifier), for a stated purpose and service item, made by an operator at the consumer. {@code fields} names
 * the information items wanted; empty means every item the consumer is authorised for.
 */
public record PullRequest(
        String consumerSystem,
        String resourceCode,
        String subject,
        String purpose,
        String serviceItem,
        String operator,
        Set<String> fields) {

    public static final int MAX_SUBJECT_LENGTH = 64;
    public static final int MAX_TEXT_LENGTH = 200;

    public PullRequest {
        fields = fields == null ? Set.of() : Set.copyOf(fields);
    }

    /** Every violation of the request's own shape (before any catalogue lookup), each as "field: reason". */
    public List<String> violations() {
        List<String> out = new ArrayList<>();
        required(out, "consumerSystem", consumerSystem, MAX_TEXT_LENGTH);
        required(out, "resourceCode", resourceCode, MAX_TEXT_LENGTH);
        required(out, "subject", subject, MAX_SUBJECT_LENGTH);
        required(out, "purpose", purpose, MAX_TEXT_LENGTH);
        required(out, "operator", operator, MAX_TEXT_LENGTH);
        if (serviceItem != null && serviceItem.length() > MAX_TEXT_LENGTH) {
            out.add("serviceItem: longer than " + MAX_TEXT_LENGTH);
        }
        if (subject != null
                && !subject.isBlank()
                && !subject.chars()
                        .allMatch(c ->
                                c > 0x20 && c != '/' && c != '\\' && c != '?' && c != '#' && c != '%' && c != 0x7f)) {
            out.add("subject: contains a character not allowed in an identifier");
        }
        for (String f : fields) {
            if (f == null || f.isBlank()) {
                out.add("fields: blank field name");
            }
        }
        return out;
    }

    private static void required(List<String> out, String name, String value, int max) {
        if (value == null || value.isBlank()) {
            out.add(name + ": required");
        } else if (value.length() > max) {
            out.add(name + ": longer than " + max);
        }
    }
}
