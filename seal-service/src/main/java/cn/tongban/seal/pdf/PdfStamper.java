package cn.tongban.seal.pdf;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.stamp.SealPreconditions;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;

/**
 * Puts an electronic seal on a PDF: the seal picture (SES_ESPictureInfo, at its size in millimetres) is the
 * visible appearance of a signature widget at the given page and position, and the signature is a PAdES
 * baseline B-B signature (ETSI EN 319 142-1: SubFilter ETSI.CAdES.detached, signing-certificate-v2, no CMS
 * signing-time — the time is the dictionary's /M) by the signer's key in custody, carrying the seal in a signed
 * attribute ({@link SealAttribute}). Each stamp is an incremental update, so earlier stamps stay valid.
 * PNG, JPG, GIF and BMP pictures are drawn; SVG cannot be drawn by PDFBox and is refused. Page rotation is not
 * compensated [open]. Thread-safe.
 */
public final class PdfStamper {

    private static final float POINTS_PER_MM = 72f / 25.4f;
    /** Room for the CMS: certificates, the seal with its picture, the signature (hex doubles it in the file). */
    private static final int BASE_SIGNATURE_SIZE = 16_384;

    private final Clock clock;
    private final boolean checkSeal;
    private final PdfLimits limits;

    public PdfStamper(Clock clock) {
        this(clock, PdfLimits.DEFAULT);
    }

    /** @param limits the budgets of the document to stamp (a document over one is refused) */
    public PdfStamper(Clock clock, PdfLimits limits) {
        this(clock, true, limits);
    }

    /** @param checkSeal false only to make deliberately bad documents in tests */
    PdfStamper(Clock clock, boolean checkSeal) {
        this(clock, checkSeal, PdfLimits.DEFAULT);
    }

    private PdfStamper(Clock clock, boolean checkSeal, PdfLimits limits) {
        this.clock = Objects.requireNonNull(clock);
        this.checkSeal = checkSeal;
        this.limits = Objects.requireNonNull(limits);
    }

