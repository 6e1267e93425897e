package cn.tongban.seal.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decoders for DER primitive contents (X.690 §8 and §11), strict and exception-free for callers. */
final class DerValues {

    private static final Pattern UTC_TIME = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})Z");
    private static final Pattern GENERALIZED_TIME =
            Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:\\.(\\d{1,9}))?Z");

    private DerValues() {}

    /** A non-negative INTEGER no greater than {@code max}; X.690 §8.3.2 minimal encoding required. */
    static int smallInt(Der.Tlv tlv, int max) throws DerException {
        Der.expect(tlv, Der.INTEGER, "INTEGER");
        byte[] c = tlv.content();
        if (c.length == 0) {
            throw new DerException("empty INTEGER", tlv.path());
        }
        if (c.length > 1 && ((c[0] == 0 && c[1] >= 0) || (c[0] == (byte) 0xFF && c[1] < 0))) {
            throw new DerException("non-minimal INTEGER (X.690 §8.3.2)", tlv.path());
        }
        if (c[0] < 0) {
            throw new DerException("negative INTEGER", tlv.path());
        }
        if (c.length > 5 || (c.length == 5 && c[0] != 0)) {
            throw new DerException("INTEGER too large", tlv.path());
        }
        long v = 0;
        for (byte b : c) {
            v = (v << 8) | (b & 0xFF);
        }
        if (v > max) {
            throw new DerException("INTEGER " + v + " exceeds " + max, tlv.path());
        }
        return (int) v;
    }

    static String ia5(Der.Tlv tlv) throws DerException {
        Der.expect(tlv, Der.IA5_STRING, "IA5String");
        return ascii(tlv);
    }

    /** PrintableString, with IA5String and UTF8String also accepted for the free-text digest type names. */
    static String textName(Der.Tlv tlv) throws DerException {
        return switch (tlv.tag()) {
            case Der.PRINTABLE_STRING, Der.IA5_STRING -> ascii(tlv);
            case Der.UTF8_STRING -> utf8(tlv);
            default -> throw new DerException("expected PrintableString", tlv.path());
        };
    }

    static String utf8(Der.Tlv tlv) throws DerException {
        Der.expect(tlv, Der.UTF8_STRING, "UTF8String");
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(tlv.content()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DerException("invalid UTF-8", tlv.path());
        }
    }

    private static String ascii(Der.Tlv tlv) throws DerException {
        byte[] c = tlv.content();
        for (byte b : c) {
            if (b < 0) {
                throw new DerException("non-ASCII octet in string", tlv.path());
            }
        }
        return new String(c, StandardCharsets.US_ASCII);
    }

    static Bytes octets(Der.Tlv tlv, int maxLength) throws DerException {
        Der.expect(tlv, Der.OCTET_STRING, "OCTET STRING");
        if (tlv.length() > maxLength) {
            throw new DerException("OCTET STRING of " + tlv.length() + " octets exceeds " + maxLength, tlv.path());
        }
        return Bytes.copyOf(tlv.src(), tlv.contentStart(), tlv.end());
    }

    /** The octets of an octet-aligned BIT STRING (X.690 §8.6: first octet = unused bits, must be 0 here). */
    static Bytes bitStringOctets(Der.Tlv tlv) throws DerException {
        Der.expect(tlv, Der.BIT_STRING, "BIT STRING");
        if (tlv.length() == 0) {
            throw new DerException("BIT STRING without the unused-bits octet", tlv.path());
        }
        if (tlv.src()[tlv.contentStart()] != 0) {
            throw new DerException("BIT STRING is not octet-aligned", tlv.path());
        }
        return Bytes.copyOf(tlv.src(), tlv.contentStart() + 1, tlv.end());
    }

    /** BOOLEAN in DER: one octet, 0x00 or 0xFF (X.690 §11.1). */
    static boolean bool(Der.Tlv tlv) throws DerException {
        Der.expect(tlv, Der.BOOLEAN, "BOOLEAN");
        byte[] c = tlv.content();
        if (c.length != 1 || (c[0] != 0 && c[0] != (byte) 0xFF)) {
            throw new DerException("BOOLEAN must be one octet 0x00 or 0xFF", tlv.path());
        }
        return c[0] != 0;
    }

    /** OBJECT IDENTIFIER in dotted form (X.690 §8.19). */
    static String oid(Der.Tlv tlv) throws DerException {
        Der.expect(tlv, Der.OID, "OBJECT IDENTIFIER");
        byte[] c = tlv.content();
        if (c.length == 0 || c.length > 64 || c[c.length - 1] < 0) {
            throw new DerException("bad OBJECT IDENTIFIER encoding", tlv.path());
        }
        StringBuilder sb = new StringBuilder();
        long value = 0;
        boolean first = true;
        boolean subStart = true;
        for (byte b : c) {
            if (subStart && b == (byte) 0x80) {
                throw new DerException("non-minimal OBJECT IDENTIFIER arc", tlv.path());
            }
            if (value > (Long.MAX_VALUE >> 7)) {
                throw new DerException("OBJECT IDENTIFIER arc too large", tlv.path());
            }
            value = (value << 7) | (b & 0x7F);
            subStart = b >= 0;
            if (b >= 0) {
                if (first) {
                    int top = value < 40 ? 0 : value < 80 ? 1 : 2;
                    sb.append(top).append('.').append(value - 40L * top);
                    first = false;
                } else {
                    sb.append('.').append(value);
                }
                value = 0;
            }
        }
        return sb.toString();
    }

    /**
     * UTCTime (X.690 §11.8, RFC 5280 §4.1.2.5.1 century rule) or GeneralizedTime (§11.7). Both are accepted in
     * every version: GM/T 0031-2014 v1 uses UTCTime, GB/T 38540 GeneralizedTime.
     */
    static Instant time(Der.Tlv tlv) throws DerException {
        if (tlv.tag() != Der.UTC_TIME && tlv.tag() != Der.GENERALIZED_TIME) {
            throw new DerException("expected UTCTime or GeneralizedTime", tlv.path());
        }
        String text = ascii(tlv);
        Instant parsed = tlv.tag() == Der.UTC_TIME ? utcTime(text) : generalizedTime(text);
        if (parsed == null) {
            throw new DerException("bad time value '" + printable(text) + "'", tlv.path());
        }
        return parsed;
    }

    static Instant utcTime(String text) {
        Matcher m = UTC_TIME.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int yy = Integer.parseInt(m.group(1));
        return toInstant(yy < 50 ? 2000 + yy : 1900 + yy, m, 2, null);
    }

    static Instant generalizedTime(String text) {
        Matcher m = GENERALIZED_TIME.matcher(text);
        if (!m.matches()) {
            return null;
        }
        return toInstant(Integer.parseInt(m.group(1)), m, 2, m.group(7));
    }

    private static Instant toInstant(int year, Matcher m, int g, String fraction) {
        try {
            int nanos = 0;
            if (fraction != null) {
                nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
            }
            return LocalDateTime.of(
                            year,
                            Integer.parseInt(m.group(g)),
                            Integer.parseInt(m.group(g + 1)),
                            Integer.parseInt(m.group(g + 2)),
                            Integer.parseInt(m.group(g + 3)),
                            Integer.parseInt(m.group(g + 4)),
                            nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
