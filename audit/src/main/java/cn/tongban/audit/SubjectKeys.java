package cn.tongban.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous subject keys: entries can be found by data subject (a citizen ID number, a unified social
 * credit code) without the log storing the identifier. The key is HMAC-SHA256 (RFC 2104) under a platform
 * secret of the normalised identifier, in lower-case hex; without the secret, a key cannot be linked back
 * by hashing candidate identifiers.
 *
 * <p>Normalisation: Unicode NFKC (full-width digits and letters become ASCII), all white space removed,
 * upper case (Locale.ROOT) — so "11010519491231002x" and "１１０１０５１９４９１２３１００２Ｘ " give one key.
 */
public final class SubjectKeys {

    private static final int MIN_SECRET_BYTES = 32;

    private SubjectKeys() {}

    public static String of(byte[] secretKey, String identifier) {
        if (secretKey == null || secretKey.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the subject-key secret has at least " + MIN_SECRET_BYTES + " bytes");
        }
        String normalised = normalise(identifier);
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("a subject identifier is not blank");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
        }
    }

    static String normalise(String identifier) {
        String nfkc = Normalizer.normalize(identifier, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .forEach(out::appendCodePoint);
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
