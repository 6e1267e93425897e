package cn.tongban.server.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold secrets (private keys, key stores, the store password, the audit keys), written readable and
 * writable by their owner only (0600) from the moment they exist: the file is created under a temporary name with
 * its POSIX permissions as a creation attribute (the umask can only narrow them), filled, flushed to disk and then
 * moved over the target. A {@code chmod} after writing would leave a moment in which another local user can open
 * the key, and keep a replaced file's wider mode. On a file system without POSIX permissions (Windows) the
 * directory's ACL applies.
 */
public final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private OwnerOnlyFiles() {}

    /** Writes {@code content} to {@code file} (replacing it) with mode 0600. */
    public static void write(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = posix(dir)
                ? Files.createTempFile(
                        dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, "." + target.getFileName(), ".tmp", new FileAttribute<?>[0]);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(content);
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code text} as US-ASCII (PEM, base64, the store password) with mode 0600. */
    public static void writeAscii(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Whether anyone but the owner may read or write {@code file}: a group or other permission bit on a POSIX file
     * system; false where the file system has no POSIX permissions or the file is missing.
     */
    public static boolean openToOthers(Path file) {
        try {
            if (!Files.isRegularFile(file) || !posix(file.toAbsolutePath().getParent())) {
                return false;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            return mode.stream().anyMatch(p -> !OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The file's mode as {@code rw-r--r--}, for messages; empty where there are no POSIX permissions. */
    public static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static boolean posix(Path dir) {
        try {
            return Files.getFileStore(dir).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        }
    }
}
