package cn.tongban.licence.pdf;

import java.io.IOException;

import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;

import cn.tongban.seal.pdf.BudgetedPdfParser;
import cn.tongban.seal.pdf.PdfBudget;

/**
 * Loads a PDF (or one of its revisions, a prefix of the file) with PDFBox's own parser, with one shortcut: a hex
 * string (ISO 32000-1 §7.3.4.3) made only of an even number of hex digits is decoded straight from the file's
 * bytes instead of PDFBox's character-at-a-time loop. Every other string, and every hex string with white space,
 * an odd digit count or anything else in it, goes to PDFBox unchanged, so the documents are the ones PDFBox reads.
 * The shortcut matters for signed PDFs: each signature's {@code /Contents} is a hex string of tens of kilobytes,
 * and PDFBox's loop over it was about 40% of a whole licence verification (JFR, {@code LicenceVerifyBench}).
 * Everything else is seal-service's {@link BudgetedPdfParser}: the document is read within its {@link PdfBudget}
 * and its structure checked before it is returned.
 */
final class PdfLoading {

    /** The value of each byte as a hexadecimal digit, -1 where it is none. */
    static final byte[] HEX = new byte[256];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
            HEX[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    private PdfLoading() {}

    /**
     * The first {@code length} bytes of {@code pdf} as a document within {@code budget}; the caller closes it.
     *
     * @throws PdfBudget.Exceeded when a budget is exceeded
     */
    static PDDocument load(byte[] pdf, int length, PdfBudget budget) throws IOException {
        RandomAccessReadBuffer source =
                new RandomAccessReadBuffer(length == pdf.length ? pdf : java.util.Arrays.copyOf(pdf, length));
        PDDocument doc;
        try {
            doc = new Parser(source, pdf, length, budget).parse();
        } catch (IOException | RuntimeException e) {
            source.close();
            if (budget.exceeded().isPresent()) {
                throw budget.exceed(budget.exceeded().get());
            }
            throw e;
        }
        return budget.checked(doc);
    }

    /** Hex digits of {@code pdf[from, to)}, an even number of them, as bytes. */
    static byte[] decodeHex(byte[] pdf, int from, int to) {
        byte[] out = new byte[(to - from) / 2];
        for (int i = 0, j = from; i < out.length; i++, j += 2) {
            out[i] = (byte) ((HEX[pdf[j] & 0xff] << 4) | HEX[pdf[j + 1] & 0xff]);
        }
        return out;
    }

    private static final class Parser extends BudgetedPdfParser {

        private final byte[] pdf;
        private final int length;

        Parser(RandomAccessReadBuffer source, byte[] pdf, int length, PdfBudget budget) throws IOException {
            super(source, budget);
            this.pdf = pdf;
            this.length = length;
        }

        @Override
        protected COSString parseCOSString() throws IOException {
            long at = source.getPosition();
            if (at >= 0 && at + 1 < length && pdf[(int) at] == '<' && pdf[(int) at + 1] != '<') {
                int i = (int) at + 1;
                while (i < length && HEX[pdf[i] & 0xff] >= 0) {
                    i++;
                }
                int digits = i - (int) at - 1;
                if (i < length && pdf[i] == '>' && digits % 2 == 0) {
                    byte[] bytes = decodeHex(pdf, (int) at + 1, i);
                    source.seek(i + 1L);
                    return new COSString(bytes, true);
                }
            }
            return super.parseCOSString();
        }
    }
}
