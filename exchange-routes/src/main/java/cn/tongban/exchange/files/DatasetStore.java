package cn.tongban.exchange.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.catalog.Resource;

/**
 * Dataset versions on disk: {@code <root>/<resourceCode>/v<N>.jsonl} (the validated, typed rows), and
 * {@code errors-<id>.jsonl} with every row error of an import. An import streams the upload through the
 * {@link DatasetValidator} into a temporary file and only then, if it is accepted, renames it to the next version,
 * so a version is never seen half-written and a rejected file leaves no version behind. Memory stays bounded by
 * one row whatever the file size.
 *
 * <p>Acceptance: a file error (not CSV / JSON Lines, bad header, invalid UTF-8) rejects the file; bad rows reject
 * it too unless {@code skipBadRows}, in which case the good rows become the version and the error log lists the
 * rest. A file with no good row is never stored.
 *
 * <p>What one import may write is bounded ({@link Limits}): the error log holds the errors of the first
 * {@code reportedRows} bad rows and at most {@code errorLogBytes}, then one line counting the bad rows not listed
 * ({@code "unlistedRows"}); the stored version at most {@code storedBytes} (an import that would write more is a
 * file error and stores nothing).
 */
public final class DatasetStore {

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.jsonl");
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Bounds on what a single import writes.
     *
     * @param reportedRows  bad rows whose errors are written to the error log (the first ones)
     * @param errorLogBytes largest error log
     * @param storedBytes   largest stored version (the typed JSON Lines of the good rows)
     */
    public record Limits(int reportedRows, long errorLogBytes, long storedBytes) {
        public static final Limits DEFAULT = new Limits(DatasetValidator.REPORTED_ROWS, 2L << 20, 8L << 30);

        public Limits {
            if (reportedRows < 0 || errorLogBytes < 1024 || storedBytes < 1) {
                throw new IllegalArgumentException(
                        "dataset limits: reported rows >= 0, error log >= 1 KB, " + "stored size > 0");
            }
        }
    }

    private final Path root;
    private final Limits limits;

    public DatasetStore(Path root) {
        this(root, Limits.DEFAULT);
    }

    public DatasetStore(Path root, Limits limits) {
        this.root = root;
        this.limits = limits;
    }

    /**
     * A stored version: resource, number, file and size; rows, SHA-256 of the file and when it was stored come from
     * its {@code v<N>.meta.json} (null for a version stored before those were kept).
     */
    public record DatasetVersion(
            String resourceCode,
            int version,
            Path file,
            long bytes,
            Long rows,
            String sha256,
            java.time.Instant storedAt) {}

    /** What {@code v<N>.meta.json} holds. */
    record Meta(long rows, String sha256, String format, String storedAt) {}

