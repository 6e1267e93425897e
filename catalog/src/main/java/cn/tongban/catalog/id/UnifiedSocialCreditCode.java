package cn.tongban.catalog.id;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 统一社会信用代码 — unified social credit code, GB 32100-2015.
 *
 * <p>18 characters from {@code 0123456789ABCDEFGHJKLMNPQRTUWXY} (I, O, S, V, Z are not used), laid out as:
 * registering authority (1), entity category (1), administrative region (6), organisation code (9, itself a
 * GB 11714-1997 code including its check character), check character (1). Rules as in docs/STANDARDS.md §3
 * [computed: the examples reproduce; clause numbers of GB 32100 not read].
 */
public final class UnifiedSocialCreditCode {

    /** GB 32100-2015 code alphabet; a character's index is its value 0–30. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** GB 32100-2015 check-character weights for positions 1–17 (3^(i−1) mod 31). */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public static final int LENGTH = 18;

    private UnifiedSocialCreditCode() {}

    /**
     * GB 32100-2015 check character: alphabet[(31 − Σ v·w mod 31) mod 31] over positions 1–17.
     *
     * @throws IllegalArgumentException when {@code first17} is not 17 characters of the code alphabet
     */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("first 17 characters expected");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character not allowed at position " + (i + 1));
            }
            sum += v * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** Lenient check: the embedded organisation code is decoded but not required to be valid. */
    public static boolean isValid(String code) {
        return check(code, false).valid();
    }

    public static IdentifierCheck check(String code) {
        return check(code, false);
    }

    /**
     * Checks a unified social credit code.
     *
     * @param strictOrganisationCode also require positions 9–17 to be a valid GB 11714-1997 organisation code.
     *                               Real codes embed a valid one; some test codes do not (docs/STANDARDS.md §3).
     */
    public static IdentifierCheck check(String code, boolean strictOrganisationCode) {
        IdentifierType type = IdentifierType.UNIFIED_SOCIAL_CREDIT_CODE;
        if (IdentifierCheck.isBlank(code)) {
            return IdentifierCheck.invalid(
                    type,
                    IdentifierCheck.normalise(code),
                    IdentifierError.EMPTY,
                    "Unified social credit code is empty");
        }
        String value = IdentifierCheck.normalise(code);
        // GB 32100-2015 code structure: 18 characters.
        if (value.length() != LENGTH) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.LENGTH,
                    "Unified social credit code must be 18 characters (GB 32100-2015), got " + value.length());
        }
        // GB 32100-2015 character set: digits and upper-case letters except I, O, S, V, Z.
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                return IdentifierCheck.invalid(
                        type,
                        value,
                        IdentifierError.CHARACTER,
                        "Character '" + c + "' at position " + (i + 1) + " is not allowed; the code uses "
                                + "digits and upper-case letters except I, O, S, V, Z (GB 32100-2015)");
            }
        }
        // Region code (positions 3–8) is an administrative division code of digits (GB/T 2260).
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return IdentifierCheck.invalid(
                        type,
                        value,
                        IdentifierError.CHARACTER,
                        "Region code (positions 3–8) must be digits (GB 32100-2015, GB/T 2260)");
            }
        }
        Map<String, String> components = new LinkedHashMap<>();
        components.put("registeringAuthority", value.substring(0, 1));
        components.put("entityCategory", value.substring(1, 2));
        components.put("region", value.substring(2, 8));
        String organisationCode = value.substring(8, 17);
        components.put("organizationCode", organisationCode);
        IdentifierCheck inner = OrganizationCode.check(organisationCode);
        components.put("organizationCodeValid", Boolean.toString(inner.valid()));

        // GB 32100-2015 check character over positions 1–17.
        char expected = checkCharacter(value.substring(0, 17));
        char actual = value.charAt(17);
        if (actual != expected) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.CHECK_CHARACTER,
                    "Check character is '" + actual + "', expected '" + expected + "' (GB 32100-2015)",
                    expected,
                    components);
        }
        // Positions 9–17 are the GB 11714-1997 organisation code; checked only on request.
        if (strictOrganisationCode && !inner.valid()) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.ORGANIZATION_CODE,
                    "Embedded organisation code " + organisationCode + " is invalid: " + inner.reason(),
                    expected,
                    components);
        }
        return IdentifierCheck.valid(type, value, "Check character matches (GB 32100-2015)", expected, components);
    }
}
