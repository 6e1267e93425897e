package cn.tongban.seal.pdf;

import java.io.IOException;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdfparser.PDFParser;

/**
 * PDFBox's parser within a {@link PdfBudget}: arrays and dictionaries nest at most {@code maxNesting} deep; an
 * object stream or cross-reference stream (which PDFBox decodes whole, in memory, as soon as it needs one) is first
 * decoded through the budget, counting and discarding, so one that inflates beyond it is refused before PDFBox
 * holds it; a cross-reference stream may not declare more than {@code maxObjects} objects. Subclassed by
 * license-verify for its hex-string shortcut.
 */
public class BudgetedPdfParser extends PDFParser {

    private final PdfBudget budget;
    private int nesting;

    public BudgetedPdfParser(RandomAccessRead source, PdfBudget budget) throws IOException {
        super(source, "", null, null, budget.streamCache());
        this.budget = budget;
    }

    @Override
    protected COSArray parseCOSArray() throws IOException {
        enter();
        try {
            return super.parseCOSArray();
        } finally {
            nesting--;
        }
    }

    @Override
    protected COSDictionary parseCOSDictionary(boolean isDirect) throws IOException {
        enter();
        try {
            return super.parseCOSDictionary(isDirect);
        } finally {
            nesting--;
        }
    }

    private void enter() throws PdfBudget.Exceeded {
        if (++nesting > budget.limits().maxNesting()) {
            throw budget.exceed("arrays and dictionaries nested more than "
                    + budget.limits().maxNesting() + " deep (max-nesting)");
        }
    }

    @Override
    protected COSStream parseCOSStream(COSDictionary dic) throws IOException {
        COSStream stream = super.parseCOSStream(dic);
        COSName type = dic.getCOSName(COSName.TYPE);
        boolean xref = COSName.XREF.equals(type);
        if (xref) {
            long declared = declaredObjects(dic);
            if (declared > budget.limits().maxObjects()) {
                throw budget.exceed("a cross-reference stream declares " + declared + " objects, over budget "
                        + budget.limits().maxObjects() + " (max-objects)");
            }
        }
        if (xref || COSName.OBJ_STM.equals(type)) {
            long at = source.getPosition(); // the stream's data is read through the parser's own source
            try {
                budget.read(stream, 0, xref ? "a cross-reference stream" : "an object stream");
            } catch (PdfBudget.Exceeded e) {
                throw e;
            } catch (IOException e) {
                // not decodable: PDFBox meets the same error and handles it as it does without a budget
            } finally {
                source.seek(at);
            }
        }
        return stream;
    }

    /** /Size, or the sum of the counts in /Index (ISO 32000-1 §7.5.8.2 Table 17). */
    private static long declaredObjects(COSDictionary dic) {
        long size = dic.getLong(COSName.SIZE, 0);
        if (dic.getDictionaryObject(COSName.INDEX) instanceof COSArray index) {
            long sum = 0;
            for (int i = 1; i < index.size(); i += 2) {
                COSBase n = index.getObject(i);
                sum += n instanceof COSNumber number ? Math.max(0, number.longValue()) : 0;
            }
            return Math.max(size, sum);
        }
        return size;
    }
}
