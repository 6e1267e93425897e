package cn.tongban.licence.pdf;

import cn.tongban.licence.report.Check;
import cn.tongban.licence.report.SubIndication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The revisions of a PDF found from its bytes alone (ISO 32000-1 §7.5.5 file trailer, §7.5.6 incremental updates):
 * starting from the last {@code startxref}, each cross-reference section's {@code /Prev} leads to the previous
 * one; a revision ends after the first {@code %%EOF} (and its end-of-line) that follows its cross-reference
 * section. Anything else — bytes after the last {@code %%EOF}, a {@code %%EOF} not preceded by the
 * {@code startxref} of its section, a section outside its own update — is reported, never repaired.
 */
final class PdfRevisions {

    static final String CLAUSE_TRAILER = "ISO 32000-1 §7.5.5 (file trailer), §7.5.6 (incremental updates)";
    static final String RULE_TRAILING = "PDF_TRAILING_BYTES";
    static final String RULE_UPDATES = "PDF_INCREMENTAL_UPDATE";
    private static final byte[] EOF = {'%', '%', 'E', 'O', 'F'};
    private static final byte[] STARTXREF = "startxref".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
            checks.add(Check.failed(RULE_TRAILING, SubIndication.FORMAT_FAILURE, CLAUSE_TRAILER,
                    "no %%EOF marker: not a complete PDF file"));
            return new PdfRevisions(List.of(), checks);
        }
        long fileEnd = afterEol(pdf, lastEof + EOF.length);
        if (fileEnd != pdf.length) {
            // ISO 32000-1 §7.5.5: the last line of the file contains only %%EOF; §7.5.6: updates are appended
            // as body + cross-reference section + trailer. Loose bytes are neither and are never signed.
            checks.add(Check.failed(RULE_TRAILING, SubIndication.FORMAT_FAILURE, CLAUSE_TRAILER,
                    (pdf.length - fileEnd) + " byte(s) after the last %%EOF that are not an incremental update"));
        } else {
            checks.add(Check.passed(RULE_TRAILING, CLAUSE_TRAILER, "the file ends with %%EOF"));
        }
        List<Long> ends = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long xref = startXrefBefore(pdf, lastEof);
        long expectedEnd = fileEnd;
        long limit = pdf.length;
        while (xref >= 0 && ends.size() < MAX_REVISIONS) {
            if (xref >= limit || !sectionAt(pdf, (int) xref)) {
                problems.add("startxref " + xref + " does not point at a cross-reference section inside its update");
                break;
            }
            int eof = indexOf(pdf, EOF, (int) xref);
            long end = eof < 0 ? -1 : afterEol(pdf, eof + EOF.length);
            if (end != expectedEnd) {
                problems.add("the update whose cross-reference section is at " + xref + " does not end at the %%EOF "
                        + "at " + expectedEnd + " (bytes appended without their own cross-reference section)");
                break;
            }
            if (startXrefBefore(pdf, eof) != xref) {
                problems.add("the %%EOF at " + eof + " is not preceded by startxref " + xref);
                break;
            }
            ends.add(end);
            long prev = prev(pdf, (int) xref, eof);
            if (prev < 0) {
                break;
            }
            if (prev >= xref) {
                problems.add("/Prev " + prev + " does not point backwards from " + xref);
                break;
            }
            // The previous revision ends before this update's cross-reference section (§7.5.6).
            int prevEof = lastIndexOf(pdf, EOF, (int) xref - EOF.length);
            if (prevEof < 0) {
                problems.add("no %%EOF before the update at " + xref);
                break;
            }
            expectedEnd = afterEol(pdf, prevEof + EOF.length);
            limit = expectedEnd;
            xref = prev;
        }
        Collections.reverse(ends);
        if (problems.isEmpty() && ends.isEmpty()) {
            problems.add("no startxref before the last %%EOF");
        }
        if (problems.isEmpty()) {
            checks.add(Check.passed(RULE_UPDATES, CLAUSE_TRAILER, ends.size() + " revision(s), each a body, "
                    + "cross-reference section and trailer chained by /Prev"));
        } else {
            checks.add(Check.failed(RULE_UPDATES, SubIndication.FORMAT_FAILURE, CLAUSE_TRAILER,
                    String.join("; ", problems)));
        }
        return new PdfRevisions(List.copyOf(ends), checks);
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

    /** The /Prev of the trailer or xref stream dictionary between {@code from} and {@code to}; -1 when none. */
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
        return Long.parseLong(new String(pdf, start, digits(pdf, start) - start,
                java.nio.charset.StandardCharsets.US_ASCII));
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
    private static boolean restMatches(byte[] data, byte[] marker, int at) {
        for (int k = 1; k < marker.length; k++) {
            if (data[at + k] != marker[k]) {
                return false;
            }
        }
        return true;
    }
}
