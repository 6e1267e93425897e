package cn.tongban.seal.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The v1 TBS_Sign.timeInfo BIT STRING (GM/T 0031-2014): real files put a text time in it (docs/STANDARDS.md §1.2),
 * e.g. {@code 2020-01-25T07:31:56.377Z}; a DER UTCTime/GeneralizedTime element is also accepted.
 */
final class TimeInfo {

    /**
     * Local times without a zone are read as China Standard Time (UTC+8). [open] GM/T 0031-2014 does not say;
     * this is the only zone in which such files are produced.
     */
    static final ZoneOffset LOCAL_ZONE = ZoneOffset.ofHours(8);

    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSS]"),
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));

    private TimeInfo() {}

    /** The time as written in the octets: the text, or the content of the DER time element. */
    static String text(byte[] octets) {
        int skip = octets.length >= 2 && (octets[0] == Der.GENERALIZED_TIME || octets[0] == Der.UTC_TIME) ? 2 : 0;
        return new String(octets, skip, octets.length - skip, StandardCharsets.ISO_8859_1)
                .replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** The instant, or {@code null} when the octets hold no recognised time. */
    static Instant fromV1Octets(byte[] octets) {
        if (octets.length == 0 || octets.length > 64) {
            return null;
        }
        if (octets[0] == Der.GENERALIZED_TIME || octets[0] == Der.UTC_TIME) {
            try {
                return DerValues.time(Der.single(octets, "timeInfo"));
            } catch (DerException e) {
                return null;
            }
        }
        for (byte b : octets) {
            if (b < 0x20 || b > 0x7E) {
                return null;
            }
        }
        String text = new String(octets, StandardCharsets.US_ASCII).trim();
        Instant t = DerValues.generalizedTime(text);
        if (t == null) {
            t = DerValues.utcTime(text);
        }
        if (t != null) {
            return t;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to zone-less forms
        }
        for (DateTimeFormatter f : LOCAL_FORMATS) {
            try {
                return LocalDateTime.parse(text, f).toInstant(LOCAL_ZONE);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }
}
