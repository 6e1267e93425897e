package cn.tongban.seal.ofd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import cn.tongban.seal.ofd.ZipRecords.Central;
import cn.tongban.seal.ofd.ZipRecords.End;
import cn.tongban.seal.ofd.ZipRecords.Local;

/**
 * One ZIP view of an OFD package (GB/T 33190 §7: the document is a ZIP package whose paths name its files), and
 * the rules that make that view the only one. Content is read through the central directory, as viewers and
 * {@code java.util.zip.ZipFile} read it, never by walking local headers from the front; and a package is refused
 * (rule {@value #RULE}, FORMAT_FAILURE) whenever another reader could see something else in the same bytes. Each
 * {@link Rule} carries its clause of PKWARE's APPNOTE.TXT 6.3.10. Budgets ({@link OfdLimits}) are checked on the
 * declared sizes before anything is inflated, and inflation never produces more than the declared size.
 *
 * <p>The directory is Apache Commons Compress's {@link ZipFile} over a {@link SeekableInMemoryByteChannel}: it
 * parses the central directory from bytes already in memory. The JDK's {@code ZipFile} only opens files, so every
 * hostile upload would first be written to disk, and its in-memory alternative, {@code ZipInputStream}, is the
 * front-to-back reader that let a forged central directory through. The raw records ({@link ZipRecords}) are then
 * held against the library's entries, field by field, so a leniency of either parser is a refusal, not a
 * second view.
 */
final class OfdPackage {

    static final String RULE = "OFD_PACKAGE";

    /** The rules, each with its clause; the detail of a refusal starts with the rule's name. */
    enum Rule {
        END_RECORD("APPNOTE.TXT §4.3.16, §4.4.19-4.4.22: one end of central directory record, last in the file, "
                + "followed only by its comment; one disk"),
        CENTRAL_DIRECTORY("APPNOTE.TXT §4.3.6, §4.3.12: a complete central directory of exactly the records the end "
                + "record counts, directly before the end record"),
        ZIP64("APPNOTE.TXT §4.3.14, §4.3.15, §4.4.1.4: ZIP64 records are not accepted; a package within the budgets "
                + "never needs them"),
        NAME("APPNOTE.TXT §4.4.17.1, appendix D; GB/T 33190 §7: a UTF-8 relative path with forward slashes, no "
                + "drive letter, no empty, '.' or '..' segment, no NUL"),
        DUPLICATE_NAME("APPNOTE.TXT §4.4.17; GB/T 33190 §7: a path names one file"),
        ENCRYPTED("APPNOTE.TXT §4.4.4 bits 0, 6 and 13, §7: encrypted entries or directory are not accepted"),
        METHOD("APPNOTE.TXT §4.4.5: stored (0) or deflated (8)"),
        LOCAL_HEADER("APPNOTE.TXT §4.3.7, §4.4.4-4.4.9: the local header at the directory's offset repeats its name, "
                + "method, flags, CRC-32 and sizes (zero CRC and sizes allowed when bit 3 defers them)"),
        DATA_DESCRIPTOR(
                "APPNOTE.TXT §4.3.9, §4.4.4 bit 3: the data descriptor repeats the directory's CRC-32 and " + "sizes"),
        LAYOUT("APPNOTE.TXT §4.3.6: local header, data and descriptor of each entry, then the central directory, "
                + "with no other bytes before, between or after them"),
        CONTENT("APPNOTE.TXT §4.4.7-4.4.9: the data inflates to exactly the declared size and CRC-32, and the "
                + "compressed stream ends where the compressed size says");

        final String clause;

        Rule(String clause) {
            this.clause = clause;
        }

        OfdFormatException refuse(String detail) {
            return new OfdFormatException(RULE, clause, name() + ": " + detail);
        }
    }

    /** Flags compared between local header and directory: encrypted (0), data descriptor (3), strong (6). */
    private static final int COMPARED_FLAGS = 0x0049;

    private static final int ENCRYPTION_FLAGS = 0x2041;
    private static final int DESCRIPTOR_FLAG = 0x0008;

    private OfdPackage() {}

