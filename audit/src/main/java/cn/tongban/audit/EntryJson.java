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

    private EntryJson() {
    }

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
        if (!n.path("sequence").canConvertToLong() || !n.path("time").isTextual() || !n.path("outcome").isTextual()) {
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
            return new AccessEntry(n.get("sequence").asLong(), Instant.parse(n.get("time").asText()), text(n, "node"),
                    text(n, "actor"), text(n, "action"), text(n, "resourceCode"),
                    AccessEntry.Outcome.valueOf(n.get("outcome").asText()), text(n, "errorCode"),
                    text(n, "correlationId"), text(n, "subjectKey"), text(n, "purpose"), text(n, "serviceItem"),
                    fields, text(n, "responseDigest"), text(n, "department"), text(n, "operator"));
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

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}
