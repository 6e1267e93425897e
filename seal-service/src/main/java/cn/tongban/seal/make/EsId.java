package cn.tongban.seal.make;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The seal identifiers this platform makes and registers. GB/T 38540 types {@code SES_SealInfo.esID} as an
 * IA5String (docs/STANDARDS.md §1.1) and sets no further syntax [open]; the seals seen in the wild and made here use
 * letters, digits, {@code -}, {@code _} and {@code .} (e.g. {@code esID130600}, a 32-hex UUID, {@code tb-seal-sm2}).
 * The registry addresses a seal by its esID in URLs ({@code /api/v1/seals/{esId}}), so an id must be one safe path
 * segment: a letter or digit first, then at most 127 of letters, digits, {@code - _ .}. An id with {@code /},
 * {@code \}, {@code %}, spaces or control characters could be stored but never addressed, suspended or revoked.
 */
public final class EsId {

    /** The accepted esIDs. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private EsId() {}

    /** Why {@code esId} is not accepted, or empty when it is. */
    public static Optional<String> problem(String esId) {
        if (esId == null || esId.isEmpty()) {
            return Optional.of("esID must not be blank");
        }
        if (!PATTERN.matcher(esId).matches()) {
            return Optional.of("esID must be 1-128 characters of letters, digits, '-', '_' and '.', starting with a"
                    + " letter or digit (it names the seal in the registry's URLs)");
        }
        return Optional.empty();
    }
}