    /**
     * The PDF with one more stamp.
     *
     * @throws StampException when the document, the page, the picture or the seal do not allow a valid stamp
     */
    public byte[] stamp(byte[] pdf, byte[] sealDer, SigningKey signer, StampPosition position) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (checkSeal) {
            return stamp(pdf, SealPreconditions.evaluate(sealDer, signer, at).checked(), position);
        }
        return stamp(
                pdf,
                sealDer,
                cn.tongban.seal.codec.SealDecoder.decodeSeal(sealDer).orElseThrow(),
                signer,
                position,
                at);
    }

    /**
     * The PDF with one more stamp of a seal and signer already checked ({@link SealPreconditions}), signed at the
     * time they were checked at.
     *
     * @throws StampException when the document, the page or the picture do not allow a valid stamp
     */
    public byte[] stamp(byte[] pdf, SealPreconditions.Checked checked, StampPosition position) {
        return stamp(pdf, checked.sealDer(), checked.seal(), checked.signer(), position, checked.at());
    }

    private byte[] stamp(
            byte[] pdf, byte[] sealDer, SesSeal seal, SigningKey signer, StampPosition position, Instant at) {
        try (PDDocument doc = load(pdf, limits)) {
            if (position.page() > doc.getNumberOfPages()) {
                throw new StampException("page " + position.page() + " does not exist: the document has "
                        + doc.getNumberOfPages() + " page(s)");
            }
            PDPage page = doc.getPage(position.page() - 1);
            PDRectangle box = page.getMediaBox();
            float w = seal.picture().widthMm() * POINTS_PER_MM;
            float h = seal.picture().heightMm() * POINTS_PER_MM;
            float x = box.getLowerLeftX() + (float) position.xMm() * POINTS_PER_MM;
            float y = box.getUpperRightY() - (float) position.yMm() * POINTS_PER_MM - h;
            if (x + w > box.getUpperRightX() + 0.5f || y < box.getLowerLeftY() - 0.5f) {
                throw new StampException(String.format(
                        Locale.ROOT,
                        "the %d x %d mm seal at (%.1f, %.1f) mm does " + "not fit on page %d (%.1f x %.1f mm)",
                        seal.picture().widthMm(),
                        seal.picture().heightMm(),
                        position.xMm(),
                        position.yMm(),
                        position.page(),
                        box.getWidth() / POINTS_PER_MM,
                        box.getHeight() / POINTS_PER_MM));
            }
            PDRectangle rect = new PDRectangle(x, y, w, h);

            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(signer.certificate().getSubjectX500Principal().getName());
            signature.setReason("GB/T 38540 electronic seal " + seal.esId());
            Calendar when = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
            when.setTimeInMillis(at.toEpochMilli());
            signature.setSignDate(when);

            byte[] cmsSizeHint = sealDer;
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(BASE_SIGNATURE_SIZE + cmsSizeHint.length);
                options.setPage(position.page() - 1);
                options.setVisualSignature(new ByteArrayInputStream(appearance(box, rect, seal)));
                doc.addSignature(signature, new CadesSigner(signer, sealDer), options);
                ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 64_000);
                doc.saveIncremental(out);
                return out.toByteArray();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StampException s) {
                throw s;
            }
            // PDFBox walks the page tree by its /Count entries; an inconsistent tree is an exception, not a stamp
            throw new StampException("cannot stamp the PDF: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** The document within its budgets (PdfBudget: streams, objects, a page tree without loops). */
    private static PDDocument load(byte[] pdf, PdfLimits limits) {
        try {
            PDDocument doc = new PdfBudget(limits).load(pdf, pdf.length);
            if (doc.isEncrypted()) {
                doc.close();
                throw new StampException("encrypted PDFs are not stamped");
            }
            return doc;
        } catch (PdfBudget.Exceeded e) {
            throw new StampException(PdfBudget.RULE, "the PDF is over a budget: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof StampException s) {
                throw s;
            }
            throw new StampException("not a readable PDF: " + e.getMessage());
        }
    }

    /**
     * A one-page template holding only the signature field whose widget shows the seal picture scaled to the
     * widget (PDFBox's visual-signature template mechanism, as in its CreateVisibleSignature2 example).
     */
    private static byte[] appearance(PDRectangle mediaBox, PDRectangle rect, SesSeal seal) throws IOException {
        try (PDDocument template = new PDDocument()) {
            PDPage page = new PDPage(mediaBox);
            template.addPage(page);
            PDAcroForm form = new PDAcroForm(template);
            template.getDocumentCatalog().setAcroForm(form);
            PDSignatureField field = new PDSignatureField(form);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            form.getCOSObject().setDirect(true);
            form.getFields().add(field);
            widget.setRectangle(rect);
            widget.setPrinted(true);
            page.getAnnotations().add(widget);

            PDFormXObject xobject = new PDFormXObject(new PDStream(template));
            xobject.setResources(new PDResources());
            xobject.setFormType(1);
            xobject.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.getCOSObject().setDirect(true);
            PDAppearanceStream stream = new PDAppearanceStream(xobject.getCOSObject());
            appearance.setNormalAppearance(stream);
            widget.setAppearance(appearance);
            try (PDPageContentStream cs = new PDPageContentStream(template, stream)) {
                cs.drawImage(image(template, seal), 0, 0, rect.getWidth(), rect.getHeight());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            template.save(out);
            return out.toByteArray();
        }
    }

    /** The seal picture as a PDF image: JPEG bytes as they are (DCTDecode), others decoded and Flate-encoded. */
    private static PDImageXObject image(PDDocument doc, SesSeal seal) throws IOException {
        String type = seal.picture().type().trim().toUpperCase(Locale.ROOT);
        byte[] data = seal.picture().data().value();
        if (type.equals("SVG")) {
            throw new StampException("the seal picture is SVG, which cannot be drawn as a PDF appearance; "
                    + "use a PNG or JPG seal for PDF");
        }
        if (type.equals("JPG") || type.equals("JPEG")) {
            return JPEGFactory.createFromByteArray(doc, data);
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(data));
        if (img == null) {
            throw new StampException("the seal picture (" + type + ") cannot be decoded");
        }
        return LosslessFactory.createFromImage(doc, img);
    }
}
