package cn.tongban.seal.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict DER (X.690 §10) TLV reader over the original bytes. It keeps offsets into the input so that
 * signed parts can be verified over their original encoding (docs/STANDARDS.md §1.3) and is never used to re-encode.
 * Rejected: indefinite lengths (X.690 §10.1), non-minimal lengths (§10.1), high tag numbers (not used by
 * GB/T 38540), lengths running past the enclosing element.
 */
final class Der {

    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0C;
    static final int PRINTABLE_STRING = 0x13;
    static final int IA5_STRING = 0x16;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed: the EXPLICIT context tag used by the optional fields. */
    static final int CONTEXT_0_CONSTRUCTED = 0xA0;

    /** Upper bound on the elements of one SEQUENCE, far above any real seal. */
    private static final int MAX_ELEMENTS = 4096;

    private Der() {}

    /** One element: tag, header and content, as offsets into {@code src}. */
    record Tlv(byte[] src, int tag, int start, int contentStart, int end, String path) {

        int length() {
            return end - contentStart;
        }

        /** The original encoding of the whole element (tag, length and content). */
        Bytes encoded() {
            return Bytes.copyOf(src, start, end);
        }

        byte[] content() {
            return Arrays.copyOfRange(src, contentStart, end);
        }

        /** The child elements of a constructed element, all of which must fill the content exactly. */
        List<Tlv> elements() throws DerException {
            if ((tag & 0x20) == 0) {
                throw new DerException("expected a constructed element", path);
            }
            List<Tlv> out = new ArrayList<>();
            int pos = contentStart;
            while (pos < end) {
                if (out.size() >= MAX_ELEMENTS) {
                    throw new DerException("more than " + MAX_ELEMENTS + " elements", path);
                }
                Tlv child = read(src, pos, end, path + "[" + out.size() + "]");
                out.add(child);
                pos = child.end();
            }
            return out;
        }

        Tlv named(String name) {
            return new Tlv(src, tag, start, contentStart, end, name);
        }
    }

    /** Decodes exactly one element filling {@code src}; trailing bytes are malformed. */
    static Tlv single(byte[] src, String path) throws DerException {
        Tlv tlv = read(src, 0, src.length, path);
        if (tlv.end() != src.length) {
            throw new DerException((src.length - tlv.end()) + " trailing bytes after the outer element", path);
        }
        return tlv;
    }

    static Tlv read(byte[] src, int pos, int limit, String path) throws DerException {
        if (pos >= limit) {
            throw new DerException("truncated: no element", path);
        }
        int tag = src[pos] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new DerException("high tag numbers are not used by this format", path);
        }
        int p = pos + 1;
        if (p >= limit) {
            throw new DerException("truncated: no length", path);
        }
        int first = src[p++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new DerException("indefinite length is not DER (X.690 §10.1)", path);
        } else {
            int n = first & 0x7F;
            if (n > 4) {
                throw new DerException("length of " + n + " octets is too large", path);
            }
            if (n > limit - p) {
                throw new DerException("truncated: length octets", path);
            }
            if (src[p] == 0) {
                throw new DerException("non-minimal length encoding (X.690 §10.1)", path);
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (src[p++] & 0xFF);
            }
            if (length < 0x80) {
                throw new DerException("non-minimal length encoding (X.690 §10.1)", path);
            }
        }
        if (length > limit - p) {
            throw new DerException(
                    "truncated: length " + length + " exceeds the " + (limit - p) + " remaining octets", path);
        }
        return new Tlv(src, tag, pos, p, p + (int) length, path);
    }

    static Tlv expect(Tlv tlv, int tag, String what) throws DerException {
        if (tlv.tag() != tag) {
            throw new DerException(
                    String.format("expected %s (tag 0x%02X) but found tag 0x%02X", what, tag, tlv.tag()), tlv.path());
        }
        return tlv;
    }

    /** The elements of a SEQUENCE, requiring a count within {@code [min, max]}. */
    static List<Tlv> sequence(Tlv tlv, String what, int min, int max) throws DerException {
        expect(tlv, SEQUENCE, what + " SEQUENCE");
        List<Tlv> elements = tlv.elements();
        if (elements.size() < min || elements.size() > max) {
            String expected = min == max ? Integer.toString(min) : min + ".." + max;
            throw new DerException(what + " has " + elements.size() + " elements; expected " + expected, tlv.path());
        }
        return elements;
    }

    /** DER of {@code SEQUENCE { parts }} built from the parts' original encodings, concatenated unchanged. */
    static Bytes sequenceOf(Bytes... parts) {
        int length = 0;
        for (Bytes part : parts) {
            length += part.size();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(SEQUENCE);
        if (length < 0x80) {
            out.write(length);
        } else {
            int n = length >= 0x1000000 ? 4 : length >= 0x10000 ? 3 : length >= 0x100 ? 2 : 1;
            out.write(0x80 | n);
            for (int i = n - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (Bytes part : parts) {
            out.writeBytes(part.value());
        }
        return Bytes.wrap(out.toByteArray());
    }
}
