package cn.tongban.catalog.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.admin.CatalogueAdmin.ParsedRow;
import cn.tongban.catalog.admin.ValidationException;
import cn.tongban.catalog.admin.Violation;

/**
 * Import and export files of resources, in JSON ({@code {"resources": [...]}}, each in the API's shape) and in
 * CSV (one resource per row, the columns of {@link #CSV_COLUMNS}; {@code items} holds the information items as
 * a JSON array, {@code relatedCodes} codes separated by {@code ;}). Both round-trip: what is exported imports
 * back to the same resources.
 */
public final class CatalogueFiles {

    public static final List<String> CSV_COLUMNS = List.of(
            "code",
            "status",
            "name",
            "providerCode",
            "providerSystem",
            "classification",
            "classificationCode",
            "abstract",
            "format",
            "subjectType",
            "sharingType",
            "sharingCondition",
            "sharingBasis",
            "sharingMethod",
            "openToPublic",
            "openCondition",
            "updateCycle",
            "publishDate",
            "endpointPath",
            "relatedCodes",
            "items");

    private CatalogueFiles() {}

    public enum Format {
        JSON,
        CSV;

        public static Format of(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    public static String export(List<Resource> resources, Format format) {
        return format == Format.JSON ? toJson(resources) : toCsv(resources);
    }

    /** Reads a file; a file that cannot be read at all (not JSON, unclosed quote, no header) is one violation. */
    public static List<ParsedRow> read(String text, Format format) {
        return format == Format.JSON ? fromJson(text) : fromCsv(text);
    }

    public static String toJson(List<Resource> resources) {
        ObjectNode root = ResourceJson.MAPPER.createObjectNode();
        ArrayNode a = root.putArray("resources");
        for (Resource r : resources) {
            ObjectNode n = ResourceJson.write(r);
            n.remove(List.of("version", "providerName", "updatedAt", "updatedBy"));
            a.add(n);
        }
        try {
            return ResourceJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<ParsedRow> fromJson(String text) {
        JsonNode root;
        try {
            root = ResourceJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ValidationException.of("file", "is not JSON: " + e.getOriginalMessage(), "MALFORMED_FILE");
        }
        JsonNode list = root != null && root.isObject() ? root.path("resources") : root;
        if (list == null || !list.isArray()) {
            throw ValidationException.of(
                    "file", "must be {\"resources\": [...]} or an array of resources", "MALFORMED_FILE");
        }
        List<ParsedRow> rows = new ArrayList<>();
        int k = 1;
        for (JsonNode n : list) {
            ResourceJson.Parsed p = ResourceJson.read(n);
            rows.add(new ParsedRow(k++, p.resource(), p.violations()));
        }
        return rows;
    }

    public static String toCsv(List<Resource> resources) {
        StringBuilder out = new StringBuilder();
        Csv.writeRow(out, CSV_COLUMNS);
        for (Resource r : resources) {
            List<String> f = new ArrayList<>(CSV_COLUMNS.size());
            f.add(r.code());
            f.add(r.status().name());
            f.add(r.name());
            f.add(r.providerCode());
            f.add(r.providerSystem());
            f.add(r.classification().name());
            f.add(r.classificationCode());
            f.add(r.abstractText());
            f.add(r.format());
            f.add(r.subjectType());
            f.add(r.sharingType().name());
            f.add(r.sharingCondition());
            f.add(r.sharingBasis());
            f.add(r.sharingMethod());
            f.add(Boolean.toString(r.openToPublic()));
            f.add(r.openCondition());
            f.add(r.updateCycle());
            f.add(r.publishDate() == null ? null : r.publishDate().toString());
            f.add(r.endpointPath());
            f.add(ResourceRepository.joinCodes(r.relatedCodes()));
            f.add(ResourceJson.writeItems(r.items()).toString());
            Csv.writeRow(out, f);
        }
        return out.toString();
    }

    public static List<ParsedRow> fromCsv(String text) {
        List<Csv.Record> records;
        try {
            records = Csv.parse(text);
        } catch (Csv.CsvException e) {
            throw ValidationException.of("file", e.getMessage(), "MALFORMED_FILE");
        }
        if (records.isEmpty()) {
            throw ValidationException.of("file", "is empty: a header row is required", "MALFORMED_FILE");
        }
        List<String> header =
                records.get(0).fields().stream().map(String::strip).toList();
        List<Violation> headerErrors = new ArrayList<>();
        for (String h : header) {
            if (!CSV_COLUMNS.contains(h)) {
                headerErrors.add(new Violation(
                        "header", "unknown column " + h + "; the columns are " + CSV_COLUMNS, "UNKNOWN_COLUMN"));
            }
        }
        for (String required : List.of("code", "name", "providerCode", "classification", "sharingType", "items")) {
            if (!header.contains(required)) {
                headerErrors.add(new Violation("header", "column " + required + " is required", "MISSING_COLUMN"));
            }
        }
        if (!headerErrors.isEmpty()) {
            throw new ValidationException(headerErrors);
        }
        List<ParsedRow> rows = new ArrayList<>();
        for (int k = 1; k < records.size(); k++) {
            Csv.Record rec = records.get(k);
            List<Violation> v = new ArrayList<>();
            if (rec.fields().size() != header.size()) {
                v.add(new Violation(
                        "row",
                        "has " + rec.fields().size() + " fields, the header " + header.size() + " (line " + rec.line()
                                + ")",
                        "FIELD_COUNT"));
                rows.add(new ParsedRow(k, null, v));
                continue;
            }
            Map<String, String> f = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String value = rec.fields().get(c);
                f.put(header.get(c), value == null || value.isEmpty() ? null : value);
            }
            ObjectNode n = ResourceJson.MAPPER.createObjectNode();
            ObjectNode sharing = n.putObject("sharing");
            for (String column : header) {
                String value = f.get(column);
                if (value == null) {
                    continue;
                }
                switch (column) {
                    case "sharingType" -> sharing.put("type", value);
                    case "sharingCondition" -> sharing.put("condition", value);
                    case "sharingBasis" -> sharing.put("basis", value);
                    case "sharingMethod" -> sharing.put("method", value);
                    case "openToPublic" -> {
                        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                            n.put("openToPublic", Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
                        } else {
                            v.add(new Violation("openToPublic", "must be true or false", "TYPE"));
                        }
                    }
                    case "relatedCodes" -> {
                        ArrayNode a = n.putArray("relatedCodes");
                        ResourceRepository.splitCodes(value).forEach(a::add);
                    }
                    case "items" -> {
                        try {
                            n.set("items", ResourceJson.MAPPER.readTree(value));
                        } catch (JsonProcessingException e) {
                            v.add(new Violation("items", "must be a JSON array of information items", "TYPE"));
                        }
                    }
                    default -> n.put(column, value);
                }
            }
            ResourceJson.Parsed p = ResourceJson.read(n);
            v.addAll(p.violations());
            rows.add(new ParsedRow(k, p.resource(), v));
        }
        return rows;
    }
}
