package cn.tongban.exchange.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's folders as the route may touch them: never through a symbolic link, never outside the inbox.
 *
 * <p>A provider controls its own folder, so anything in it may be hostile: a data file that is a symbolic link (to
 * a file outside the inbox, which would be imported and published), a FIFO named like a data file (which would
 * hang the reader), a directory named like one, a resource folder that is a link, or a {@code .done} /
 * {@code .failed} folder that is a link (which would make the route move files and write reports outside the
 * inbox). {@link #refusal} names what is wrong with an entry before anything opens it; {@link #filingFolder}
 * gives a {@code .done} or {@code .failed} folder only when it is a real directory whose real path is inside the
 * inbox's real path; {@link #file} moves an entry there (the entry itself: a link is moved, never its target)
 * with its report, written owner-only, never over an existing file or through a link.
 */
final class InboxFolders {

    /** Names the route takes as data files. */
    static final Pattern DATA_FILE = Pattern.compile("(?i).*\\.(csv|jsonl|ndjson)");

    private static final Logger LOG = LoggerFactory.getLogger(InboxFolders.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final int MAX_WARNED = 1000;

    /** A folder the route cannot file into; the file stays where it is, the operators are told once. */
    static final class UnsafeFolder extends IOException {
        UnsafeFolder(String message) {
            super(message, null);
        }
    }

    private final Path inbox;
    private final Clock clock;
    private final java.util.function.Consumer<String> warnings;
    private final Set<String> warned = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_WARNED;
        }
    });

    /** @param warnings where refusals are told (the log: never a file name or a value) */
    InboxFolders(Path inbox, Clock clock, java.util.function.Consumer<String> warnings) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.clock = clock;
        this.warnings = warnings;
    }

    static void log(String warning) {
        LOG.warn("dataset inbox: {}", warning);
    }

    /** The inbox's real path (it may itself be a link an administrator made: that one is trusted). */
    Path realInbox() throws IOException {
        return inbox.toRealPath();
    }

    /**
     * Why {@code entry} ({@code <inbox>/<owner>/<resource>/<name>}) may not be read, or null when it is a regular
     * file, no link, in folders that are no links, and inside the inbox by its real path.
     */
    String refusal(Path entry) throws IOException {
        Path resourceDir = entry.getParent();
        Path ownerDir = resourceDir.getParent();
        for (Path folder : new Path[] {ownerDir, resourceDir}) {
            if (Files.isSymbolicLink(folder) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                return "the folder " + inbox.relativize(folder) + " is a symbolic link or not a directory";
            }
        }
        BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            return "a symbolic link, not a file (links are never followed)";
        }
        if (!a.isRegularFile()) {
            return a.isDirectory() ? "a directory, not a file" : "not a regular file (a device, FIFO or socket)";
        }
        Path real = entry.toRealPath();
        if (!real.getParent().equals(realInbox().resolve(inbox.relativize(resourceDir)))) {
            return "outside its inbox folder by its real path";
        }
        return null;
    }

    /**
     * {@code <resourceDir>/<name>} ({@code .done} or {@code .failed}), created if absent, as a real directory inside
     * the inbox. A link, a file or a folder whose real path leads elsewhere is refused.
     */
    Path filingFolder(Path resourceDir, String name) throws IOException {
        Path dir = resourceDir.resolve(name);
        if (Files.isSymbolicLink(resourceDir) || !Files.isDirectory(resourceDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeFolder(inbox.relativize(resourceDir) + " is a symbolic link or not a directory");
        }
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException exists) {
            // an existing folder: checked below like a new one
        }
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeFolder(inbox.relativize(dir) + " is a symbolic link or not a directory");
        }
        Path expected = realInbox().resolve(inbox.relativize(dir));
        if (!dir.toRealPath().equals(expected)) {
            throw new UnsafeFolder(inbox.relativize(dir) + " leads outside the inbox");
        }
        return dir;
    }

    /**
     * Moves {@code entry} into {@code folder} with a time stamp in its name and writes {@code <name>.report.json}
     * beside it. A link is moved as the link (a rename never follows it).
     */
    void file(Path entry, Path folder, ImportReport report) throws IOException {
        String name = entry.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stamped = (dot <= 0 ? name : name.substring(0, dot)) + "-" + STAMP.format(clock.instant())
                + (dot <= 0 ? "" : name.substring(dot));
        Files.move(entry, folder.resolve(stamped));
        Path reportFile = folder.resolve(name + ".report.json");
        Files.deleteIfExists(reportFile); // the previous report of a file of the same name (a link: the link)
        try (OutputStream out = Files.newOutputStream(
                reportFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            JSON.writeValue(out, report);
        }
    }

    /**
     * Entries of a resource folder named like data files that are not regular files (links, directories, FIFOs):
     * the file consumer never sees a directory at that depth and must not open a FIFO, so they are looked for here.
     */
    Stream<Path> irregularEntries(Path resourceDir) throws IOException {
        try (Stream<Path> entries = Files.list(resourceDir)) {
            return entries
                    .filter(p -> DATA_FILE.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .toList()
                    .stream();
        }
    }

    /** Tells the operators once (per folder and reason) what the route refuses; never a file name or a value. */
    void warnOnce(Path folder, String why) {
        String where = inbox.relativize(folder).toString();
        boolean first;
        synchronized (warned) {
            first = warned.add(where + "\n" + why);
        }
        if (first) {
            warnings.accept("refused an entry in " + where + ": " + why);
        }
    }
}
