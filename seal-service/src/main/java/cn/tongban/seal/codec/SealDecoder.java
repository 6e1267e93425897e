package cn.tongban.seal.codec;

/**
 * Decodes GB/T 38540 / GM/T 0031 seals and signatures from untrusted DER. Every failure is a
 * {@link Decoded.Malformed}; nothing is thrown for bad input. Signed parts are kept as their original bytes.
 */
public final class SealDecoder {

    /** Inputs larger than this are refused before parsing. */
    public static final int MAX_INPUT_OCTETS = 16 * 1024 * 1024;
    /** Seal pictures larger than this are refused. */
    public static final int MAX_PICTURE_OCTETS = SealParser.MAX_PICTURE_OCTETS;

    /** Prefix of the reason reported if the decoder itself fails; never expected, asserted by the fuzz test. */
    public static final String INTERNAL_ERROR = "internal decoder error";

    private SealDecoder() {}

    /** Decodes an SESeal (v1, v4 or v5, detected by structure: docs/STANDARDS.md §1.2). */
    public static Decoded<SesSeal> decodeSeal(byte[] der) {
        return decode(der, "SESeal", SealParser::seal);
    }

    /** Decodes an SES_Signature (v1, v4 or v5, detected by structure: docs/STANDARDS.md §1.2). */
    public static Decoded<SesSignature> decodeSignature(byte[] der) {
        return decode(der, "SES_Signature", SignatureParser::signature);
    }

    /**
     * Whether {@code data} opens as an SESeal of any version does: SEQUENCE (SESeal) → SEQUENCE (SES_SealInfo) →
     * SEQUENCE (SES_Header) → IA5String "ES" (SES_Header.ID, docs/STANDARDS.md §1.1-1.2). Reads at most 16 octets; says
     * nothing about the rest, which {@link #decodeSeal} judges. How a bare seal file is told from other documents.
     */
    public static boolean startsLikeSeal(byte[] data) {
        int pos = 0;
        for (int level = 0; level < 3; level++) {
            if (data == null || pos >= data.length || (data[pos] & 0xFF) != Der.SEQUENCE) {
                return false;
            }
            pos = afterLength(data, pos + 1);
            if (pos < 0) {
                return false;
            }
        }
        return pos + 4 <= data.length
                && data[pos] == Der.IA5_STRING
                && data[pos + 1] == 2
                && data[pos + 2] == 'E'
                && data[pos + 3] == 'S';
    }

    /** The offset after a DER length starting at {@code pos}; -1 when there is none (indefinite or too long). */
    private static int afterLength(byte[] data, int pos) {
        if (pos >= data.length) {
            return -1;
        }
        int first = data[pos] & 0xFF;
        if (first < 0x80) {
            return pos + 1;
        }
        int octets = first & 0x7F;
        return octets == 0 || octets > 4 || pos + 1 + octets > data.length ? -1 : pos + 1 + octets;
    }

    private interface Parser<T> {
        T parse(Der.Tlv tlv) throws DerException;
    }

    private static <T> Decoded<T> decode(byte[] der, String root, Parser<T> parser) {
        if (der == null) {
            return new Decoded.Malformed<>("no input", root);
        }
        if (der.length > MAX_INPUT_OCTETS) {
            return new Decoded.Malformed<>("input of " + der.length + " octets exceeds " + MAX_INPUT_OCTETS, root);
        }
        if (cn.tongban.trust.pki.Asn1Depth.exceeds(der, cn.tongban.trust.pki.Asn1Depth.DEFAULT_MAX_DEPTH)) {
            // the certificates and time-stamp inside are parsed by Bouncy Castle, which recurses per level
            return new Decoded.Malformed<>(
                    "ASN.1 nesting deeper than " + cn.tongban.trust.pki.Asn1Depth.DEFAULT_MAX_DEPTH
                            + " levels (budget)",
                    root);
        }
        byte[] copy = der.clone();
        try {
            return new Decoded.Ok<>(parser.parse(Der.single(copy, root)));
        } catch (DerException e) {
            return new Decoded.Malformed<>(e.getMessage(), e.path());
        } catch (RuntimeException e) {
            // Defensive: a decoder bug must still not let an exception escape to callers handling untrusted input.
            return new Decoded.Malformed<>(INTERNAL_ERROR + ": " + e, root);
        }
    }
}
