package cn.tongban.seal.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pdf.HostilePdfs;
import cn.tongban.fixtures.pdf.PdfSamples;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** Stamping and seal verification within a PDF's budgets: hostile structure is a clean refusal, never a crash. */
class PdfBudgetTest {

    private static final SealWorld EC = new SealWorld(KeyAlgorithm.EC_P256);
    private static final byte[] DOC = PdfSamples.document(2, "Tongban PDF budgets");
    private final PdfStamper stamper = new PdfStamper(Clock.systemUTC());

    @Test
    void aPageTreeThatLoopsIsRefusedForStampingNamingTheLoop() {
        byte[] looping = HostilePdfs.loopingPageTree(DOC);

        assertThatThrownBy(() -> stamper.stamp(looping, EC.seal, EC.signer, new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining(PdfBudget.RULE)
                .hasMessageContaining("page tree loops");
    }

    @Test
    void aDocumentWithMoreObjectsThanTheBudgetIsRefusedForStamping() {
        byte[] many = HostilePdfs.manyObjects(DOC, 2_000);

        assertThatThrownBy(() -> new PdfStamper(
                                Clock.systemUTC(),
                                new PdfLimits(32L << 20, 256L << 20, 1_000, 100, 100, 100, 16, 10_000))
                        .stamp(many, EC.seal, EC.signer, new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("over budget 1000 (max-objects)");
    }

    @Test
    void arraysNestedBeyondTheBudgetAreRefusedForStamping() {
        byte[] nested = HostilePdfs.deeplyNestedArray(DOC, 400);

        assertThatThrownBy(() -> stamper.stamp(nested, EC.seal, EC.signer, new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("(max-nesting)");
    }

    @Test
    void theSameDocumentWithinItsBudgetsIsStamped() {
        byte[] stamped = stamper.stamp(DOC, EC.seal, EC.signer, new StampPosition(1, 10, 10));

        assertThat(new PdfSealVerifier(EC.judge(), null).verify(stamped).indication())
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void aStampWhoseContentsNestBerTooDeepIsAFormatFailureNotAStackOverflow() {
        byte[] nested = HostilePdfs.signedWithContents(DOC, HostilePdfs.nestedBer(100_000));

        PdfSealReport report = new PdfSealVerifier(EC.judge(), null).verify(nested);

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.signatures().get(0).checks())
                .anyMatch(c -> c.rule().equals(PdfBudget.RULE)
                        && c.subIndication() == SubIndication.FORMAT_FAILURE
                        && c.detail().contains("(max-asn1-depth)"));
    }

    @Test
    void sealVerificationOfALoopingPageTreeIsAFormatFailureNamingTheBudget() {
        byte[] looping =
                HostilePdfs.loopingPageTree(stamper.stamp(DOC, EC.seal, EC.signer, new StampPosition(1, 10, 10)));

        PdfSealReport report = new PdfSealVerifier(EC.judge(), null).verify(looping);

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.checks())
                .anyMatch(c -> c.rule().equals(PdfBudget.RULE) && c.detail().contains("page tree loops"));
    }

    /** {@code pdf} saved again by PDFBox with object streams and a cross-reference stream (its default). */
    static byte[] compressed(byte[] pdf) throws java.io.IOException {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            var out = new java.io.ByteArrayOutputStream();
            doc.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.DEFAULT_COMPRESSION);
            return out.toByteArray();
        }
    }

    @Test
    void objectAndCrossReferenceStreamsAreDecodedThroughTheBudgetBeforePdfBoxHoldsThem() throws Exception {
        byte[] pdf = compressed(DOC);
        PdfLimits tiny = new PdfLimits(64, 256L << 20, 100_000, 100, 100, 100, 16, 10_000);

        assertThatThrownBy(() -> new PdfBudget(tiny).load(pdf, pdf.length))
                .isInstanceOf(PdfBudget.Exceeded.class)
                .hasMessageMatching("decompressed bytes of an? (object|cross-reference) stream.*over budget 64 for "
                        + "one stream \\(max-stream-bytes\\)");
    }

    @Test
    void aCompressedDocumentLoadsWithinTheDefaultBudgetsAndIsCounted() throws Exception {
        byte[] pdf = compressed(DOC);
        PdfBudget budget = new PdfBudget(PdfLimits.DEFAULT);
        try (var doc = budget.load(pdf, pdf.length)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            assertThat(doc.getPage(1).getMediaBox().getWidth()).isPositive();
            assertThat(budget.decodedBytes())
                    .as("object and cross-reference streams decoded while loading")
                    .isPositive();
            assertThat(budget.exceeded()).isEmpty();
        }
        byte[] stamped = stamper.stamp(pdf, EC.seal, EC.signer, new StampPosition(2, 10, 10));
        assertThat(new PdfSealVerifier(EC.judge(), null).verify(stamped).indication())
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void aVerificationWhoseThreadIsInterruptedStopsDecodingInsteadOfFinishing() throws Exception {
        byte[] pdf = compressed(DOC);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new PdfBudget(PdfLimits.DEFAULT).load(pdf, pdf.length))
                    .hasMessageContaining("interrupted");
        } finally {
            Thread.interrupted();
        }
    }
}
