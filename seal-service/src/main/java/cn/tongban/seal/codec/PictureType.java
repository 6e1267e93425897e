package cn.tongban.seal.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** SES_ESPictureInfo.type values of GB/T 38540 (docs/STANDARDS.md §1.1), each with the magic bytes its data must start with. */
public enum PictureType {
    GIF,
    BMP,
    JPG,
    PNG,
    SVG;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Largest picture data, the decoder's bound, so every seal made here decodes. */
    public static final int MAX_OCTETS = SealDecoder.MAX_PICTURE_OCTETS;
    /** Picture size bound in millimetres [open]: GB/T 38540 sets none; real seals are 20-60 mm. */
    public static final int MAX_MM = 500;

    /**
     * Every way an SES_ESPictureInfo breaks GB/T 38540 (docs/STANDARDS.md §1.1): a type other than GIF, BMP, JPG, PNG or
     * SVG, empty or oversized data, data without the declared type's magic bytes, a width or height outside
     * 1..{@value #MAX_MM} mm. Checked when a seal is made and when a seal file is verified. Empty when none.
     */
    public static List<String> violations(String declaredType, Bytes data, int widthMm, int heightMm) {
        List<String> v = new ArrayList<>();
        Optional<PictureType> type = of(declaredType);
        if (type.isEmpty()) {
            v.add("picture.type must be one of GIF, BMP, JPG, PNG, SVG, was '" + declaredType + "'");
        }
        if (data == null || data.size() == 0) {
            v.add("picture.data must not be empty");
        } else if (data.size() > MAX_OCTETS) {
            v.add("picture.data must be at most " + MAX_OCTETS + " octets, was " + data.size());
        } else if (type.isPresent() && !type.get().matches(data.value())) {
            v.add("picture.data does not start with the magic bytes of " + type.get()
                    + detect(data.value())
                            .map(t -> " (it starts as " + t + " does)")
                            .orElse(""));
        } else if (type.orElse(null) == SVG) {
            SvgPicture.problem(data.value()).ifPresent(p -> v.add("picture.data: " + p));
        }
        if (widthMm < 1 || widthMm > MAX_MM) {
            v.add("picture.width must be 1.." + MAX_MM + " mm, was " + widthMm);
        }
        if (heightMm < 1 || heightMm > MAX_MM) {
            v.add("picture.height must be 1.." + MAX_MM + " mm, was " + heightMm);
        }
        return v;
    }

    /** The type whose magic bytes {@code data} starts with, if any (how a picture file's type is found). */
    public static Optional<PictureType> detect(byte[] data) {
        return Arrays.stream(values()).filter(t -> t.matches(data)).findFirst();
    }

    public static Optional<PictureType> of(String type) {
        if (type == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(type.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code data} starts as a file of this type does. */
    boolean matches(byte[] data) {
        return switch (this) {
            case GIF ->
                startsWith(data, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                        || startsWith(data, "GIF89a".getBytes(StandardCharsets.US_ASCII));
            case BMP -> startsWith(data, new byte[] {'B', 'M'});
            case JPG -> startsWith(data, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case PNG -> startsWith(data, PNG_MAGIC);
            case SVG -> isSvg(data);
        };
    }

    /** An XML text whose first kilobyte opens an {@code <svg} element (after an optional BOM, prolog, comments). */
    private static boolean isSvg(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 1024), StandardCharsets.UTF_8)
                .replace("\uFEFF", "")
                .stripLeading();
        return head.startsWith("<") && head.contains("<svg");
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
