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
 */
public final class DatasetStore {

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.jsonl");
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public DatasetStore(Path root) {
        this.root = root;
    }

    /**
     * A stored version: resource, number, file and size; rows, SHA-256 of the file and when it was stored come from
     * its {@code v<N>.meta.json} (null for a version stored before those were kept).
     */
    public record DatasetVersion(String resourceCode, int version, Path file, long bytes, Long rows, String sha256,
                                 java.time.Instant storedAt) {
    }

    /** What {@code v<N>.meta.json} holds. */
    record Meta(long rows, String sha256, String format, String storedAt) {
    }

    public ImportReport importFile(Resource resource, DatasetFormat format, InputStream upload, boolean skipBadRows)
            throws IOException {
        Path dir = dir(resource.code());
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Path incoming = dir.resolve(".incoming-" + id + ".jsonl");
        Path errorLog = dir.resolve("errors-" + id + ".jsonl");
        MessageDigest sha256 = sha256();
        ImportReport report;
        try (OutputStream data = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(incoming),
                     1 << 16), sha256);
             OutputStream errors = new BufferedOutputStream(Files.newOutputStream(errorLog), 1 << 16)) {
            report = new DatasetValidator(resource).validate(upload, format, data, e -> {
                try {
                    JSON.writeValue(new NonClosing(errors), e);
                    errors.write('\n');
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            });
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(incoming);
            Files.deleteIfExists(errorLog);
            throw e;
        }
        if (report.badRows() == 0 && report.fileError() == null) {
            Files.delete(errorLog);
        } else {
            report = report.withErrorLog(errorLog.getFileName().toString());
        }
        boolean accept = report.fileError() == null && report.goodRows() > 0 && (skipBadRows || report.badRows() == 0);
        if (!accept) {
            Files.deleteIfExists(incoming);
            return report;
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        synchronized (this) {
            int next = versions(resource.code()).stream().mapToInt(DatasetVersion::version).max().orElse(0) + 1;
            Path target = dir.resolve("v" + next + ".jsonl");
            // the metadata first: a version file is never visible without it
            Files.writeString(dir.resolve("v" + next + ".meta.json"), JSON.writeValueAsString(
                    new Meta(report.goodRows(), digest, format.name(), java.time.Instant.now().toString())));
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
                    return new DatasetVersion(resourceCode, Integer.parseInt(m.group(1)), f, Files.size(f),
                            md == null ? null : md.rows(), md == null ? null : md.sha256(),
                            md == null ? Files.getLastModifiedTime(f).toInstant() : java.time.Instant.parse(md.storedAt()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(v -> v != null).sorted((a, b) -> Integer.compare(a.version(), b.version())).toList();
        }
    }

    public Optional<DatasetVersion> version(String resourceCode, int version) throws IOException {
        return versions(resourceCode).stream().filter(v -> v.version() == version).findFirst();
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

    /** Jackson closes the stream it writes to; the error log must stay open for the next error. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
