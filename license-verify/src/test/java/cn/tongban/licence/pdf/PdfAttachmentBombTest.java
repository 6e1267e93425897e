package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pdf.HostilePdfs;
import cn.tongban.licence.report.VerificationReport;

/**
 * The attachment bomb in a JVM of 256 MiB heap (surefire execution {@code memory-budget} of this module, tag
 * {@code memory}): a genuinely signed licence whose {@code licence.json} is replaced after signing by a few
 * megabytes of Flate that inflate to 4 GiB of zeros. One verification used to take 2.5 GB of heap; within the
 * budget it is a FORMAT_FAILURE naming the budget, and the heap it needs is the budget, not the inflated size.
 */
@Tag("memory")
class PdfAttachmentBombTest {

    static final long FOUR_GIB = 4L << 30;

    @Test
    void aFourGibibyteAttachmentBombIsAFormatFailureInA256MebibyteHeap() {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run by the memory-budget execution, -Xmx256m")
                .isLessThanOrEqualTo(256L << 20);
        byte[] bomb = HostilePdfs.attachmentBomb(PdfBudgetsTest.SIGNED, FOUR_GIB);
        assertThat(bomb.length).as("a few megabytes on the wire").isBetween(1 << 20, 8 << 20);

        VerificationReport r = PdfBudgetsTest.verify(bomb);

        PdfBudgetsTest.assertOverBudget(r, "decompressed bytes of the embedded file licence.json");
    }

    @Test
    void fourBombsOneAfterAnotherLeaveTheHeapAsItWas() {
        byte[] bomb = HostilePdfs.attachmentBomb(PdfBudgetsTest.SIGNED, FOUR_GIB);
        for (int i = 0; i < 4; i++) {
            PdfBudgetsTest.assertOverBudget(PdfBudgetsTest.verify(bomb), "(max-stream-bytes)");
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(128L << 20);
    }
}
