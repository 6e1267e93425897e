package cn.tongban.catalog.id;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Outcome of checking one identifier. A bad identifier is a result, not an exception.
 *
 * @param type                   which identifier scheme was applied
 * @param value                  the normalised input (trimmed, upper case); {@code null} when the input was null
 * @param valid                  whether every rule passed
 * @param errorCode              {@code null} when valid, otherwise the name of an {@link IdentifierError}
 * @param reason                 a short English explanation, citing the rule
 * @param expectedCheckCharacter the computed check character, when it could be computed; otherwise {@code null}
 * @param components             decoded parts (insertion ordered, unmodifiable); may be partial when invalid
 */
public record IdentifierCheck(
        IdentifierType type,
        String value,
        boolean valid,
        String errorCode,
        String reason,
        Character expectedCheckCharacter,
        Map<String, String> components) {

    public IdentifierCheck {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        if (valid != (errorCode == null)) {
            throw new IllegalArgumentException("errorCode must be null exactly when valid");
        }
        components = components == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    public static IdentifierCheck valid(
            IdentifierType type,
            String value,
            String reason,
            Character checkCharacter,
            Map<String, String> components) {
        return new IdentifierCheck(type, value, true, null, reason, checkCharacter, components);
    }

    public static IdentifierCheck invalid(
            IdentifierType type,
            String value,
            IdentifierError error,
            String reason,
            Character expectedCheckCharacter,
            Map<String, String> components) {
        return new IdentifierCheck(type, value, false, error.name(), reason, expectedCheckCharacter, components);
    }

    public static IdentifierCheck invalid(IdentifierType type, String value, IdentifierError error, String reason) {
        return invalid(type, value, error, reason, null, Map.of());
    }

    /** The error as an enum constant, or {@code null} when valid. */
    public IdentifierError error() {
        return errorCode == null ? null : IdentifierError.valueOf(errorCode);
    }

    /**
     * Trims and upper-cases input the way every checker in this package does; {@code null} stays {@code null}.
     * Upper-casing accepts the common lower-case {@code x} in resident ID numbers; the standards' alphabets are
     * upper case only.
     */
    static String normalise(String raw) {
        return raw == null ? null : raw.strip().toUpperCase(java.util.Locale.ROOT);
    }

    static boolean isBlank(String raw) {
        return raw == null || raw.isBlank();
    }
}
