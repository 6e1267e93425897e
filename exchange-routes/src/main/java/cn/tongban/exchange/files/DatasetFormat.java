package cn.tongban.exchange.files;

import java.util.Locale;
import java.util.Optional;

/** The dataset file formats providers upload and consumers download. */
public enum DatasetFormat {
    /** RFC 4180, UTF-8, first record = information item names. */
    CSV("text/csv", ".csv"),
    /** JSON Lines: one JSON object per line, UTF-8. */
    JSONL("application/x-ndjson", ".jsonl");

    private final String mediaType;
    private final String extension;

    DatasetFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** By file name ({@code .csv}, {@code .jsonl}, {@code .ndjson}), case-insensitive. */
    public static Optional<DatasetFormat> ofFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        return Optional.empty();
    }
}