    /** The files of the package (directories left out) in physical order, each inflated and CRC-checked. */
    static Map<String, byte[]> read(byte[] zip, OfdLimits limits) throws OfdFormatException {
        End end = endRecord(zip);
        if (end.entries() > limits.maxEntries()) {
            throw limits.exceeded("max-entries", limits.maxEntries(), end.entries() + " entries");
        }
        List<Central> directory = centralDirectory(zip, end);
        List<ZipArchiveEntry> view = new ArrayList<>();
        // Names from the raw bytes only: an Info-ZIP Unicode path field would give the library a name other
        // readers (the JDK's ZipFile) do not see.
        try (ZipFile library = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(zip))
                .setUseUnicodeExtraFields(false)
                .get()) {
            Collections.list(library.getEntries()).forEach(view::add);
            agree(directory, view);
            budgets(view, zip.length, limits);
            List<Local> locals = new ArrayList<>();
            for (int i = 0; i < view.size(); i++) {
                locals.add(localHeader(zip, directory.get(i), end.directoryOffset()));
            }
            layout(zip, directory, locals, end.directoryOffset());
            Map<String, byte[]> files = new LinkedHashMap<>();
            Integer[] physical = ZipRecords.physicalOrder(directory);
            for (int i : physical) {
                ZipArchiveEntry e = view.get(i);
                byte[] content = ZipInflation.inflate(e, raw(library, e, locals.get(i)));
                if (!e.isDirectory()) {
                    files.put(e.getName(), content);
                }
            }
            return files;
        } catch (IOException | RuntimeException e) {
            throw Rule.CENTRAL_DIRECTORY.refuse("not readable as a ZIP central directory ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** The end record: the last signature within the comment's reach, ending the file exactly. */
    private static End endRecord(byte[] zip) throws OfdFormatException {
        int last = zip.length - ZipRecords.END_FIXED;
        int first = Math.max(0, last - 0xFFFF);
        for (int o = last; o >= first; o--) {
            if (ZipRecords.signature(zip, o) != ZipRecords.END_SIGNATURE) {
                continue;
            }
            End end = End.at(zip, o);
            long after = (long) zip.length - o - ZipRecords.END_FIXED;
            if (end.commentLength() != after) {
                throw Rule.END_RECORD.refuse("the end record at " + o + " declares a " + end.commentLength()
                        + "-octet comment but " + after + " octets follow it");
            }
            if (end.zip64() || o >= 20 && ZipRecords.signature(zip, o - 20) == ZipRecords.ZIP64_LOCATOR_SIGNATURE) {
                throw Rule.ZIP64.refuse("the end record defers to a ZIP64 end record");
            }
            if (end.disk() != 0 || end.directoryDisk() != 0 || end.entriesOnDisk() != end.entries()) {
                throw Rule.END_RECORD.refuse("a multi-disk archive");
            }
            if (end.directoryOffset() + end.directorySize() != o) {
                throw Rule.CENTRAL_DIRECTORY.refuse("the directory declared at " + end.directoryOffset() + " (+"
                        + end.directorySize() + ") does not end at the end record at " + o);
            }
            return end;
        }
        throw Rule.CENTRAL_DIRECTORY.refuse(
                "no end of central directory record: the package is truncated or not " + "a ZIP");
    }

    /** The directory's records, tiling it exactly. */
    private static List<Central> centralDirectory(byte[] zip, End end) throws OfdFormatException {
        List<Central> out = new ArrayList<>();
        long o = end.directoryOffset();
        long stop = end.offset();
        for (int i = 0; i < end.entries(); i++) {
            if (o + ZipRecords.CENTRAL_FIXED > stop
                    || ZipRecords.signature(zip, (int) o) != ZipRecords.CENTRAL_SIGNATURE) {
                throw Rule.CENTRAL_DIRECTORY.refuse("record " + (i + 1) + " of " + end.entries() + " missing at " + o);
            }
            Central c = Central.at(zip, (int) o);
            if (o + c.length() > stop) {
                throw Rule.CENTRAL_DIRECTORY.refuse("record " + (i + 1) + " runs past the directory");
            }
            if (c.zip64()) {
                throw Rule.ZIP64.refuse("record " + (i + 1) + " defers its sizes or offset to a ZIP64 field");
            }
            out.add(c);
            o += c.length();
        }
        if (o != stop) {
            throw Rule.CENTRAL_DIRECTORY.refuse(
                    (stop - o) + " octets in the directory after its " + end.entries() + " records");
        }
        if (out.isEmpty()) {
            throw Rule.CENTRAL_DIRECTORY.refuse("the directory lists no entry");
        }
        return out;
    }

    /** The library's entries are the raw records, and each is acceptable by name, flags and method. */
    private static void agree(List<Central> directory, List<ZipArchiveEntry> view) throws OfdFormatException {
        if (view.size() != directory.size()) {
            throw Rule.CENTRAL_DIRECTORY.refuse(
                    "the library reads " + view.size() + " entries, the records are " + directory.size());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < view.size(); i++) {
            Central c = directory.get(i);
            ZipArchiveEntry e = view.get(i);
            if (!Arrays.equals(c.rawName(), e.getRawName())
                    || c.localOffset() != e.getLocalHeaderOffset()
                    || c.method() != e.getMethod()
                    || c.crc() != e.getCrc()
                    || c.size() != e.getSize()
                    || c.compressedSize() != e.getCompressedSize()) {
                throw Rule.CENTRAL_DIRECTORY.refuse("record " + (i + 1) + " reads differently through the library");
            }
            String name = checkedName(utf8(c.rawName()));
            if (!name.equals(e.getName())) { // e.g. backslashes the library turns into slashes
                throw Rule.NAME.refuse("'" + name + "' reads as '" + e.getName() + "' through the library");
            }
            if (e.getExtraField(UnicodePathExtraField.UPATH_ID) instanceof UnicodePathExtraField u
                    && !name.equals(new String(u.getUnicodeName(), StandardCharsets.UTF_8))) {
                throw Rule.NAME.refuse("'" + name + "' carries a Unicode path field naming another file, which "
                        + "readers that honour it would show");
            }
            if (!names.add(name)) {
                throw Rule.DUPLICATE_NAME.refuse("'" + name + "' occurs twice in the directory");
            }
            if ((c.flags() & ENCRYPTION_FLAGS) != 0 || c.method() == 99) {
                throw Rule.ENCRYPTED.refuse("'" + name + "' is encrypted (flags 0x" + Integer.toHexString(c.flags())
                        + ", method " + c.method() + ")");
            }
            if (c.method() != 0 && c.method() != 8) {
                throw Rule.METHOD.refuse("'" + name + "' uses compression method " + c.method());
            }
            if (c.method() == 0 && c.size() != c.compressedSize()) {
                throw Rule.CONTENT.refuse("stored entry '" + name + "' declares " + c.compressedSize()
                        + " octets stored but " + c.size() + " octets of content");
            }
        }
    }

    /** Declared sizes within the budgets, before anything is inflated. */
    private static void budgets(List<ZipArchiveEntry> view, long packageSize, OfdLimits limits)
            throws OfdFormatException {
        long total = 0;
        for (ZipArchiveEntry e : view) {
            if (e.getSize() > limits.maxEntryBytes()) {
                throw limits.exceeded(
                        "max-entry-size",
                        limits.maxEntryBytes(),
                        "'" + e.getName() + "' declares " + e.getSize() + " octets");
            }
            if (e.getSize() > limits.maxCompressionRatio() * Math.max(e.getCompressedSize(), 1)) {
                throw limits.exceeded(
                        "max-compression-ratio",
                        limits.maxCompressionRatio(),
                        "'" + e.getName() + "' expands " + e.getCompressedSize() + " octets to " + e.getSize());
            }
            total += e.getSize();
        }
        if (total > limits.maxTotalBytes()) {
            throw limits.exceeded("max-total-size", limits.maxTotalBytes(), "the entries declare " + total + " octets");
        }
        if (total > limits.maxCompressionRatio() * packageSize) {
            throw limits.exceeded(
                    "max-compression-ratio",
                    limits.maxCompressionRatio(),
                    "the package of " + packageSize + " octets expands to " + total);
        }
    }

    /** The local header the record points at, repeating the record. */
    private static Local localHeader(byte[] zip, Central c, long directoryOffset) throws OfdFormatException {
        String at = "at " + c.localOffset();
        if (c.localOffset() + ZipRecords.LOCAL_FIXED > directoryOffset
                || ZipRecords.signature(zip, (int) c.localOffset()) != ZipRecords.LOCAL_SIGNATURE) {
            throw Rule.LOCAL_HEADER.refuse("no local header " + at + ", where the directory points");
        }
        Local l = Local.at(zip, (int) c.localOffset());
        String name = new String(c.rawName(), StandardCharsets.UTF_8);
        if (l.rawName() == null || !Arrays.equals(l.rawName(), c.rawName())) {
            throw Rule.LOCAL_HEADER.refuse(
                    "the local header " + at + " names another file than the directory's '" + name + "'");
        }
        if ((l.flags() & COMPARED_FLAGS) != (c.flags() & COMPARED_FLAGS) || l.method() != c.method()) {
            throw Rule.LOCAL_HEADER.refuse("flags or method of '" + name + "' differ from the directory's");
        }
        boolean deferred = (c.flags() & DESCRIPTOR_FLAG) != 0;
        if (!repeats(l.crc(), c.crc(), deferred)
                || !repeats(l.compressedSize(), c.compressedSize(), deferred)
                || !repeats(l.size(), c.size(), deferred)) {
            throw Rule.LOCAL_HEADER.refuse("CRC-32 or sizes of '" + name + "' differ from the directory's");
        }
        if (l.dataOffset() + c.compressedSize() > directoryOffset) {
            throw Rule.LOCAL_HEADER.refuse("the data of '" + name + "' runs into the central directory");
        }
        return l;
    }

    private static boolean repeats(long local, long central, boolean deferred) {
        return local == central || deferred && local == 0;
    }

    /**
     * Every octet before the directory belongs to exactly one entry: its local header, data and, with bit 3, the
     * data descriptor (with or without its optional signature, §4.3.9.3) repeating the directory's values.
     */
    private static void layout(byte[] zip, List<Central> directory, List<Local> locals, long directoryOffset)
            throws OfdFormatException {
        long expected = 0;
        for (int i : ZipRecords.physicalOrder(directory)) {
            Central c = directory.get(i);
            Local l = locals.get(i);
            if (l.offset() != expected) {
                throw Rule.LAYOUT.refuse(
                        l.offset() > expected
                                ? "octets " + expected + ".." + (l.offset() - 1) + " belong to no entry"
                                : "the entry at " + l.offset() + " overlaps the one before it");
            }
            long end = l.dataOffset() + c.compressedSize();
            if ((c.flags() & DESCRIPTOR_FLAG) != 0) {
                int length = ZipRecords.descriptorLength(zip, end, directoryOffset, c);
                if (length < 0) {
                    throw Rule.DATA_DESCRIPTOR.refuse("the data descriptor of '" + utf8(c.rawName()) + "' at " + end
                            + " contradicts the directory");
                }
                end += length;
            }
            expected = end;
        }
        if (expected != directoryOffset) {
            throw Rule.LAYOUT.refuse("octets " + expected + ".." + (directoryOffset - 1) + " between the last entry "
                    + "and the central directory belong to no entry");
        }
    }

    /** The compressed data through the library, which must find it where the local header says. */
    private static byte[] raw(ZipFile library, ZipArchiveEntry e, Local l) throws IOException, OfdFormatException {
        try (InputStream in = library.getRawInputStream(e)) {
            if (in == null || e.getDataOffset() != l.dataOffset()) {
                throw Rule.LOCAL_HEADER.refuse("the library finds the data of '" + e.getName() + "' elsewhere");
            }
            return in.readNBytes((int) e.getCompressedSize());
        }
    }

    /** The name as UTF-8, as the JDK's readers decode it; one that is not UTF-8 would decode differently elsewhere. */
    private static String utf8(byte[] raw) throws OfdFormatException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(raw))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw Rule.NAME.refuse("an entry name that is not UTF-8");
        }
    }

    /** Refuses names a reader could resolve outside the package or to another file (zip slip, aliases). */
    static String checkedName(String name) throws OfdFormatException {
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        boolean unsafe = body.isEmpty()
                || body.startsWith("/")
                || body.indexOf('\\') >= 0
                || body.indexOf('\0') >= 0
                || body.matches("^[A-Za-z]:.*");
        for (String segment : body.split("/", -1)) {
            unsafe |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
        }
        if (unsafe) {
            throw Rule.NAME.refuse("unsafe ZIP entry name '" + name + "'");
        }
        return name;
    }
}
