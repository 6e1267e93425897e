package cn.tongban.seal.make;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** SES_ESPictureInfo.type values of GB/T 38540 (STANDARDS §1.1), each with the magic bytes its data must start with. */
public enum PictureType {
    GIF, BMP, JPG, PNG, SVG;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** The type whose magic bytes {@code data} starts with, if any (how a picture file's type is found). */
    public static Optional<PictureType> detect(byte[] data) {
        return Arrays.stream(values()).filter(t -> t.matches(data)).findFirst();
    }

    static Optional<PictureType> of(String type) {
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
            case GIF -> startsWith(data, "GIF87a".getBytes(StandardCharsets.US_ASCII))
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
                .replace("\uFEFF", "").stripLeading();
        return head.startsWith("<") && head.contains("<svg");
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
