package cn.tongban.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The NDJSON form of an entry in exports and archives: one object per line with every field of
 * {@link AccessEntry} (absent when null), {@code time} as ISO-8601 with the stored microseconds, and the stored
 * {@code leafHash} in hex. A line of the form {@code {"prefix":{"size":n,"subtreeRoots":[hex...]}}} first
 * gives the Merkle frontier of the entries before the export's first one.
 */
public final class EntryJson {

    private static final HexFormat HEX = HexFormat.of();

    private EntryJson() {}

    public static void write(JsonGenerator g, AccessEntry e, byte[] leafHash) throws IOException {
        g.writeStartObject();
        g.writeNumberField("sequence", e.sequence());
        g.writeStringField("time", e.time().toString());
        field(g, "node", e.node());
        field(g, "actor", e.actor());
        field(g, "department", e.department());
        field(g, "operator", e.operator());
        field(g, "action", e.action());
        field(g, "resourceCode", e.resourceCode());
        field(g, "purpose", e.purpose());
        field(g, "serviceItem", e.serviceItem());
        field(g, "subjectKey", e.subjectKey());
        if (e.fieldsDelivered() != null) {
            g.writeArrayFieldStart("fieldsDelivered");
            for (String f : e.fieldsDelivered()) {
                g.writeString(f);
            }
            g.writeEndArray();
        }
        field(g, "outcome", e.outcome().name());
        field(g, "errorCode", e.errorCode());
        field(g, "responseDigest", e.responseDigest());
        field(g, "correlationId", e.correlationId());
        if (leafHash != null) {
            g.writeStringField("leafHash", HEX.formatHex(leafHash));
        }
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** The entry of an export line; throws IllegalArgumentException when a required field is missing or wrong. */
    public static AccessEntry read(JsonNode n) {
        if (!n.path("sequence").canConvertToLong()
                || !n.path("time").isTextual()
                || !n.path("outcome").isTextual()) {
            throw new IllegalArgumentException("an entry has a numeric sequence, a time and an outcome");
        }
        List<String> fields = null;
        if (n.has("fieldsDelivered")) {
            if (!n.get("fieldsDelivered").isArray()) {
                throw new IllegalArgumentException("fieldsDelivered is an array");
            }
            fields = new ArrayList<>();
            for (JsonNode f : n.get("fieldsDelivered")) {
                fields.add(f.asText());
            }
        }
        try {
            return new AccessEntry(
                    n.get("sequence").asLong(),
                    parseInstant(n.get("time").asText()),
                    text(n, "node"),
                    text(n, "actor"),
                    text(n, "action"),
                    text(n, "resourceCode"),
                    AccessEntry.Outcome.valueOf(n.get("outcome").asText()),
                    text(n, "errorCode"),
                    text(n, "correlationId"),
                    text(n, "subjectKey"),
                    text(n, "purpose"),
                    text(n, "serviceItem"),
                    fields,
                    text(n, "responseDigest"),
                    text(n, "department"),
                    text(n, "operator"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant", e);
        }
    }

    /** The stored leaf hash of an export line, or null if the line has none. */
    public static byte[] leafHash(JsonNode n) {
        JsonNode h = n.get("leafHash");
        if (h == null) {
            return null;
        }
        try {
            return HEX.parseHex(h.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("leafHash is not hex", e);
        }
    }

    /**
     * {@link Instant#parse}, with a fast path for the form {@link Instant#toString} writes
     * ({@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, a valid date, hour &lt; 24, second &lt; 60); anything else goes to
     * {@link Instant#parse}, so what is accepted and how it fails do not change.
     */
    static Instant parseInstant(String s) {
        int n = s.length();
        if (n >= 20
                && n <= 30
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && s.charAt(10) == 'T'
                && s.charAt(13) == ':'
                && s.charAt(16) == ':'
                && s.charAt(n - 1) == 'Z'
                && (n == 20 || (s.charAt(19) == '.' && n >= 22))) {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int fraction = n == 20 ? 0 : digits(s, 20, n - 1);
            if (year >= 0
                    && month >= 1
                    && month <= 12
                    && day >= 1
                    && day <= java.time.YearMonth.of(year, month).lengthOfMonth()
                    && hour >= 0
                    && hour <= 23
                    && minute >= 0
                    && minute <= 59
                    && second >= 0
                    && second <= 59
                    && fraction >= 0) {
                int scale = 9 - (n - 21);
                long nanos = fraction;
                for (int i = 0; i < scale; i++) {
                    nanos *= 10;
                }
                long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
            }
        }
        return Instant.parse(s);
    }

    /** The decimal number in {@code s[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}
