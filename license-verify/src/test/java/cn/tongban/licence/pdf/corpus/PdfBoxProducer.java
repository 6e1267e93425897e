package cn.tongban.licence.pdf.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import cn.tongban.trust.pki.Providers;

/**
 * Apache PDFBox 3 as a signing product, the way its own examples ({@code CreateSignature}) sign: {@code
 * addSignature} with a {@code SignatureInterface} that makes a Bouncy Castle CMS SignedData with the generator's
 * default signed attributes (content-type, signing-time, message-digest, CMS algorithm protection — no
 * signing-certificate attribute), SubFilter {@code adbe.pkcs7.detached}, saved incrementally. Also PDFBox
 * incremental saves that fill a form field or add a /DSS dictionary, as a later revision by another tool.
 */
final class PdfBoxProducer {

    private PdfBoxProducer() {}

    static byte[] sign(byte[] pdf, CorpusPki.Signer signer, long signTimeMillis) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setName(signer.name());
            signature.setReason("approved");
            Calendar when = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
            when.setTimeInMillis(signTimeMillis);
            signature.setSignDate(when);
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(12_000);
                doc.addSignature(signature, content -> cms(content.readAllBytes(), signer), options);
                ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 30_000);
                doc.saveIncremental(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] cms(byte[] content, CorpusPki.Signer signer) throws IOException {
        try {
            String algorithm =
                    switch (signer.kind()) {
                        case RSA_2048, RSA_3072 -> "SHA256withRSA";
                        case RSA_PSS_2048 -> "SHA256withRSAandMGF1";
                        case EC_P384, BRAINPOOL_P384 -> "SHA384withECDSA";
                        default -> "SHA256withECDSA";
                    };
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                            .setProvider(Providers.bc())
                            .build())
                    .build(
                            new JcaContentSignerBuilder(algorithm)
                                    .setProvider(Providers.bc())
                                    .build(signer.key()),
                            signer.certificate()));
            gen.addCertificates(new JcaCertStore(signer.chain()));
            return gen.generate(new CMSProcessableByteArray(content), false).getEncoded();
        } catch (Exception e) {
            throw new IOException("cannot sign", e);
        }
    }

    /** Fills the text field {@code name} and saves incrementally (the value, the widget's new appearance). */
    static byte[] fill(byte[] pdf, String name, String value) {
        return fill(pdf, name, value, null);
    }

    /**
     * As {@link #fill(byte[], String, String)}; with {@code appearance} the field's default appearance string
     * (/DA, ISO 32000-1 §12.7.3.3) is set first, as fillers do that pick another font size.
     */
    static byte[] fill(byte[] pdf, String name, String value, String appearance) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            PDField field = form.getField(name);
            if (appearance != null && field instanceof org.apache.pdfbox.pdmodel.interactive.form.PDTextField t) {
                t.setDefaultAppearance(appearance);
            }
            field.setValue(value);
            field.getCOSObject().setNeedToBeUpdated(true);
            for (PDAnnotationWidget w : field.getWidgets()) {
                w.getCOSObject().setNeedToBeUpdated(true);
                if (w.getAppearance() != null) {
                    w.getAppearance().getCOSObject().setNeedToBeUpdated(true);
                }
            }
            return incremental(doc, pdf.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A reviewer's comment (ISO 32000-1 §12.5.6.4 text annotation, a sticky note with its popup) added to page 1
     * and saved incrementally: what a certification signature with /P 3 permits.
     */
    static byte[] comment(byte[] pdf, String text) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            org.apache.pdfbox.pdmodel.PDPage page = doc.getPage(0);
            var note = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText();
            note.setContents(text);
            note.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(520, 780, 20, 20));
            note.setPrinted(false);
            note.constructAppearances(doc);
            var popup = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationPopup();
            popup.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(540, 700, 50, 80));
            popup.setParent(note);
            note.setPopup(popup);
            page.getAnnotations().add(note);
            page.getAnnotations().add(popup);
            page.getCOSObject().setNeedToBeUpdated(true);
            COSArray annots = page.getCOSObject().getCOSArray(COSName.ANNOTS);
            if (annots != null) {
                annots.setNeedToBeUpdated(true);
            }
            return incremental(doc, pdf.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A revision that only adds a document security store (ETSI EN 319 142-1 §5.4.2.2: /DSS with /Certs and
     * /CRLs streams) to the catalogue, as PDFBox's {@code AddValidationInformation} example does.
     */
    static byte[] addDss(byte[] pdf, List<byte[]> certificates, List<byte[]> crls) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSDictionary dss = new COSDictionary();
            dss.setItem(COSName.TYPE, COSName.getPDFName("DSS"));
            dss.setItem(COSName.getPDFName("Certs"), streams(doc, certificates));
            dss.setItem(COSName.getPDFName("CRLs"), streams(doc, crls));
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            catalog.setItem(COSName.getPDFName("DSS"), dss);
            catalog.setNeedToBeUpdated(true);
            return incremental(doc, pdf.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static COSArray streams(PDDocument doc, List<byte[]> items) throws IOException {
        COSArray array = new COSArray();
        for (byte[] item : items) {
            COSStream s = doc.getDocument().createCOSStream();
            try (OutputStream out = s.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(item);
            }
            array.add(s);
        }
        return array;
    }

    private static byte[] incremental(PDDocument doc, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 20_000);
        doc.saveIncremental(out);
        return out.toByteArray();
    }
}
