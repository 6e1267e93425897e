package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.fixtures.pdf.PdfAttacks;
import cn.tongban.trust.verdict.Check;

/**
 * The changes after signing that ISO 32000-1 §12.8.2.2 (DocMDP), §12.8.2.4 (FieldMDP) and signing products' practice
 * allow, each beside the nearest change that stays refused. {@link PdfChanges} compares the revision as signed with
 * the document after one incremental update; signatures themselves are {@link PdfLicenceVerifierTest}'s and the
 * control corpus's business.
 */
class PdfAllowedChangesTest {

    private static final byte[] FORM = withEmptySignatureField(
            LicencePdfs.unsigned(LicencePdfs.Content.standard().withFormField()));

    private static List<Check> compare(byte[] signed, byte[] last, int docMdp) {
        try (PDDocument before = Loader.loadPDF(signed);
                PDDocument after = Loader.loadPDF(last)) {
            return PdfChanges.compare(before, after, new PdfChanges.Permissions(docMdp, f -> false), "first");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Check rule(List<Check> checks, String rule) {
        return checks.stream()
                .filter(c -> c.rule().equals(rule))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + checks));
    }

    private static void assertAllowed(List<Check> checks, String detail) {
        Check c = rule(checks, PdfChanges.RULE_MODIFICATIONS);
        assertThat(c.status()).as(checks.toString()).isEqualTo(Check.Status.PASSED);
        assertThat(c.detail()).contains(detail);
    }

    private static void assertRefused(List<Check> checks, String rule, String detail) {
        Check c = rule(checks, rule);
        assertThat(c.status()).as(checks.toString()).isEqualTo(Check.Status.FAILED);
        assertThat(c.detail()).contains(detail);
    }

    /** One object of the document replaced by a changed shallow copy, as an incremental update. */
    private static byte[] change(
            byte[] pdf,
            java.util.function.Function<PDDocument, COSDictionary> find,
            java.util.function.Consumer<COSDictionary> edit) {
        return PdfAttacks.edit(pdf, (doc, update) -> {
            COSDictionary target = find.apply(doc);
            COSDictionary copy = PdfAttacks.copy(target);
            edit.accept(copy);
            update.put(PdfAttacks.key(target), copy);
        });
    }

    private static COSDictionary field(PDDocument doc, String name) {
        return doc.getDocumentCatalog().getAcroForm().getField(name).getCOSObject();
    }

    // ------------------------------------------------------------- a later signature's own field and widget

    @Test
    void signingAnEmptySignatureFieldSetsItsValueAndItsWidgetsAppearance() {
        byte[] signed = change(FORM, d -> field(d, "approval"), f -> {
            f.setItem(COSName.V, PdfAttacks.reference(1));
            f.setItem(COSName.AP, new COSDictionary());
        });
        assertAllowed(compare(FORM, signed, 2), "further signature");
    }

    @Test
    void signingAnEmptySignatureFieldThatAlsoMovesItIsRefused() {
        byte[] moved = change(FORM, d -> field(d, "approval"), f -> {
            f.setItem(COSName.V, PdfAttacks.reference(1));
            f.setItem(COSName.RECT, new PDRectangle(0, 0, 600, 800).getCOSArray());
        });
        assertRefused(compare(FORM, moved, 2), PdfChanges.RULE_MODIFICATIONS, "signature field 'approval'");
    }

    // ------------------------------------------------------------- form fill

    @Test
    void aFillThatSetsTheFieldsDefaultAppearanceIsAFormFill() {
        byte[] filled = change(FORM, d -> field(d, LicencePdfs.FORM_FIELD), f -> {
            f.setString(COSName.V, "checked");
            f.setString(COSName.DA, "/Helv 8 Tf 0 0 1 rg");
        });
        assertAllowed(compare(FORM, filled, 2), "form fill of 'remark'");
    }

    @Test
    void aFillThatSetsTheDefaultAppearanceUnderACertificationForbiddingChangesIsADocMdpViolation() {
        byte[] filled = change(
                FORM, d -> field(d, LicencePdfs.FORM_FIELD), f -> f.setString(COSName.DA, "/Helv 8 Tf 0 0 1 rg"));
        assertRefused(compare(FORM, filled, 1), PdfChanges.RULE_DOCMDP, "permits no changes");
    }

    @Test
    void aFillThatChangesTheFieldsFlagsIsRefused() {
        byte[] flagged = change(FORM, d -> field(d, LicencePdfs.FORM_FIELD), f -> f.setInt(COSName.FF, 1));
        assertRefused(compare(FORM, flagged, 2), PdfChanges.RULE_MODIFICATIONS, "/Ff");
    }

    // ------------------------------------------------------------- comments under /P 3

    private static byte[] annotate(byte[] pdf, String subtype) {
        return annotate(pdf, subtype, new PDRectangle(520, 780, 20, 20));
    }

