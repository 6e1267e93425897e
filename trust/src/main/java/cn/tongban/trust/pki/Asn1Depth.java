package cn.tongban.trust.pki;

/**
 * The nesting depth of BER/DER data (X.690 §8.1), measured without recursion and before any parser sees it.
 * Bouncy Castle's {@code ASN1InputStream} recurses once per constructed element and its {@code limit} bounds
 * lengths, not depth: 100,000 nested constructed OCTET STRINGs in a signature's {@code /Contents} (a few hundred
 * kilobytes with indefinite lengths) are a {@link StackOverflowError}. Every place that hands untrusted bytes to
 * Bouncy Castle (CMS in PDF {@code /Contents}, GB/T 38540 seals with their certificates and time-stamps) asks
 * {@link #exceeds} first, with one rule: constructed elements count one level each, definite or indefinite
 * length, and so does DER wrapped in a primitive OCTET STRING or BIT STRING (certificate extensions, TSTInfo,
 * seal fields), which parsers open later.
 *
 * <p>The scan only counts; malformed input stops the count where it becomes malformed (the parser then refuses it
 * at that point, no deeper). It costs one pass over the headers, microseconds for a CMS signature.
 */
public final class Asn1Depth {

    /** Far above real data: a CMS signature with certificates and a time-stamp token nests about 30 deep. */
    public static final int DEFAULT_MAX_DEPTH = 100;

    private static final int INDEFINITE = -1;

    private Asn1Depth() {}

    /** Whether {@code data} nests deeper than {@code maxDepth} levels. */
    public static boolean exceeds(byte[] data, int maxDepth) {
        return exceeds(data, 0, data.length, maxDepth);
    }

    /** Whether {@code data[from, to)} nests deeper than {@code maxDepth} levels. */
    public static boolean exceeds(byte[] data, int from, int to, int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive");
        }
        int[] ends = new int[maxDepth + 1];
        boolean[] wrapped = new boolean[maxDepth + 1];
        int depth = 0;
        int pos = from;
        while (pos < to) {
            if (pos < 0) { // malformed inside DER wrapped in a string: the string is only a string
                int w = depth - 1;
                while (w >= 0 && !wrapped[w]) {
                    w--;
                }
                if (w < 0) {
                    return false;
                }
                pos = ends[w];
                depth = w;
                continue;
            }
            while (depth > 0 && ends[depth - 1] != INDEFINITE && pos >= ends[depth - 1]) {
                depth--; // the definite-length elements that end here are closed
            }
            if (depth > 0 && ends[depth - 1] == INDEFINITE && pos + 1 < to && data[pos] == 0 && data[pos + 1] == 0) {
                pos += 2; // end-of-contents of an indefinite-length element
                depth--;
                continue;
            }
            int tag = data[pos] & 0xff;
            int p = pos + 1;
            if ((tag & 0x1f) == 0x1f) { // high tag number: base-128 octets, the last without bit 8
                while (p < to && (data[p] & 0x80) != 0) {
                    p++;
                }
                p++;
            }
            if (p >= to) {
                pos = -1;
                continue;
            }
            int first = data[p++] & 0xff;
            long length;
            if (first < 0x80) {
                length = first;
            } else if (first == 0x80) {
                length = INDEFINITE;
            } else {
                int n = first & 0x7f;
                if (n > 4 || n > to - p) {
                    pos = -1;
                    continue;
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (data[p++] & 0xff);
                }
            }
            int limit = depth > 0 && ends[depth - 1] != INDEFINITE ? ends[depth - 1] : to;
            if (length > limit - p) {
                pos = -1;
                continue;
            }
            boolean constructed = (tag & 0x20) != 0;
            if (constructed || length != INDEFINITE && encapsulates(data, tag, p, (int) length)) {
                if (depth == maxDepth) {
                    return true;
                }
                wrapped[depth] = !constructed;
                ends[depth++] = length == INDEFINITE ? INDEFINITE : p + (int) length;
                pos = constructed || tag == 0x04 ? p : p + 1;
            } else if (length == INDEFINITE) {
                pos = -1; // a primitive element cannot have an indefinite length
            } else {
                pos = p + (int) length;
            }
        }
        return false;
    }

    /**
     * A primitive OCTET STRING (or BIT STRING with zero unused bits) whose content begins with a constructed
     * element: DER that a parser will open later.
     */
    private static boolean encapsulates(byte[] data, int tag, int content, int length) {
        int at = tag == 0x04 ? content : tag == 0x03 && length > 1 && data[content] == 0 ? content + 1 : -1;
        return at >= 0 && at < content + length && (data[at] & 0x20) != 0;
    }
}
