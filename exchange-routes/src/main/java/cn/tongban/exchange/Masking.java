package cn.tongban.exchange;

import java.util.Locale;

/**
 * Masking rules for sensitive information items (the catalogue's {@code masking} attribute). Characters are
 * counted as code points, so Chinese names and addresses are masked by character, not by UTF-16 unit.
 * <ul>
 *   <li>{@code NAME}: the first character stays, every other becomes {@code *} (张伟明 → 张**);</li>
 *   <li>{@code ID_NUMBER}: the first 6 (the region code) and the last 4 stay (310104********2139), as on
 *       printed receipts; an identifier of 5 to 10 characters keeps only its last 2, a shorter one nothing;</li>
 *   <li>{@code PHONE}: the first 3 and the last 4 stay;</li>
 *   <li>{@code ADDRESS}: the first 6 characters stay (province, city and district in most addresses), the rest
 *       becomes {@code ****};</li>
 *   <li>{@code FULL}: every character becomes {@code *}.</li>
 * </ul>
 * A sensitive item without a rule, or with a rule this class does not know, is masked {@code FULL}: the
 * exchange never releases a sensitive value it does not know how to mask.
 */
public enum Masking {
    NAME,
    ID_NUMBER,
    PHONE,
    ADDRESS,
    FULL;

    public static Masking of(String rule) {
        if (rule == null || rule.isBlank()) {
            return FULL;
        }
        try {
            return valueOf(rule.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return FULL;
        }
    }

    public String apply(String value) {
        int[] cps = value.codePoints().toArray();
        int n = cps.length;
        return switch (this) {
            case NAME -> keep(cps, n <= 1 ? 0 : 1, 0);
            case ID_NUMBER -> n > 10 ? keep(cps, 6, 4) : keep(cps, 0, n > 4 ? 2 : 0);
            case PHONE -> n > 7 ? keep(cps, 3, 4) : keep(cps, 0, 0);
            case ADDRESS -> n > 6 ? new String(cps, 0, 6) + "****" : keep(cps, 0, 0);
            case FULL -> keep(cps, 0, 0);
        };
    }

    private static String keep(int[] cps, int head, int tail) {
        StringBuilder sb = new StringBuilder(cps.length);
        for (int i = 0; i < cps.length; i++) {
            if (i < head || i >= cps.length - tail) {
                sb.appendCodePoint(cps[i]);
            } else {
                sb.append('*');
            }
        }
        return sb.toString();
    }
}
