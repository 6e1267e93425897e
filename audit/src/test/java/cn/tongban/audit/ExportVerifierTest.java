package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import cn.tongban.audit.AuditResult.Status;
import cn.tongban.audit.merkle.CompactRange;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/**
 * The pipelined {@link ExportVerifier} (read ahead in batches of 4,096 lines, parsed on several threads, a
 * streaming fast path with the tree parser as fallback) on 12,000 generated lines: findings across batch
 * boundaries, the 10,000-line look-ahead that tells reordered from removed, lines that are valid JSON but not in
 * the exporter's form, and read errors, all named as reading line by line names them.
 */
class ExportVerifierTest {

    private static final int SIZE = 12_000;
    private static final KeyPair KEY = LogFixture.platformKey();
    private static final List<String> LINES = new ArrayList<>();
    private static final List<SignedTreeHead> HEADS = new ArrayList<>();

    static {
        CompactRange tree = new CompactRange();
        TreeHeadSigner signer = new TreeHeadSigner(KEY.getPrivate());
        for (int i = 1; i <= SIZE; i++) {
            AccessEntry e = EntryRows.normalise(LogFixture.entry(i % 7, i)).withSequence(i);
            if (i % 10 == 0) {
                e = e.withActorDetail("DEPT-" + i, "operator-" + i); // codec version 2 lines too
            }
            byte[] leaf = EntryCodec.leafHash(e);
            tree.append(leaf);
            LINES.add(json(e, leaf));
            if (i == 5000 || i == SIZE) {
                HEADS.add(signer.sign(new TreeHead(i, tree.root(), LogFixture.CLOCK.instant())));
            }
        }
    }

    private static String json(AccessEntry e, byte[] leaf) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            EntryJson.write(g, e, leaf);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static ExportVerifier.Result verify(List<String> lines) throws IOException {
        return ExportVerifier.verify(
                new BufferedReader(new StringReader(String.join("\n", lines))), HEADS, KEY.getPublic());
    }

    private static List<String> lines() {
        return new ArrayList<>(LINES);
    }

    @Test
    void intactExportVerifies() throws IOException {
        ExportVerifier.Result r = verify(LINES);
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.entries()).isEqualTo(SIZE);
        assertThat(r.coveredSize()).isEqualTo(SIZE);
    }

    @Test
    void swapAcrossABatchBoundaryIsReordered() throws IOException {
        List<String> lines = lines();
        lines.set(4095, LINES.get(4096));
        lines.set(4096, LINES.get(4095));
        assertThat(verify(lines))
                .extracting(ExportVerifier.Result::status, ExportVerifier.Result::firstSequence)
                .containsExactly(Status.ENTRY_REORDERED, 4096L);
    }

    @Test
    void removedFirstLineOfABatchIsNamed() throws IOException {
        List<String> lines = lines();
        lines.remove(8192);
        ExportVerifier.Result r = verify(lines);
        assertThat(r)
                .extracting(ExportVerifier.Result::status, ExportVerifier.Result::firstSequence)
                .containsExactly(Status.ENTRY_REMOVED, 8193L);
        assertThat(r.message()).isEqualTo("entry 8193 is missing: the next line (8193) holds 8194");
    }

    @Test
    void alteredEntryIsNamedWithItsLine() throws IOException {
        List<String> lines = lines();
        lines.set(4096, LINES.get(4096).replace("\"actor\":\"system-", "\"actor\":\"mallory-"));
        ExportVerifier.Result r = verify(lines);
        assertThat(r)
                .extracting(ExportVerifier.Result::status, ExportVerifier.Result::firstSequence)
                .containsExactly(Status.ENTRY_ALTERED, 4097L);
        assertThat(r.message()).isEqualTo("entry 4097 does not hash to its leaf hash: it was altered");
    }

    @Test
    void entryMovedWithinTheLookAheadIsReorderedBeyondItRemoved() throws IOException {
        List<String> near = lines();
        near.add(9000, near.remove(99));
        assertThat(verify(near))
                .extracting(ExportVerifier.Result::status, ExportVerifier.Result::firstSequence)
                .containsExactly(Status.ENTRY_REORDERED, 100L);
        List<String> far = lines();
        far.add(far.remove(99)); // 11,899 lines later: past the 10,000-line look-ahead
        assertThat(verify(far))
                .extracting(ExportVerifier.Result::status, ExportVerifier.Result::firstSequence)
                .containsExactly(Status.ENTRY_REMOVED, 100L);
    }

    @Test
    void validJsonNotInTheExportersFormTakesTheTreePathAndVerifies() throws IOException {
        List<String> lines = lines();
        // keys in another order, spaces, an unknown field: the fast path declines, the tree path accepts
        String l = LINES.get(6000);
        lines.set(6000, "{ \"extra\" : [1, {\"x\": null}], " + l.substring(1).replace(",", " , "));
        lines.add(3000, "   "); // blank lines are skipped
        ExportVerifier.Result r = verify(lines);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    @Test
    void textualSequenceIsMalformedGarbledLineIsNotJson() throws IOException {
        List<String> lines = lines();
        lines.set(4999, LINES.get(4999).replace("\"sequence\":5000", "\"sequence\":\"5000\""));
        ExportVerifier.Result r = verify(lines);
        assertThat(r)
                .extracting(ExportVerifier.Result::status, ExportVerifier.Result::firstSequence)
                .containsExactly(Status.ENTRY_ALTERED, 5000L);
        assertThat(r.message()).startsWith("entry 5000 is malformed (line 5000): an entry has a numeric sequence");
        lines = lines();
        lines.set(7000, "{\"sequence\":7001,");
        assertThat(verify(lines).message()).isEqualTo("line 7001, where entry 7001 should be, is not JSON");
    }

    @Test
    void readErrorReachesTheCallerUnlessAFindingComesFirst() {
        String text = String.join("\n", LINES);
        int cut = text.length() / 2;
        Reader failing = new Reader() {
            private final StringReader in = new StringReader(text.substring(0, cut));

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n < 0) {
                    throw new IOException("disk gone");
                }
                return n;
            }

            @Override
            public void close() {}
        };
        assertThatThrownBy(() -> ExportVerifier.verify(new BufferedReader(failing), HEADS, KEY.getPublic()))
                .isInstanceOf(IOException.class)
                .hasMessage("disk gone");
    }

    @Test
    void findingBeforeAReadErrorIsReported() throws IOException {
        List<String> lines = lines();
        lines.set(10, LINES.get(10).replace("\"node\":\"node-", "\"node\":\"edon-"));
        String text = String.join("\n", lines);
        Reader failing = new Reader() {
            private final StringReader in = new StringReader(text.substring(0, text.length() / 2));

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n < 0) {
                    throw new IOException("disk gone");
                }
                return n;
            }

            @Override
            public void close() {}
        };
        assertThat(ExportVerifier.verify(new BufferedReader(failing), HEADS, KEY.getPublic()))
                .extracting(ExportVerifier.Result::status, ExportVerifier.Result::firstSequence)
                .containsExactly(Status.ENTRY_ALTERED, 11L);
    }
}
