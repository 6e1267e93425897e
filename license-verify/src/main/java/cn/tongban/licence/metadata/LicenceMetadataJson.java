package cn.tongban.licence.metadata;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.tongban.licence.report.LicenceMetadata;

/**
 * The licence metadata file {@code licence.json} (GB/T 36903 field set, docs/STANDARDS.md §2.2) that Tongban reads from
 * a licence document: a UTF-8 JSON object whose member names are the components of {@link LicenceMetadata}
 * ({@code identifier}, {@code name}, {@code typeName}, {@code typeCode}, {@code number}, {@code issuer},
 * {@code issuerCode}, {@code issueDate}, {@code validFrom}, {@code validTo}, {@code jurisdictionCode},
 * {@code holder}, {@code holderCode}, {@code holderCodeType}, {@code status}); dates are ISO-8601
 * {@code yyyy-MM-dd}. Where it lives: in a PDF, an embedded file named {@code licence.json} (EmbeddedFiles name
 * tree, PDF 2.0 / PDF/A-3 associated file); in an OFD, the attachment named {@code licence.json} listed in the
 * document's Attachments.xml (GB/T 33190 §7.6 attachments). In both it must be covered by a signature.
 * Unknown members are refused, so a misspelt field is an error rather than silently absent.
 */
public final class LicenceMetadataJson {

    /** Largest metadata file accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final Set<String> FIELDS = Set.of(
            "identifier",
            "name",
            "typeName",
            "typeCode",
            "number",
            "issuer",
            "issuerCode",
            "issueDate",
            "validFrom",
            "validTo",
            "jurisdictionCode",
            "holder",
            "holderCode",
            "holderCodeType",
            "status");
    private static final Set<String> REQUIRED =
            Set.of("identifier", "name", "typeCode", "issuer", "issuerCode", "holder", "holderCode", "holderCodeType");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(8).build());
    }

    private LicenceMetadataJson() {}

    /** Thrown for a metadata file that is not what this class documents; the message lists every problem. */
    public static final class InvalidMetadataException extends Exception {
        private final List<String> problems;

        InvalidMetadataException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static LicenceMetadata parse(byte[] json) throws InvalidMetadataException {
        if (json.length > MAX_BYTES) {
            throw new InvalidMetadataException(List.of("licence.json is larger than " + MAX_BYTES + " bytes"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidMetadataException(List.of("licence.json is not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidMetadataException(List.of("licence.json could not be read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMetadataException(List.of("licence.json is not a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        root.properties().forEach(e -> {
            if (!FIELDS.contains(e.getKey())) {
                problems.add("unknown member '" + e.getKey() + "'");
            } else if (e.getValue().isNull()) {
                values.put(e.getKey(), null);
            } else if (!e.getValue().isTextual()) {
                problems.add("'" + e.getKey() + "' must be a string");
            } else {
                values.put(e.getKey(), e.getValue().textValue());
            }
        });
        for (String r : REQUIRED) {
            String v = values.get(r);
            if (v == null || v.isBlank()) {
                problems.add("'" + r + "' is required");
            }
        }
        LocalDate issueDate = date(values, "issueDate", problems);
        LocalDate validFrom = date(values, "validFrom", problems);
        LocalDate validTo = date(values, "validTo", problems);
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
            problems.add("'validTo' is before 'validFrom'");
        }
        if (!problems.isEmpty()) {
            throw new InvalidMetadataException(problems);
        }
        return new LicenceMetadata(
                values.get("identifier"),
                values.get("name"),
                values.get("typeName"),
                values.get("typeCode"),
                values.get("number"),
                values.get("issuer"),
                values.get("issuerCode"),
                issueDate,
                validFrom,
                validTo,
                values.get("jurisdictionCode"),
                values.get("holder"),
                values.get("holderCode"),
                values.get("holderCodeType"),
                values.get("status"));
    }

    /** The JSON form of {@code m}, members in the documented order, absent values omitted. */
    public static byte[] write(LicenceMetadata m) {
        ObjectNode o = JSON.createObjectNode();
        put(o, "identifier", m.identifier());
        put(o, "name", m.name());
        put(o, "typeName", m.typeName());
        put(o, "typeCode", m.typeCode());
        put(o, "number", m.number());
        put(o, "issuer", m.issuer());
        put(o, "issuerCode", m.issuerCode());
        put(o, "issueDate", m.issueDate());
        put(o, "validFrom", m.validFrom());
        put(o, "validTo", m.validTo());
        put(o, "jurisdictionCode", m.jurisdictionCode());
        put(o, "holder", m.holder());
        put(o, "holderCode", m.holderCode());
        put(o, "holderCodeType", m.holderCodeType());
        put(o, "status", m.status());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode o, String name, Object value) {
        if (value != null) {
            o.put(name, value.toString());
        }
    }

    private static LocalDate date(Map<String, String> values, String name, List<String> problems) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problems.add("'" + name + "' is not an ISO-8601 date (yyyy-MM-dd): " + v);
            return null;
        }
    }
}
