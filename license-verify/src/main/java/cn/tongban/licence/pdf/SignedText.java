package cn.tongban.licence.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Where the signed revision shows text, page by page (glyph boxes in default user space, ISO 32000-1 §8.3.2.3),
 * so that a comment a /P 3 certification permits can still be refused when it is placed over signed text — the
 * shadow "hide" attack of Mainka et al. 2021 §4.1 made with an annotation. Read lazily, only for pages that get a
 * comment; a page whose text cannot be read counts as covered everywhere.
 */
final class SignedText {

    private final PDDocument signed;
    private final Map<Integer, List<PDRectangle>> boxes = new HashMap<>();

    SignedText(PDDocument signed) {
        this.signed = signed;
    }

    /** Whether the annotation's /Rect meets any glyph of the signed page {@code page} (0-based). */
    boolean covered(COSDictionary annotation, int page) {
        if (!(annotation.getDictionaryObject(COSName.RECT) instanceof COSArray a) || a.size() != 4) {
            return true;
        }
        PDRectangle r = new PDRectangle(a);
        List<PDRectangle> glyphs = boxes.computeIfAbsent(page, this::read);
        if (glyphs == null) {
            return true;
        }
        for (PDRectangle g : glyphs) {
            if (r.getLowerLeftX() < g.getUpperRightX()
                    && g.getLowerLeftX() < r.getUpperRightX()
                    && r.getLowerLeftY() < g.getUpperRightY()
                    && g.getLowerLeftY() < r.getUpperRightY()) {
                return true;
            }
        }
        return false;
    }

    private List<PDRectangle> read(int page) {
        if (page < 0 || page >= signed.getNumberOfPages()) {
            return null;
        }
        List<PDRectangle> out = new ArrayList<>();
        float height = signed.getPage(page).getMediaBox().getHeight();
        float bottom = signed.getPage(page).getMediaBox().getLowerLeftY();
        try {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    for (TextPosition p : positions) {
                        float baseline = bottom + height - p.getYDirAdj();
                        out.add(new PDRectangle(
                                p.getXDirAdj(),
                                baseline - p.getHeightDir() * 0.3f,
                                Math.max(p.getWidthDirAdj(), 1f),
                                p.getHeightDir() * 1.3f));
                    }
                }
            };
            stripper.setStartPage(page + 1);
            stripper.setEndPage(page + 1);
            stripper.getText(signed);
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
