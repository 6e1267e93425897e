package cn.tongban.catalog.id;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 组织机构代码 — organisation code, GB 11714-1997.
 *
 * <p>Eight body characters (digits, and upper-case letters with A=10 … Z=35) followed by one check character,
 * usually written {@code XXXXXXXX-C}. Both the 9-character and the hyphenated 10-character form are accepted.
 */
public final class OrganizationCode {

    /**
     * GB 11714-1997 check-character weights for body positions 1–8 (docs/STANDARDS.md §3; computed on the examples, the
     * clause number of the standard was not read).
     */
    private static final int[] WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private OrganizationCode() {}

    /**
     * Computes the check character of an 8-character body.
     * GB 11714-1997 check-character rule: C = 11 − (Σ v·w mod 11);
     * C = 10 is written {@code X}, C = 11 is written {@code 0}.
     *
     * @throws IllegalArgumentException when {@code first8} is not 8 characters of {@code 0-9A-Z}
     */
    public static char checkCharacter(String first8) {
        if (first8 == null || first8.length() != 8) {
            throw new IllegalArgumentException("organisation code body must be 8 characters");
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            int v = value(first8.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character not allowed at position " + (i + 1));
            }
            sum += v * WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }

    public static boolean isValid(String code) {
        return check(code).valid();
    }

    /** Checks an organisation code with or without the hyphen before the check character. */
    public static IdentifierCheck check(String code) {
        IdentifierType type = IdentifierType.ORGANIZATION_CODE;
        if (IdentifierCheck.isBlank(code)) {
            return IdentifierCheck.invalid(
                    type, IdentifierCheck.normalise(code), IdentifierError.EMPTY, "Organisation code is empty");
        }
        String value = IdentifierCheck.normalise(code);
        String compact;
        if (value.length() == 10 && value.charAt(8) == '-') {
            compact = value.substring(0, 8) + value.charAt(9);
        } else if (value.length() == 9) {
            compact = value;
        } else {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.LENGTH,
                    "Organisation code must be 9 characters, or 10 with a hyphen before the check character "
                            + "(GB 11714-1997), got " + value.length());
        }
        for (int i = 0; i < 8; i++) {
            if (value(compact.charAt(i)) < 0) {
                return IdentifierCheck.invalid(
                        type,
                        value,
                        IdentifierError.CHARACTER,
                        "Character '" + compact.charAt(i) + "' at position " + (i + 1)
                                + " is not a digit or upper-case letter (GB 11714-1997)");
            }
        }
        char last = compact.charAt(8);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.CHARACTER,
                    "Check character '" + last + "' must be a digit or X (GB 11714-1997)");
        }
        String body = compact.substring(0, 8);
        char expected = checkCharacter(body);
        Map<String, String> components = new LinkedHashMap<>();
        components.put("body", body);
        components.put("formatted", body + "-" + expected);
        if (last != expected) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.CHECK_CHARACTER,
                    "Check character is '" + last + "', expected '" + expected + "' (GB 11714-1997)",
                    expected,
                    components);
        }
        return IdentifierCheck.valid(type, value, "Check character matches (GB 11714-1997)", expected, components);
    }

    /** GB 11714-1997 character values: 0–9 → 0–9, A–Z → 10–35; −1 for anything else. */
    static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