    public ImportReport importFile(Resource resource, DatasetFormat format, InputStream upload, boolean skipBadRows)
            throws IOException {
        Path dir = dir(resource.code());
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Path incoming = dir.resolve(".incoming-" + id + ".jsonl");
        Path errorLog = dir.resolve("errors-" + id + ".jsonl");
        MessageDigest sha256 = sha256();
        ImportReport report;
        ErrorLog log;
        try (Bounded stored = new Bounded(Files.newOutputStream(incoming), limits.storedBytes());
                OutputStream data = new DigestOutputStream(new BufferedOutputStream(stored, 1 << 16), sha256);
                ErrorLog errors = new ErrorLog(Files.newOutputStream(errorLog), limits.errorLogBytes())) {
            log = errors;
            report =
                    new DatasetValidator(resource, limits.reportedRows()).validate(upload, format, data, errors::write);
            errors.finish(report.badRows());
        } catch (Bounded.Exceeded tooLarge) {
            Files.deleteIfExists(incoming);
            Files.deleteIfExists(errorLog);
            return new ImportReport(
                    resource.code(),
                    format,
                    0,
                    0,
                    0,
                    List.of(),
                    false,
                    "the stored version would be" + " larger than " + limits.storedBytes()
                            + " bytes; nothing was stored",
                    false,
                    null,
                    null,
                    null,
                    0);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(incoming);
            Files.deleteIfExists(errorLog);
            throw e;
        }
        if (report.badRows() == 0 && report.fileError() == null) {
            Files.delete(errorLog);
        } else {
            report = report.withErrorLog(errorLog.getFileName().toString(), report.badRows() - log.listedRows());
        }
        boolean accept = report.fileError() == null && report.goodRows() > 0 && (skipBadRows || report.badRows() == 0);
        if (!accept) {
            Files.deleteIfExists(incoming);
            return report;
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        synchronized (this) {
            int next = versions(resource.code()).stream()
                            .mapToInt(DatasetVersion::version)
                            .max()
                            .orElse(0)
                    + 1;
            Path target = dir.resolve("v" + next + ".jsonl");
            // the metadata first: a version file is never visible without it
            Files.writeString(
                    dir.resolve("v" + next + ".meta.json"),
                    JSON.writeValueAsString(new Meta(
                            report.goodRows(),
                            digest,
                            format.name(),
                            java.time.Instant.now().toString())));
            try {
                Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(incoming, target);
            }
            return report.storedAs(next, digest);
        }
    }

    public List<DatasetVersion> versions(String resourceCode) throws IOException {
        Path dir = dir(resourceCode);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> {
                        Matcher m = VERSION.matcher(f.getFileName().toString());
                        if (!m.matches()) {
                            return null;
                        }
                        try {
                            Path meta = f.resolveSibling("v" + m.group(1) + ".meta.json");
                            Meta md = Files.isRegularFile(meta) ? JSON.readValue(meta.toFile(), Meta.class) : null;
                            return new DatasetVersion(
                                    resourceCode,
                                    Integer.parseInt(m.group(1)),
                                    f,
                                    Files.size(f),
                                    md == null ? null : md.rows(),
                                    md == null ? null : md.sha256(),
                                    md == null
                                            ? Files.getLastModifiedTime(f).toInstant()
                                            : java.time.Instant.parse(md.storedAt()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .filter(v -> v != null)
                    .sorted((a, b) -> Integer.compare(a.version(), b.version()))
                    .toList();
        }
    }

    public Optional<DatasetVersion> version(String resourceCode, int version) throws IOException {
        return versions(resourceCode).stream()
                .filter(v -> v.version() == version)
                .findFirst();
    }

    /** The error log of an import, by the name its report gave. */
    public Optional<Path> errorLog(String resourceCode, String name) {
        if (!name.matches("errors-[0-9a-f-]{36}\\.jsonl")) {
            return Optional.empty();
        }
        Path p = dir(resourceCode).resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private Path dir(String resourceCode) {
        if (!CODE.matcher(resourceCode).matches()) {
            throw new IllegalArgumentException("not a resource code: " + resourceCode);
        }
        return root.resolve(resourceCode);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An output stream that refuses to grow past a bound. */
    private static final class Bounded extends java.io.FilterOutputStream {
        static final class Exceeded extends IOException {
            Exceeded() {
                super("bound exceeded", null);
            }
        }

        private final long max;
        private long written;

        Bounded(OutputStream out, long max) {
            super(out);
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            grow(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            grow(len);
            out.write(b, off, len);
        }

        private void grow(int n) throws Exceeded {
            written += n;
            if (written > max) {
                throw new Exceeded();
            }
        }
    }

    /**
     * The error log of one import: one JSON line per row error while it stays under its bound, then (once, at the
     * end) a line counting the bad rows it does not list. Rows are counted as listed when any error of theirs is.
     */
    private static final class ErrorLog implements java.io.Closeable {
        private final OutputStream out;
        private final long max;
        private long written;
        private long listedRows;
        private long lastRow = -1;
        private boolean full;

        ErrorLog(OutputStream out, long max) {
            this.out = new BufferedOutputStream(out, 1 << 16);
            this.max = max;
        }

        void write(RowError e) {
            if (full) {
                return;
            }
            try {
                byte[] line = JSON.writeValueAsBytes(e);
                if (written + line.length + 1 > max - 200) { // room left for the closing count
                    full = true;
                    return;
                }
                out.write(line);
                out.write('\n');
                written += line.length + 1;
                if (e.row() != lastRow) {
                    listedRows++;
                    lastRow = e.row();
                }
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }

        long listedRows() {
            return listedRows;
        }

        void finish(long badRows) throws IOException {
            long more = badRows - listedRows;
            if (more > 0) {
                out.write(JSON.writeValueAsBytes(java.util.Map.of(
                        "unlistedRows",
                        more,
                        "message",
                        "and " + more + " more bad rows, not listed (the log lists the errors of the first "
                                + listedRows + ")")));
                out.write('\n');
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
