package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.tongban.trust.verdict.Check;

/**
 * {@link PdfRevisions} on files written byte by byte, so each shape is exactly the one the clause describes:
 * linearized files (ISO 32000-1 Annex F), cross-reference streams and hybrid files (§7.5.8) are normal; updates
 * without their own section, a /Prev that skips a revision or names a section its revision does not reach, and
 * loops are refused.
 */
class PdfRevisionsTest {

    /** Writes a file and remembers offsets. */
    private static final class Raw {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        int at() {
            return out.size();
        }

        Raw w(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        int obj(int n, String body) {
            int at = at();
            w(n + " 0 obj\n" + body + "\nendobj\n");
            return at;
        }

        /** A classic section with one entry per offset, its trailer and startxref pointing at it. */
        int section(String trailerExtra, int startxref, int... objects) {
            int x = at();
            StringBuilder b = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
            for (int i = 0; i < objects.length; i++) {
                b.append(i + 1).append(" 1\n").append(String.format("%010d 00000 n \n", objects[i]));
            }
            w(b + "trailer\n<< /Size 9 /Root 1 0 R " + trailerExtra + ">>\nstartxref\n"
                    + (startxref < 0 ? x : startxref) + "\n%%EOF\n");
            return x;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static Raw original() {
        Raw r = new Raw().w("%PDF-1.7\n");
        int a = r.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
        r.section("", -1, a);
        return r;
    }

    private static int lastXref(byte[] pdf) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = s.lastIndexOf("startxref\n") + "startxref\n".length();
        return Integer.parseInt(s.substring(at, s.indexOf('\n', at)));
    }

    private static Check updates(PdfRevisions r) {
        return r.checks.stream()
                .filter(c -> c.rule().equals(PdfRevisions.RULE_UPDATES))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aFileWithTwoIncrementalUpdatesHasThreeRevisions() {
        Raw r = original();
        for (int i = 0; i < 2; i++) {
            int prev = lastXref(r.bytes());
            int o = r.obj(3 + i, "<< /N " + i + " >>");
            r.section("/Prev " + prev + " ", -1, o);
        }
        PdfRevisions revisions = PdfRevisions.scan(r.bytes());
        assertThat(updates(revisions).status()).as(updates(revisions).detail()).isEqualTo(Check.Status.PASSED);
        assertThat(revisions.ends).hasSize(3).last().isEqualTo((long) r.bytes().length);
    }

    @Test
    void aLinearizedFileIsOneRevisionAndAnUpdateOnItAnother() {
        // Annex F: linearization dictionary, first-page section whose /Prev points forward to the main section,
        // "startxref 0 %%EOF" after the first-page trailer, the main section at the end; startxref names the first.
        Raw r = new Raw().w("%PDF-1.7\n");
        r.obj(9, "<< /Linearized 1 /L 0 /H [0 0] /O 1 /E 0 /N 1 /T 0 >>");
        int firstPage = r.at();
        r.w("xref\n9 1\n0000000009 00000 n \ntrailer\n<< /Size 10 /Root 1 0 R /Prev MAIN >>\nstartxref\n0\n%%EOF\n");
        int a = r.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
        int main = r.at();
        r.w("xref\n0 2\n0000000000 65535 f \n" + String.format("%010d 00000 n \n", a) + "trailer\n<< /Size 2 >>\n"
                + "startxref\n" + firstPage + "\n%%EOF\n");
        byte[] linearized = new String(r.bytes(), StandardCharsets.ISO_8859_1)
                .replace("/Prev MAIN", String.format("/Prev %-4d", main))
                .getBytes(StandardCharsets.ISO_8859_1);
        PdfRevisions one = PdfRevisions.scan(linearized);
        assertThat(updates(one).status()).as(updates(one).detail()).isEqualTo(Check.Status.PASSED);
        assertThat(one.ends).containsExactly((long) linearized.length);

        for (int prev : List.of(firstPage, main)) { // signers name either section of the linearized revision
            Raw u = new Raw();
            u.out.writeBytes(linearized);
            int o = u.obj(3, "<< /Signed true >>");
            u.section("/Prev " + prev + " ", -1, o);
            PdfRevisions two = PdfRevisions.scan(u.bytes());
            assertThat(updates(two).status()).as(updates(two).detail()).isEqualTo(Check.Status.PASSED);
            assertThat(two.ends).containsExactly((long) linearized.length, (long) u.bytes().length);
        }
    }

    @Test
    void crossReferenceStreamsAndHybridFilesAreSections() {
        Raw r = original();
        int prev = lastXref(r.bytes());
        r.obj(3, "<< /Annot true >>");
        int stream = r.obj(4, "<< /Type /XRef /Size 5 /W [1 2 0] /Prev " + prev + " /Length 0 >>\nstream\n\nendstream");
        r.w("startxref\n" + stream + "\n%%EOF\n");
        int o = r.obj(5, "<< /Hybrid true >>");
        // §7.5.8.4: a hybrid trailer names an extra cross-reference stream with /XRefStm; it is not a revision.
        r.section("/XRefStm " + stream + " /Prev " + stream + " ", -1, o);
        PdfRevisions revisions = PdfRevisions.scan(r.bytes());
        assertThat(updates(revisions).status()).as(updates(revisions).detail()).isEqualTo(Check.Status.PASSED);
        assertThat(revisions.ends).hasSize(3);
    }

    @Test
    void anUpdateWhoseStartxrefNamesAnEarlierSectionIsBytesWithoutTheirOwnSection() {
        Raw r = original();
        int old = lastXref(r.bytes());
        r.obj(3, "<< /Type /Annot /Subtype /Text >>");
        r.w("startxref\n" + old + "\n%%EOF\n");
        Check c = updates(PdfRevisions.scan(r.bytes()));
        assertThat(c.status()).isEqualTo(Check.Status.FAILED);
        assertThat(c.detail()).contains("without their own cross-reference section");
    }

    @Test
    void aPrevThatSkipsARevisionIsRefused() {
        Raw r = original();
        int first = lastXref(r.bytes());
        int o = r.obj(3, "<< /N 1 >>");
        r.section("/Prev " + first + " ", -1, o);
        int p = r.obj(4, "<< /N 2 >>");
        r.section("/Prev " + first + " ", -1, p); // should be the second revision's section
        Check c = updates(PdfRevisions.scan(r.bytes()));
        assertThat(c.status()).isEqualTo(Check.Status.FAILED);
        assertThat(c.detail()).contains("does not lead to the revision before it");
    }

    @Test
    void aPrevNamingASectionHiddenInTheSignedRevisionIsRefused() {
        // The signed revision carries an "xref" table its own startxref never reaches (e.g. inside an attachment);
        // an update pointing /Prev at it would swap the older objects readers see.
        Raw r = new Raw().w("%PDF-1.7\n");
        int a = r.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
        int hidden = r.at();
        r.w("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 2 /Root 7 0 R >>\n");
        r.section("", -1, a);
        int o = r.obj(3, "<< /N 1 >>");
        r.section("/Prev " + hidden + " ", -1, o);
        Check c = updates(PdfRevisions.scan(r.bytes()));
        assertThat(c.status()).isEqualTo(Check.Status.FAILED);
    }

    @Test
    void aPrevLoopIsRefused() {
        Raw r = original();
        int o = r.obj(3, "<< /N 1 >>");
        int x = r.at();
        r.section("/Prev " + String.format("%-6d", 0) + " ", -1, o);
        byte[] looped = new String(r.bytes(), StandardCharsets.ISO_8859_1)
                .replace("/Prev 0     ", String.format("/Prev %-6d", x))
                .getBytes(StandardCharsets.ISO_8859_1);
        Check c = updates(PdfRevisions.scan(looped));
        assertThat(c.status()).isEqualTo(Check.Status.FAILED);
        assertThat(c.detail()).contains("loops");
    }

    @Test
    void theFastEofSearchFindsEveryMarkerThePlainSearchFinds() {
        java.util.Random random = new java.util.Random(20261208);
        byte[] alphabet = "%%EOF\r\n0F9E%\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] eof = "%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int round = 0; round < 5_000; round++) {
            byte[] data = new byte[random.nextInt(80)];
            for (int k = 0; k < data.length; k++) {
                data[k] =
                        random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            List<Integer> plain = new java.util.ArrayList<>();
            for (int at = PdfRevisions.indexOf(data, eof, 0); at >= 0; at = PdfRevisions.indexOf(data, eof, at + 5)) {
                plain.add(at);
            }
            assertThat(java.util.Arrays.stream(PdfRevisions.eofs(data)).boxed().toList())
                    .as(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .containsExactlyElementsOf(plain);
        }
    }

    @Test
    void theFastEofSearchFindsAMarkerAtEveryOffsetOfItsBlocks() {
        byte[] eof = "%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (byte fill : new byte[] {'%', 'x', 0}) {
            for (int length = 5; length <= 140; length++) {
                for (int at = 0; at + 5 <= length; at++) {
                    byte[] data = new byte[length];
                    java.util.Arrays.fill(data, fill);
                    System.arraycopy(eof, 0, data, at, 5);
                    List<Integer> plain = new java.util.ArrayList<>();
                    for (int i = PdfRevisions.indexOf(data, eof, 0);
                            i >= 0;
                            i = PdfRevisions.indexOf(data, eof, i + 5)) {
                        plain.add(i);
                    }
                    assertThat(plain).contains(at);
                    assertThat(java.util.Arrays.stream(PdfRevisions.eofs(data))
                                    .boxed()
                                    .toList())
                            .as("fill %d, length %d, marker at %d", fill, length, at)
                            .containsExactlyElementsOf(plain);
                }
            }
        }
    }
}
