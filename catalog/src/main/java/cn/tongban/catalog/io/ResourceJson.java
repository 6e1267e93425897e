package cn.tongban.catalog.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceClass;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.admin.Violation;

/**
 * A resource as JSON, in the same shape as the API's {@code Resource} (sharing attributes nested under
 * {@code sharing}). Used for import/export files and for the history snapshots. Reading never throws on bad
 * values: each one becomes a {@link Violation} naming its field.
 */
public final class ResourceJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ResourceJson() {}

    public static ObjectNode write(Resource r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", r.code());
        n.put("version", r.version());
        n.put("status", r.status().name());
        n.put("name", r.name());
        n.put("providerCode", r.providerCode());
        putIfNotNull(n, "providerName", r.providerName());
        putIfNotNull(n, "providerSystem", r.providerSystem());
        n.put("classification", r.classification().name());
        putIfNotNull(n, "classificationCode", r.classificationCode());
        putIfNotNull(n, "abstract", r.abstractText());
        putIfNotNull(n, "format", r.format());
        putIfNotNull(n, "subjectType", r.subjectType());
        ObjectNode sharing = n.putObject("sharing");
        sharing.put("type", r.sharingType().name());
        putIfNotNull(sharing, "condition", r.sharingCondition());
        putIfNotNull(sharing, "basis", r.sharingBasis());
        sharing.put("method", r.sharingMethod());
        n.put("openToPublic", r.openToPublic());
        putIfNotNull(n, "openCondition", r.openCondition());
        putIfNotNull(n, "updateCycle", r.updateCycle());
        putIfNotNull(
                n,
                "publishDate",
                r.publishDate() == null ? null : r.publishDate().toString());
        putIfNotNull(n, "endpointPath", r.endpointPath());
        ArrayNode related = n.putArray("relatedCodes");
        r.relatedCodes().forEach(related::add);
        n.set("items", writeItems(r.items()));
        putIfNotNull(
                n, "updatedAt", r.updatedAt() == null ? null : r.updatedAt().toString());
        putIfNotNull(n, "updatedBy", r.updatedBy());
        return n;
    }

    public static ArrayNode writeItems(List<InformationItem> items) {
        ArrayNode a = MAPPER.createArrayNode();
        for (InformationItem i : items) {
            ObjectNode o = a.addObject();
            o.put("name", i.name());
            putIfNotNull(o, "label", i.label());
            o.put("dataType", i.dataType());
            if (i.length() != null) {
                o.put("length", i.length());
            }
            o.put("required", i.required());
            o.put("sensitive", i.sensitive());
            putIfNotNull(o, "masking", i.masking());
        }
        return a;
    }

    /** The parse of one resource, with the violations of values that could not be read. */
    public record Parsed(Resource resource, List<Violation> violations) {}

    /**
     * Reads a resource. Missing or unreadable enumerations and numbers are violations (and null in the
     * resource, so that the validator can still report everything else); {@code resource} is null only when
     * the node is not an object.
     */
    public static Parsed read(JsonNode n) {
        List<Violation> v = new ArrayList<>();
        if (n == null || !n.isObject()) {
            return new Parsed(null, List.of(new Violation("", "must be a JSON object", "TYPE")));
        }
        JsonNode sharing = n.path("sharing");
        ResourceClass classification = enumOf(ResourceClass.class, n, "classification", "classification", v);
        SharingType sharingType = enumOf(SharingType.class, sharing, "type", "sharing.type", v);
        ResourceStatus status =
                n.hasNonNull("status") ? enumOf(ResourceStatus.class, n, "status", "status", v) : ResourceStatus.DRAFT;
        Integer version = intOf(n, "version", "version", v);
        LocalDate published = null;
        if (n.hasNonNull("publishDate")) {
            try {
                published = LocalDate.parse(n.path("publishDate").asText());
            } catch (DateTimeParseException e) {
                v.add(new Violation("publishDate", "must be a date yyyy-MM-dd", "FORMAT"));
            }
        }
        Instant updatedAt = null;
        if (n.hasNonNull("updatedAt")) {
            try {
                updatedAt = Instant.parse(n.path("updatedAt").asText());
            } catch (DateTimeParseException e) {
                v.add(new Violation("updatedAt", "must be an RFC 3339 instant", "FORMAT"));
            }
        }
        List<InformationItem> items = readItems(n.path("items"), "items", v);
        List<String> related = new ArrayList<>();
        if (n.has("relatedCodes") && !n.path("relatedCodes").isNull()) {
            if (!n.path("relatedCodes").isArray()) {
                v.add(new Violation("relatedCodes", "must be an array of resource codes", "TYPE"));
            } else {
                n.path("relatedCodes").forEach(c -> related.add(c.asText()));
            }
        }
        Resource r = new Resource(
                text(n, "code"),
                version == null ? 0 : version,
                text(n, "name"),
                text(n, "providerCode"),
                text(n, "providerName"),
                text(n, "providerSystem"),
                classification,
                text(n, "classificationCode"),
                text(n, "abstract"),
                text(n, "format"),
                text(n, "subjectType"),
                sharingType,
                text(sharing, "condition"),
                text(sharing, "basis"),
                text(sharing, "method"),
                n.path("openToPublic").asBoolean(false),
                text(n, "updateCycle"),
                published,
                text(n, "endpointPath"),
                items,
                text(n, "openCondition"),
                related,
                status,
                updatedAt,
                text(n, "updatedBy"));
        return new Parsed(r, v);
    }

    public static List<InformationItem> readItems(JsonNode array, String field, List<Violation> v) {
        List<InformationItem> items = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return items;
        }
        if (!array.isArray()) {
            v.add(new Violation(field, "must be an array of information items", "TYPE"));
            return items;
        }
        int k = 0;
        for (JsonNode i : array) {
            String f = field + "[" + k++ + "]";
            Integer length = intOf(i, "length", f + ".length", v);
            items.add(new InformationItem(
                    text(i, "name"),
                    text(i, "label"),
                    text(i, "dataType") == null ? null : text(i, "dataType").toUpperCase(Locale.ROOT),
                    length,
                    i.path("required").asBoolean(false),
                    i.path("sensitive").asBoolean(false),
                    text(i, "masking")));
        }
        return items;
    }

    private static <E extends Enum<E>> E enumOf(
            Class<E> type, JsonNode n, String key, String field, List<Violation> v) {
        String s = text(n, key);
        if (s == null) {
            v.add(new Violation(field, "is required", "REQUIRED"));
            return null;
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add(new Violation(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()), "ENUM"));
            return null;
        }
    }

    private static Integer intOf(JsonNode n, String key, String field, List<Violation> v) {
        JsonNode x = n.get(key);
        if (x == null || x.isNull() || (x.isTextual() && x.asText().isBlank())) {
            return null;
        }
        if (x.isIntegralNumber() && x.canConvertToInt()) {
            return x.asInt();
        }
        if (x.isTextual()) {
            try {
                return Integer.valueOf(x.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        v.add(new Violation(field, "must be an integer", "TYPE"));
        return null;
    }

    static String text(JsonNode n, String field) {
        JsonNode x = n.get(field);
        if (x == null || x.isNull()) {
            return null;
        }
        String s = x.asText();
        return s.isEmpty() ? null : s;
    }

    private static void putIfNotNull(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
