package cn.tongban.catalog.id;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * 公民身份号码 — resident identity number, GB 11643-1999.
 *
 * <p>18 characters: address (area) code 6, birth date 8 ({@code yyyyMMdd}), sequence 3 (odd = male, even =
 * female), check character 1 (ISO 7064 MOD 11-2; digit or {@code X}). Rules as in docs/STANDARDS.md §3 [computed].
 * The 15-digit numbers of GB 11643-1989 are not accepted.
 *
 * @param value     the normalised 18-character number
 * @param areaCode  the 6-digit address code (GB/T 2260 division where the number was first issued)
 * @param birthDate the birth date
 * @param gender    from the parity of the sequence code
 */
public record ResidentIdNumber(String value, String areaCode, LocalDate birthDate, Gender gender) {

    public enum Gender {
        MALE,
        FEMALE
    }

    /** GB 11643-1999 check weights for positions 1–17 (2^(18−i) mod 11). */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    /** GB 11643-1999 check character indexed by Σ mod 11. */
    private static final String CHECK = "10X98765432";

    private static final DateTimeFormatter BIRTH_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    public static final int LENGTH = 18;

    public ResidentIdNumber {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(areaCode, "areaCode");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(gender, "gender");
    }

    /**
     * GB 11643-1999 check character: {@code 10X98765432}[Σ a·w mod 11] over the first 17 digits.
     *
     * @throws IllegalArgumentException when {@code first17} is not 17 digits
     */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("first 17 digits expected");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("digit expected at position " + (i + 1));
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    public static boolean isValid(String number, LocalDate today) {
        return check(number, today).valid();
    }

    public static IdentifierCheck check(String number, Clock clock) {
        return check(number, LocalDate.now(clock));
    }

    /** The decoded number when it is valid. */
    public static Optional<ResidentIdNumber> parse(String number, LocalDate today) {
        IdentifierCheck result = check(number, today);
        if (!result.valid()) {
            return Optional.empty();
        }
        Map<String, String> c = result.components();
        return Optional.of(new ResidentIdNumber(
                result.value(), c.get("area"), LocalDate.parse(c.get("birthDate")), Gender.valueOf(c.get("gender"))));
    }

    /**
     * Checks a resident identity number.
     *
     * @param today the reference date; a birth date after it is rejected
     */
    public static IdentifierCheck check(String number, LocalDate today) {
        Objects.requireNonNull(today, "today");
        IdentifierType type = IdentifierType.RESIDENT_ID_NUMBER;
        if (IdentifierCheck.isBlank(number)) {
            return IdentifierCheck.invalid(
                    type, IdentifierCheck.normalise(number), IdentifierError.EMPTY, "Resident ID number is empty");
        }
        String value = IdentifierCheck.normalise(number);
        // GB 11643-1999 number structure: 17 digits + 1 check character.
        if (value.length() != LENGTH) {
            String legacy = value.length() == 15 ? "; 15-digit numbers (GB 11643-1989) are not accepted" : "";
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.LENGTH,
                    "Resident ID number must be 18 characters (GB 11643-1999), got " + value.length() + legacy);
        }
        for (int i = 0; i < 17; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return IdentifierCheck.invalid(
                        type,
                        value,
                        IdentifierError.CHARACTER,
                        "Character '" + c + "' at position " + (i + 1) + " must be a digit (GB 11643-1999)");
            }
        }
        char actual = value.charAt(17);
        if (!(actual >= '0' && actual <= '9') && actual != 'X') {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.CHARACTER,
                    "Check character '" + actual + "' must be a digit or X (GB 11643-1999)");
        }
        int sequence = Integer.parseInt(value.substring(14, 17));
        Gender gender = sequence % 2 == 1 ? Gender.MALE : Gender.FEMALE;
        Map<String, String> components = new LinkedHashMap<>();
        components.put("area", value.substring(0, 6));
        components.put("sequence", value.substring(14, 17));
        components.put("gender", gender.name());

        // GB 11643-1999 check character (ISO 7064 MOD 11-2).
        char expected = checkCharacter(value.substring(0, 17));
        if (actual != expected) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.CHECK_CHARACTER,
                    "Check character is '" + actual + "', expected '" + expected + "' (GB 11643-1999)",
                    expected,
                    components);
        }
        // GB 11643-1999 birth date code: a real calendar date (yyyyMMdd), and not after today.
        String birth = value.substring(6, 14);
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(birth, BIRTH_DATE);
        } catch (DateTimeParseException e) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.BIRTH_DATE,
                    "Birth date " + birth + " is not a calendar date (GB 11643-1999)",
                    expected,
                    components);
        }
        if (birthDate.isAfter(today)) {
            return IdentifierCheck.invalid(
                    type,
                    value,
                    IdentifierError.BIRTH_DATE,
                    "Birth date " + birthDate + " is after " + today + " (GB 11643-1999)",
                    expected,
                    components);
        }
        components.put("birthDate", birthDate.toString());
        return IdentifierCheck.valid(
                type, value, "Check character and birth date are valid (GB 11643-1999)", expected, components);
    }
}
