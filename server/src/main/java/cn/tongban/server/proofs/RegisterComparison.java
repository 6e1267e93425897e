package cn.tongban.server.proofs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import cn.tongban.licence.report.LicenceMetadata;

/**
 * Compares a verified licence with what its issuer's register answered for the licence's number: the register
 * must hold a record that agrees with the licence on every mapped field (licence metadata field → register item,
 * as the retained proof maps them). Dates compare in ISO-8601 ({@code 2026-11-23}); values compare exactly.
 */
public final class RegisterComparison {

    private RegisterComparison() {}

    /**
     * Why the register does not confirm the licence; empty when a record agrees on every mapped field. Items the
     * exchange masked (sensitive) cannot be compared: the catalogue refuses such a mapping, and an item made
     * sensitive later leaves the licence unconfirmed with a message saying what to fix, never a false match or a
     * false mismatch.
     */
    public static List<String> differences(
            String register,
            LicenceMetadata licence,
            Map<String, String> mapping,
            Iterable<JsonNode> records,
            Collection<String> maskedItems) {
        Map<String, String> sorted = new TreeMap<>(mapping);
        List<String> masked = sorted.values().stream()
                .filter(maskedItems::contains)
                .distinct()
                .toList();
        if (!masked.isEmpty()) {
            return List.of("the exchange masks " + masked + " of " + register + " (sensitive), so the licence cannot "
                    + "be compared with it: the retained proof's fieldMapping needs non-sensitive items");
        }
        List<String> firstRecord = null; // its differences are reported when no record agrees
        for (JsonNode record : records) {
            List<String> d = new ArrayList<>();
            for (Map.Entry<String, String> m : sorted.entrySet()) {
                String expected = value(licence, m.getKey());
                JsonNode v = record.get(m.getValue());
                String actual = v == null || v.isNull() ? null : v.asText();
                if (!Objects.equals(expected, actual)) {
                    d.add("the issuer's register " + register + " says " + m.getValue() + " = "
                            + (actual == null ? "(none)" : actual) + ", the licence says " + m.getKey() + " = "
                            + (expected == null ? "(none)" : expected));
                }
            }
            if (d.isEmpty()) {
                return List.of();
            }
            if (firstRecord == null) {
                firstRecord = d;
            }
        }
        return firstRecord != null
                ? firstRecord
                : List.of("the issuer's register " + register + " has no licence numbered " + licence.number());
    }

    /** A licence metadata field by its name (ServiceItemAdmin.LICENCE_FIELDS), as text. */
    static String value(LicenceMetadata m, String field) {
        Object v =
                switch (field) {
                    case "identifier" -> m.identifier();
                    case "number" -> m.number();
                    case "typeCode" -> m.typeCode();
                    case "issuerCode" -> m.issuerCode();
                    case "holderCode" -> m.holderCode();
                    case "holderCodeType" -> m.holderCodeType();
                    case "issueDate" -> m.issueDate();
                    case "validFrom" -> m.validFrom();
                    case "validTo" -> m.validTo();
                    case "status" -> m.status();
                    default -> throw new IllegalArgumentException("not a licence metadata field: " + field);
                };
        return v == null ? null : v.toString();
    }
}