    private static byte[] annotate(byte[] pdf, String subtype, PDRectangle rect) {
        return PdfAttacks.edit(pdf, (doc, update) -> {
            long next = doc.getDocument().getTrailer().getLong(COSName.SIZE);
            COSDictionary annot = new COSDictionary();
            annot.setItem(COSName.TYPE, COSName.ANNOT);
            annot.setItem(COSName.SUBTYPE, COSName.getPDFName(subtype));
            annot.setItem(COSName.RECT, rect.getCOSArray());
            annot.setString(COSName.CONTENTS, "seen at the counter");
            COSDictionary page = PdfAttacks.copy(doc.getPage(0).getCOSObject());
            COSArray annots = new COSArray();
            COSArray old = doc.getPage(0).getCOSObject().getCOSArray(COSName.ANNOTS);
            for (int i = 0; old != null && i < old.size(); i++) {
                annots.add(old.get(i));
            }
            annots.add(PdfAttacks.reference(next));
            page.setItem(COSName.ANNOTS, annots);
            update.put(next, annot).put(PdfAttacks.key(doc.getPage(0).getCOSObject()), page);
        });
    }

    @Test
    void aCommentUnderACertificationPermittingAnnotationsPassesWithAWarning() {
        List<Check> checks = compare(FORM, annotate(FORM, "Text"), 3);
        assertThat(rule(checks, PdfChanges.RULE_MODIFICATIONS).status()).isEqualTo(Check.Status.PASSED);
        assertThat(rule(checks, PdfChanges.RULE_ANNOTATIONS).status()).isEqualTo(Check.Status.WARNING);
        assertThat(rule(checks, PdfChanges.RULE_ANNOTATIONS).detail()).contains("/Text comment added");
    }

    @Test
    void aCommentUnderACertificationPermittingOnlyFormFillIsAShadowHide() {
        assertRefused(compare(FORM, annotate(FORM, "Text"), 2), PdfChanges.RULE_HIDE, "/Text annotation");
    }

    @Test
    void aCommentOverSignedTextIsAShadowHideEvenWhenACertificationPermitsComments() {
        // the opaque square of the annotation shadow attack, over the holder line (72, 730)
        assertRefused(
                compare(FORM, annotate(FORM, "Square", new PDRectangle(60, 700, 400, 100)), 3),
                PdfChanges.RULE_HIDE,
                "over signed text");
    }

    @Test
    void aLinkUnderACertificationPermittingAnnotationsIsStillAShadowHide() {
        assertRefused(compare(FORM, annotate(FORM, "Link"), 3), PdfChanges.RULE_HIDE, "/Link annotation");
    }

    // ------------------------------------------------------------- catalogue and page entries

    @Test
    void anOutputIntentAddedWithAVisibleSignatureIsAllowedButNotAReplacedOne() {
        COSArray intents = new COSArray();
        intents.add(new COSDictionary());
        byte[] added = change(
                FORM, d -> d.getDocumentCatalog().getCOSObject(), c -> c.setItem(COSName.OUTPUT_INTENTS, intents));
        assertAllowed(compare(FORM, added, 2), "output intent added");
        COSArray other = new COSArray();
        other.add(COSName.getPDFName("Other"));
        byte[] replaced = change(
                added, d -> d.getDocumentCatalog().getCOSObject(), c -> c.setItem(COSName.OUTPUT_INTENTS, other));
        assertRefused(compare(added, replaced, 2), PdfChanges.RULE_MODIFICATIONS, "/OutputIntents");
    }

    @Test
    void aMediaBoxRewrittenWithTheSameNumbersIsNoChangeButAnotherMediaBoxIsRefused() {
        COSArray integers = new COSArray();
        COSArray reals = new COSArray();
        for (int v : new int[] {0, 0, 595, 842}) {
            integers.add(COSInteger.get(v));
            reals.add(new COSFloat(v));
        }
        byte[] base = change(FORM, d -> d.getPage(0).getCOSObject(), p -> p.setItem(COSName.MEDIA_BOX, integers));
        byte[] same = change(base, d -> d.getPage(0).getCOSObject(), p -> p.setItem(COSName.MEDIA_BOX, reals));
        assertAllowed(compare(base, same, 2), "same numbers");
        byte[] larger = change(
                base,
                d -> d.getPage(0).getCOSObject(),
                p -> p.setItem(COSName.MEDIA_BOX, new PDRectangle(0, -400, 595, 1242).getCOSArray()));
        assertRefused(compare(base, larger, 2), PdfChanges.RULE_MODIFICATIONS, "/MediaBox");
    }

    /** The licence with its form field and an empty signature field "approval" (ISO 32000-1 §12.7.4.5). */
    private static byte[] withEmptySignatureField(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            PDSignatureField field = new PDSignatureField(form);
            field.setPartialName("approval");
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(320, 60, 200, 40));
            widget.setPage(doc.getPage(0));
            doc.getPage(0).getAnnotations().add(widget);
            form.getFields().add(field);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
