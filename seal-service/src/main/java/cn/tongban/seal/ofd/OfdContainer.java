package cn.tongban.seal.ofd;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files of an OFD package (a ZIP, GB/T 33190; docs/STANDARDS.md §1.6), read into memory through one ZIP view under
 * {@link OfdLimits}: {@link OfdPackage} reads the central directory and refuses every package another reader
 * could see differently (forged directory, junk between entries, duplicate or unsafe names, encryption, budgets).
 */
final class OfdContainer {

    private final Map<String, byte[]> files;
    private final OfdLimits limits;
    /** Digests by algorithm and path: a file listed in many References is hashed once. */
    private final Map<String, byte[]> digests = new HashMap<>();

    private OfdContainer(Map<String, byte[]> files, OfdLimits limits) {
        this.files = files;
        this.limits = limits;
    }

    static OfdContainer read(byte[] zip, OfdLimits limits) throws OfdFormatException {
        if (zip == null || zip.length == 0) {
            throw new OfdFormatException("no OFD bytes");
        }
        Map<String, byte[]> files = OfdPackage.read(zip, limits);
        if (files.isEmpty()) {
            throw new OfdFormatException("not an OFD: ZIP has no files");
        }
        return new OfdContainer(files, limits);
    }

    /** Parses an XML part of this package, refused over the max-xml-size budget before its tree is built. */
    org.w3c.dom.Element parseXml(byte[] xml, String path) throws OfdFormatException {
        if (xml.length > limits.maxXmlBytes()) {
            throw limits.exceeded("max-xml-size", limits.maxXmlBytes(), path + " has " + xml.length + " octets");
        }
        return OfdXml.parse(xml, path);
    }

    /** The {@code algorithm} digest of the file at {@code path}, if present; computed once per container. */
    Optional<byte[]> digest(String algorithm, String path) {
        byte[] content = files.get(path);
        if (content == null) {
            return Optional.empty();
        }
        return Optional.of(digests.computeIfAbsent(algorithm + '\0' + path, k -> Digests.digest(algorithm, content))
                .clone());
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
