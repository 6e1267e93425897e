package cn.tongban.seal.ofd;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The files of an OFD package (a ZIP, GB/T 33190; STANDARDS §1.6), read into memory under {@link OfdLimits}.
 * Entry names that are absolute, contain {@code ..}, backslashes or NUL, or occur twice are refused (zip slip,
 * ambiguous content); so are archives over the entry, size or compression-ratio limits (zip bombs).
 */
final class OfdContainer {

    private final Map<String, byte[]> files;

    private OfdContainer(Map<String, byte[]> files) {
        this.files = files;
    }

    static OfdContainer read(byte[] zip, OfdLimits limits) throws OfdFormatException {
        if (zip == null || zip.length == 0) {
            throw new OfdFormatException("no OFD bytes");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (++entries > limits.maxEntries()) {
                    throw new OfdFormatException("more than " + limits.maxEntries() + " ZIP entries");
                }
                String name = checkedName(e.getName());
                if (e.isDirectory()) {
                    continue;
                }
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    total += n;
                    // Checked while inflating, so a bomb is stopped before it is expanded.
                    if (total > limits.maxTotalBytes()) {
                        throw new OfdFormatException("uncompressed content exceeds " + limits.maxTotalBytes() + " octets");
                    }
                    if (total > limits.maxCompressionRatio() * zip.length) {
                        throw new OfdFormatException("archive expands more than " + limits.maxCompressionRatio()
                                + " times its size");
                    }
                    content.write(buffer, 0, n);
                }
                long compressed = e.getCompressedSize(); // known once the entry has been read
                if (compressed >= 0 && content.size() > limits.maxCompressionRatio() * Math.max(compressed, 1)) {
                    throw new OfdFormatException("entry " + name + " has compression ratio above "
                            + limits.maxCompressionRatio());
                }
                if (files.put(name, content.toByteArray()) != null) {
                    throw new OfdFormatException("duplicate ZIP entry " + name);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new OfdFormatException("not a readable ZIP: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new OfdFormatException("not an OFD: ZIP has no files");
        }
        return new OfdContainer(files);
    }

    private static String checkedName(String name) throws OfdFormatException {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.matches("^[A-Za-z]:.*")) {
            throw new OfdFormatException("unsafe ZIP entry name '" + name + "'");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new OfdFormatException("unsafe ZIP entry name '" + name + "'");
            }
        }
        return name;
    }

    /** Every file, in archive order (copies not taken: callers must not modify the arrays). */
    Map<String, byte[]> files() {
        return java.util.Collections.unmodifiableMap(files);
    }

    /** The file at a normalised package path (no leading slash), if present. */
    Optional<byte[]> file(String path) {
        byte[] content = files.get(path);
        return content == null ? Optional.empty() : Optional.of(content.clone());
    }

    /**
     * Resolves an OFD location (ST_Loc) found in the file {@code from}: {@code /a/b} from the package root,
     * {@code a/b} relative to {@code from}'s directory; when that names no file, from the root, as some producers
     * write root-relative paths without the slash [open]. {@code ..} may not climb above the root.
     */
    String resolve(String from, String loc) throws OfdFormatException {
        String trimmed = loc.trim();
        if (trimmed.isEmpty()) {
            throw new OfdFormatException("empty location in " + from);
        }
        if (trimmed.startsWith("/")) {
            return normalise(trimmed.substring(1), from);
        }
        int slash = from.lastIndexOf('/');
        String relative = normalise((slash < 0 ? "" : from.substring(0, slash + 1)) + trimmed, from);
        if (files.containsKey(relative)) {
            return relative;
        }
        String rooted = normalise(trimmed, from);
        return files.containsKey(rooted) ? rooted : relative;
    }

    private static String normalise(String path, String from) throws OfdFormatException {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    throw new OfdFormatException("location '" + path + "' in " + from + " leaves the package");
                }
                parts.removeLast();
            } else {
                parts.addLast(segment);
            }
        }
        return String.join("/", parts);
    }
}
