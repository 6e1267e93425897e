package cn.tongban.licence.id;

/**
 * ISO/IEC 7064 MOD 37,36 (GB/T 17710-2008), the hybrid system for alphanumeric strings: alphabet {@code 0-9A-Z}
 * (values 0–35), one check character from the same alphabet. As a hybrid system it detects every single
 * substitution error. Algorithm as in docs/STANDARDS.md §2.1.
 */
final class Mod3736 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Mod3736() {}

    /** @throws IllegalArgumentException when {@code payload} is empty or has a character outside {@code 0-9A-Z} */
    static char checkCharacter(String payload) {
        if (payload == null || payload.isEmpty()) {
            throw new IllegalArgumentException("payload must not be empty");
        }
        int p = 36; // P_1 = M = 36
        for (int i = 0; i < payload.length(); i++) {
            int v = ALPHABET.indexOf(payload.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException(
                        "character '" + payload.charAt(i) + "' at position " + (i + 1) + " is not in 0-9A-Z");
            }
            p = (p + v) % 36; // S_j = P_j + a_j, reduced mod M
            if (p == 0) {
                p = 36; // ... with 0 replaced by M
            }
            p = (p * 2) % 37; // P_{j+1} = S_j * 2 mod (M+1)
        }
        return ALPHABET.charAt((37 - p) % 36); // a with (P + a) mod M = 1: (M+1 − P) mod M
    }

    static boolean inAlphabet(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }
}
