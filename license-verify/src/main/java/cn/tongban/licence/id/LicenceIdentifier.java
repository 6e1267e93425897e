package cn.tongban.licence.id;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.IdentifierError;
import cn.tongban.catalog.id.IdentifierType;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;

/**
 * 电子证照标识 — electronic licence identifier, GB/T 36904-2018 (docs/STANDARDS.md §2.1 [secondary, checked on real
 * identifiers]).
 *
 * <pre>1.2.156.3005.2.&lt;type code&gt;.&lt;issuer code&gt;.&lt;serial&gt;.&lt;version&gt;.&lt;check&gt;</pre>
 *
 * The check character is ISO/IEC 7064 MOD 37,36 over the identifier without the root and without the dots.
 * Segment lengths other than the 3-digit version are not enforced: type codes of 21 characters (defining
 * body's credit code + 3 digits) and 18-character issuer codes are what was seen, short issuer codes exist.
 *
 * @param typeCode   licence type code (证照类型代码)
 * @param issuerCode issuing authority code (颁发机构代码)
 * @param serial     serial (流水号)
 * @param version    3-digit version (版本号)
 * @param check      check character
 */
public record LicenceIdentifier(String typeCode, String issuerCode, String serial, String version, char check) {

    /** GB/T 36904 root arc of licence identifiers. */
    public static final String ROOT = "1.2.156.3005.2";

    private static final List<String> ROOT_ARCS = List.of("1", "2", "156", "3005", "2");
    private static final int SEGMENTS = ROOT_ARCS.size() + 5;

    public LicenceIdentifier {
        Objects.requireNonNull(typeCode, "typeCode");
        Objects.requireNonNull(issuerCode, "issuerCode");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(version, "version");
    }

    /** The check input: type code, issuer code, serial and version concatenated (no root, no dots). */
    public String payload() {
        return typeCode + issuerCode + serial + version;
    }

    @Override
    public String toString() {
        return String.join(".", ROOT, typeCode, issuerCode, serial, version, String.valueOf(check));
    }

    /**
     * ISO/IEC 7064 MOD 37,36 check character (GB/T 36904, docs/STANDARDS.md §2.1).
     *
     * @param payload the identifier without the root and without dots, {@code 0-9A-Z}
     * @throws IllegalArgumentException when the payload is empty or has another character
     */
    public static char checkCharacter(String payload) {
        return Mod3736.checkCharacter(payload);
    }

    /** Builds a full identifier, computing its check character. */
    public static LicenceIdentifier of(String typeCode, String issuerCode, String serial, String version) {
        char check = checkCharacter(typeCode + issuerCode + serial + version);
        return new LicenceIdentifier(typeCode, issuerCode, serial, version, check);
    }

    public static boolean isValid(String identifier) {
        return check(identifier).valid();
    }

    public static Optional<LicenceIdentifier> parse(String identifier) {
        IdentifierCheck result = check(identifier);
        if (!result.valid()) {
            return Optional.empty();
        }
        Map<String, String> c = result.components();
        return Optional.of(new LicenceIdentifier(
                c.get("typeCode"),
                c.get("issuerCode"),
                c.get("serial"),
                c.get("version"),
                result.expectedCheckCharacter()));
    }

    /** Checks a licence identifier; never throws. */
    public static IdentifierCheck check(String identifier) {
        IdentifierType type = IdentifierType.LICENCE_IDENTIFIER;
        if (identifier == null || identifier.isBlank()) {
            return IdentifierCheck.invalid(
                    type,
                    identifier == null ? null : identifier.strip(),
                    IdentifierError.EMPTY,
                    "Licence identifier is empty");
        }
        String value = identifier.strip().toUpperCase(Locale.ROOT);
        String[] parts = value.split("\\.", -1);
        // GB/T 36904: root 1.2.156.3005.2 followed by type, issuer, serial, version, check.
        if (parts.length != SEGMENTS) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.FORMAT,
                    "Licence identifier must have " + SEGMENTS + " dot-separated segments (" + ROOT
                            + ".type.issuer.serial.version.check), got " + parts.length + " (GB/T 36904)");
        }
        for (int i = 0; i < ROOT_ARCS.size(); i++) {
            if (!ROOT_ARCS.get(i).equals(parts[i])) {
                return IdentifierCheck.invalid(
                        type,
                        value,
                        IdentifierError.FORMAT,
                        "Licence identifier must start with " + ROOT + " (GB/T 36904)");
            }
        }
        String[] names = {"typeCode", "issuerCode", "serial", "version", "check"};
        for (int i = 0; i < names.length; i++) {
            String segment = parts[ROOT_ARCS.size() + i];
            if (segment.isEmpty()) {
                return IdentifierCheck.invalid(
                        type, value, IdentifierError.FORMAT, "Segment " + names[i] + " is empty (GB/T 36904)");
            }
            for (int j = 0; j < segment.length(); j++) {
                if (!Mod3736.inAlphabet(segment.charAt(j))) {
                    return IdentifierCheck.invalid(
                            type,
                            value,
                            IdentifierError.CHARACTER,
                            "Character '" + segment.charAt(j) + "' in " + names[i]
                                    + " is not a digit or upper-case letter (GB/T 36904, ISO/IEC 7064 MOD 37,36)");
                }
            }
        }
        String typeCode = parts[5];
        String issuerCode = parts[6];
        String serial = parts[7];
        String version = parts[8];
        String checkSegment = parts[9];
        if (version.length() != 3 || !version.chars().allMatch(Character::isDigit)) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.FORMAT,
                    "Version must be 3 digits, got '" + version + "' (GB/T 36904)");
        }
        if (checkSegment.length() != 1) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.FORMAT,
                    "Check segment must be one character, got '" + checkSegment + "' (GB/T 36904)");
        }
        Map<String, String> components = new LinkedHashMap<>();
        components.put("typeCode", typeCode);
        components.put("issuerCode", issuerCode);
        components.put("serial", serial);
        components.put("version", version);
        // Informational: the type code seen in practice is the defining body's credit code + 3 digits.
        if (typeCode.length() == 21 && UnifiedSocialCreditCode.isValid(typeCode.substring(0, 18))) {
            components.put("definingBodyCode", typeCode.substring(0, 18));
        }
        if (UnifiedSocialCreditCode.isValid(issuerCode)) {
            components.put("issuerCodeType", IdentifierType.UNIFIED_SOCIAL_CREDIT_CODE.name());
        }
        // GB/T 36904 check character: ISO/IEC 7064 MOD 37,36 without root and dots.
        char expected = checkCharacter(typeCode + issuerCode + serial + version);
        char actual = checkSegment.charAt(0);
        if (actual != expected) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.CHECK_CHARACTER,
                    "Check character is '" + actual + "', expected '" + expected
                            + "' (GB/T 36904, ISO/IEC 7064 MOD 37,36)",
                    expected,
                    components);
        }
        return IdentifierCheck.valid(
                type, value, "Check character matches (GB/T 36904, ISO/IEC 7064 MOD 37,36)", expected, components);
    }
}
