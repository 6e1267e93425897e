package cn.tongban.licence.pdf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The revisions of a PDF found from its bytes alone (ISO 32000-1 §7.5.5 file trailer, §7.5.6 incremental updates):
 * the cross-reference sections are the chain that starts at the last {@code startxref} and follows each section's
 * {@code /Prev}; a revision ends after the {@code %%EOF} (and its end-of-line) of the first {@code startxref} after
 * its sections that names a section of that chain. Every update must hold a section of its own and chain to the
 * revision before it through a section that revision itself reaches. Normal structures that are not updates are
 * accepted as such: cross-reference streams and hybrid files (§7.5.8, §7.5.8.4: a section may be a stream object;
 * the {@code /XRefStm} of a hybrid trailer is not part of the chain), and linearized files (Annex F: the first-page
 * section near the start has a {@code /Prev} pointing forward to the main section of the same revision, and is
 * followed by a {@code startxref 0 %%EOF} of its own that ends nothing). Anything else — bytes after the last
 * {@code %%EOF}, an update whose {@code startxref} names no section of its own, a {@code /Prev} that skips or loops
 * — is reported, never repaired.
 */
final class PdfRevisions {

    static final String CLAUSE_TRAILER = "ISO 32000-1 §7.5.5 (file trailer), §7.5.6 (incremental updates), §7.5.8 "
            + "(cross-reference streams, hybrid files), Annex F (linearized files)";
    static final String RULE_TRAILING = "PDF_TRAILING_BYTES";
    static final String RULE_UPDATES = "PDF_INCREMENTAL_UPDATE";
    private static final byte[] EOF = {'%', '%', 'E', 'O', 'F'};
    private static final byte[] STARTXREF = "startxref".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] STREAM = "stream".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_REVISIONS = 1000;

    /** Revision ends ascending: the offset just after each revision's %%EOF line. */
    final List<Long> ends;

    final List<Check> checks;

    private PdfRevisions(List<Long> ends, List<Check> checks) {
        this.ends = ends;
        this.checks = checks;
    }

    /** 1-based number of the revision ending at {@code end}, or 0 when no revision ends there. */
    int revisionEndingAt(long end) {
        int i = Collections.binarySearch(ends, end);
        return i < 0 ? 0 : i + 1;
    }

    static PdfRevisions scan(byte[] pdf) {
        List<Check> checks = new ArrayList<>();
        int lastEof = lastIndexOf(pdf, EOF, pdf.length - EOF.length);
        if (lastEof < 0) {
            checks.add(Check.failed(
                    RULE_TRAILING,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_TRAILER,
                    "no %%EOF marker: not a complete PDF file"));
            return new PdfRevisions(List.of(), checks);
        }
        long fileEnd = afterEol(pdf, lastEof + EOF.length);
        if (fileEnd != pdf.length) {
            // ISO 32000-1 §7.5.5: the last line of the file contains only %%EOF; §7.5.6: updates are appended
            // as body + cross-reference section + trailer. Loose bytes are neither and are never signed.
            checks.add(Check.failed(
                    RULE_TRAILING,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_TRAILER,
                    (pdf.length - fileEnd) + " byte(s) after the last %%EOF that are not an incremental update"));
        } else {
            checks.add(Check.passed(RULE_TRAILING, CLAUSE_TRAILER, "the file ends with %%EOF"));
        }
        List<String> problems = new ArrayList<>();
        List<Long> chain = chain(pdf, startXrefBefore(pdf, lastEof), problems);
        List<Long> ends = problems.isEmpty() ? ends(pdf, chain, fileEnd, problems) : List.of();
        if (problems.isEmpty()) {
            checks.add(Check.passed(
                    RULE_UPDATES,
                    CLAUSE_TRAILER,
                    ends.size() + " revision(s), each a body, "
                            + "cross-reference section and trailer chained by /Prev"));
        } else {
            checks.add(Check.failed(
                    RULE_UPDATES, SubIndication.FORMAT_FAILURE, CLAUSE_TRAILER, String.join("; ", problems)));
        }
        return new PdfRevisions(problems.isEmpty() ? List.copyOf(ends) : List.of(), checks);
    }

    /** The cross-reference sections from the last startxref, /Prev by /Prev; each must be a section, none twice. */
    private static List<Long> chain(byte[] pdf, long first, List<String> problems) {
        List<Long> chain = new ArrayList<>();
        if (first < 0) {
            problems.add("no startxref before the last %%EOF");
            return chain;
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long x = first; x >= 0; x = prev(pdf, (int) x)) {
            if (x >= pdf.length || !sectionAt(pdf, (int) x)) {
                problems.add((chain.isEmpty() ? "startxref " : "/Prev ") + x
                        + " does not point at a cross-reference section");
                break;
            }
            if (!seen.add(x) || chain.size() >= MAX_REVISIONS) {
                problems.add("the /Prev chain of cross-reference sections loops or is too long at " + x);
                break;
            }
            chain.add(x);
        }
        return chain;
    }

    /**
     * The revision ends: every %%EOF whose startxref names a section from which /Prev reaches the chain (the
     * section itself, or a linearized file's first-page section whose /Prev is the main one); a startxref naming
     * a section off the chain is a revision the chain skips; {@code startxref 0} (Annex F first-page trailer)
     * names none. Then the checks that make them updates: the last ends the file, each holds the section its
     * startxref names, and the chain walks the revisions from the last to the first without skipping one, entering
     * each through a section it reaches from its own startxref.
     */
    private static List<Long> ends(byte[] pdf, List<Long> chain, long fileEnd, List<String> problems) {
        java.util.Set<Long> sections = new java.util.HashSet<>(chain);
        java.util.TreeMap<Long, Long> endToStartxref = new java.util.TreeMap<>();
        for (int eof : eofs(pdf)) {
            long value = startXrefBefore(pdf, eof);
            if (value <= 0 || value >= eof || !sectionAt(pdf, (int) value)) {
                continue;
            }
            long reached = value;
            for (int step = 0; step < 4 && reached >= 0 && !sections.contains(reached); step++) {
                reached = reached < pdf.length && sectionAt(pdf, (int) reached) ? prev(pdf, (int) reached) : -1;
            }
            if (reached < 0 || !sections.contains(reached)) {
                problems.add("the revision ending at the %%EOF at " + eof + " (startxref " + value + ") is not on "
                        + "the /Prev chain of the file: a later update skips it");
                continue;
            }
            endToStartxref.put(afterEol(pdf, eof + EOF.length), value);
        }
        if (!problems.isEmpty()) {
            return List.of();
        }
        List<Long> ends = new ArrayList<>(endToStartxref.keySet());
        if (ends.isEmpty() || ends.get(ends.size() - 1) != fileEnd) {
            problems.add("the bytes before the %%EOF at the end of the file hold no cross-reference section of "
                    + "their own (bytes appended without their own cross-reference section)");
            return ends;
        }
        int revision = ends.size() - 1;
        for (int i = 0; i < chain.size(); i++) {
            long x = chain.get(i);
            int in = revisionOf(ends, x);
            if (in == revision) {
                continue;
            }
            if (in != revision - 1 || in < 0) {
                problems.add("the /Prev " + x + " of revision " + (revision + 1) + " does not lead to the revision "
                        + "before it");
                return ends;
            }
            if (!reaches(pdf, endToStartxref.get(ends.get(in)), x, ends, in)) {
                problems.add("the /Prev " + x + " of revision " + (revision + 1) + " names a section that revision "
                        + (in + 1) + " does not reach from its own startxref");
                return ends;
            }
            revision = in;
        }
        for (int r = 0; r < ends.size(); r++) {
            long own = endToStartxref.get(ends.get(r));
            if (revisionOf(ends, own) != r) {
                problems.add("the update ending at " + ends.get(r) + " has no cross-reference section of its own: "
                        + "its startxref names " + own + " (bytes appended without their own cross-reference "
                        + "section)");
            }
        }
        if (revision != 0) {
            problems.add("revision " + revision + " is not reached by the /Prev chain");
        }
        return ends;
    }

    /** Whether following /Prev from {@code from} inside revision {@code revision} reaches {@code target}. */
    private static boolean reaches(byte[] pdf, long from, long target, List<Long> ends, int revision) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long x = from; x >= 0 && revisionOf(ends, x) == revision && seen.add(x); x = prev(pdf, (int) x)) {
            if (x == target) {
                return true;
            }
        }
        return false;
    }

    /** 0-based revision whose bytes hold {@code offset}. */
    private static int revisionOf(List<Long> ends, long offset) {
        int i = Collections.binarySearch(ends, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The %%EOF right after the startxref at {@code at} and its offset (only white space between); else -1. */
    private static int eofAfterStartxref(byte[] pdf, int at) {
        int i = at + STARTXREF.length;
        while (i < pdf.length && isWhite(pdf[i])) {
            i++;
        }
        i = digits(pdf, i);
        while (i < pdf.length && isWhite(pdf[i])) {
            i++;
        }
        return startsAt(pdf, EOF, i) ? i : -1;
    }

    /** A classic "xref" section or an xref stream object header "n g obj" at {@code at}. */
    private static boolean sectionAt(byte[] pdf, int at) {
        if (at + 4 <= pdf.length && pdf[at] == 'x' && pdf[at + 1] == 'r' && pdf[at + 2] == 'e' && pdf[at + 3] == 'f') {
            return true;
        }
        int i = at;
        i = digits(pdf, i);
        if (i == at || i >= pdf.length || pdf[i] != ' ') {
            return false;
        }
        int j = digits(pdf, i + 1);
        if (j == i + 1) {
            return false;
        }
        while (j < pdf.length && pdf[j] == ' ') {
            j++;
        }
        return j + 3 <= pdf.length && pdf[j] == 'o' && pdf[j + 1] == 'b' && pdf[j + 2] == 'j';
    }

    private static int digits(byte[] pdf, int i) {
        while (i < pdf.length && pdf[i] >= '0' && pdf[i] <= '9') {
            i++;
        }
        return i;
    }

    /**
     * The /Prev of the section at {@code at}: in a classic section's trailer (up to its startxref), or in a
     * cross-reference stream's dictionary (up to its {@code stream} keyword); -1 when none.
     */
    private static long prev(byte[] pdf, int at) {
        boolean classic = pdf[at] == 'x';
        int to = indexOf(pdf, classic ? STARTXREF : STREAM, at);
        return prev(pdf, at, to < 0 ? pdf.length : to);
    }

    /** The /Prev between {@code from} and {@code to}; -1 when none. */
    private static long prev(byte[] pdf, int from, int to) {
        byte[] key = {'/', 'P', 'r', 'e', 'v'};
        int at = indexOf(pdf, key, from, to);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length;
        if (i < pdf.length && Character.isLetterOrDigit(pdf[i]) && !(pdf[i] >= '0' && pdf[i] <= '9')) {
            return -1;
        }
        while (i < to && isWhite(pdf[i])) {
            i++;
        }
        int start = i;
        i = digits(pdf, i);
        if (i == start || i - start > 15) {
            return -1;
        }
        return Long.parseLong(new String(pdf, start, i - start, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The number after the last "startxref" before {@code before}; -1 when none. */
    private static long startXrefBefore(byte[] pdf, int before) {
        int at = lastIndexOf(pdf, STARTXREF, before - STARTXREF.length);
        if (at < 0) {
            return -1;
        }
        int i = at + STARTXREF.length;
        while (i < before && isWhite(pdf[i])) {
            i++;
        }
        int start = i;
        i = digits(pdf, i);
        if (i == start || i - start > 15) {
            return -1;
        }
        while (i < before && isWhite(pdf[i])) {
            i++;
        }
        if (i != before) {
            return -1; // something other than white space between the offset and %%EOF
        }
        return Long.parseLong(
                new String(pdf, start, digits(pdf, start) - start, java.nio.charset.StandardCharsets.US_ASCII));
    }

    static boolean isWhite(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
    }

    /** Offset after an optional end-of-line (CR, LF or CR LF) at {@code i} (ISO 32000-1 §7.2.3). */
    private static long afterEol(byte[] pdf, int i) {
        if (i < pdf.length && pdf[i] == '\r') {
            i++;
        }
        if (i < pdf.length && pdf[i] == '\n') {
            i++;
        }
        return i;
    }

    static int indexOf(byte[] data, byte[] marker, int from) {
        return indexOf(data, marker, from, data.length);
    }

    /**
     * First {@code marker} starting in {@code [from, to)}. A tight loop finds the marker's first byte, then the rest
     * is compared: signed PDFs hold long runs (the hex of /Contents, embedded files) that the revision scan crosses.
     */
    static int indexOf(byte[] data, byte[] marker, int from, int to) {
        byte first = marker[0];
        int last = Math.min(to, data.length - marker.length + 1);
        for (int i = Math.max(0, from); i < last; i++) {
            if (data[i] == first && restMatches(data, marker, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where each %%EOF of the file starts, ascending (occurrences do not overlap). This search crosses the whole file
     * (the hex of /Contents, embedded files, compressed streams) on every verification, so it reads eight bytes at a
     * time and tests 32 positions with one branch: a byte and the byte after it both {@code %} leave a zero byte in
     * {@code (word ^ "%%%%%%%%") | (word at +1 ^ "%%%%%%%%")}, which the classic zero-byte test finds. Only a block
     * holding a {@code %%} is looked at byte by byte. No copy of the file is made: the Latin-1 string this replaced
     * allocated the file's size again on every verification and cost twice the time (JFR, LicenceVerifyBench).
     */
    static int[] eofs(byte[] data) {
        int[] found = new int[4];
        int n = 0;
        int next = 0; // the first position a marker may start at: after the last one found
        int i = 0;
        for (; i + 33 <= data.length; i += 32) {
            long zeros = zeroBytes(pairs(data, i))
                    | zeroBytes(pairs(data, i + 8))
                    | zeroBytes(pairs(data, i + 16))
                    | zeroBytes(pairs(data, i + 24));
            if ((zeros & 0x8080808080808080L) != 0) {
                for (int k = Math.max(i, next); k < i + 32; k++) {
                    if (startsAt(data, EOF, k)) {
                        found = add(found, n++, k);
                        next = k + EOF.length;
                        k = next - 1;
                    }
                }
            }
        }
        for (int k = Math.max(i, next); k + EOF.length <= data.length; k++) {
            if (startsAt(data, EOF, k)) {
                found = add(found, n++, k);
                k += EOF.length - 1;
            }
        }
        return java.util.Arrays.copyOf(found, n);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long PERCENTS = 0x2525252525252525L;

    /** Zero in byte k exactly where {@code data[at + k]} and {@code data[at + k + 1]} are both '%'. */
    private static long pairs(byte[] data, int at) {
        return ((long) LONGS.get(data, at) ^ PERCENTS) | ((long) LONGS.get(data, at + 1) ^ PERCENTS);
    }

    /**
     * The classic zero-byte test: {@code zeroBytes(x) & 0x8080808080808080L} is non-zero exactly when a byte of
     * {@code x} is zero (which byte, it does not tell), so the results of several words can be OR-ed and tested once.
     */
    private static long zeroBytes(long x) {
        return (x - 0x0101010101010101L) & ~x;
    }

    private static int[] add(int[] found, int n, int at) {
        int[] out = n == found.length ? java.util.Arrays.copyOf(found, n * 2) : found;
        out[n] = at;
        return out;
    }

    static int lastIndexOf(byte[] data, byte[] marker, int from) {
        byte first = marker[0];
        for (int i = Math.min(from, data.length - marker.length); i >= 0; i--) {
            if (data[i] == first && restMatches(data, marker, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code marker} after its first byte follows at {@code at + 1} (the caller checked the first byte). */
    /** Whether {@code marker} stands at {@code at} (a test of one position, not a search). */
    static boolean startsAt(byte[] data, byte[] marker, int at) {
        return at >= 0 && at + marker.length <= data.length && data[at] == marker[0] && restMatches(data, marker, at);
    }

    private static boolean restMatches(byte[] data, byte[] marker, int at) {
        for (int k = 1; k < marker.length; k++) {
            if (data[at + k] != marker[k]) {
                return false;
            }
        }
        return true;
    }
}
