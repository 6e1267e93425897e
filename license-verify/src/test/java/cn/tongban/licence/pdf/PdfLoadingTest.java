package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.fixtures.pdf.SignSpec;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.trust.pki.KeyAlgorithm;

/** PdfLoading reads every string exactly as PDFBox's own loader does; only the speed differs. */
class PdfLoadingTest {

    /** A one-page PDF whose catalogue holds /Strs [ ... ] with the given string tokens. */
    static byte[] pdfWith(String strings) {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R /Strs [" + strings + "] >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"
        };
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ")
                .append(objects.length + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static COSArray strings(PDDocument doc) {
        return doc.getDocumentCatalog().getCOSObject().getCOSArray(COSName.getPDFName("Strs"));
    }

    @Test
    void everyKindOfStringReadsAsPdfBoxReadsIt() throws Exception {
        byte[] pdf = pdfWith("<48656C6C6F> <48656c6c6f> <> <4 8 65> <486> (lit) <48zz65> <ABCDEF0123456789>");
        try (PDDocument ours = PdfLoading.load(
                        pdf, pdf.length, new cn.tongban.seal.pdf.PdfBudget(cn.tongban.seal.pdf.PdfLimits.DEFAULT));
                PDDocument theirs = Loader.loadPDF(pdf)) {
            COSArray a = strings(ours);
            COSArray b = strings(theirs);
            assertThat(a.size()).isEqualTo(b.size()).isEqualTo(8);
            for (int i = 0; i < a.size(); i++) {
                assertThat(((COSString) a.getObject(i)).getBytes())
                        .as("string %d", i)
                        .isEqualTo(((COSString) b.getObject(i)).getBytes());
            }
            assertThat(((COSString) a.getObject(0)).getString()).isEqualTo("Hello");
        }
    }

    @Test
    void aSignatureContentsIsTheSameBytes() throws Exception {
        TestPki pki = TestPki.builder(java.time.Clock.systemUTC(), KeyAlgorithm.EC_P256)
                .build();
        byte[] pdf = LicencePdfs.sign(
                LicencePdfs.unsigned(),
                pki.documentSigner(),
                SignSpec.at(java.time.Instant.now().minusSeconds(60)));
        try (PDDocument ours = PdfLoading.load(
                        pdf, pdf.length, new cn.tongban.seal.pdf.PdfBudget(cn.tongban.seal.pdf.PdfLimits.DEFAULT));
                PDDocument theirs = Loader.loadPDF(pdf)) {
            assertThat(ours.getSignatureDictionaries().get(0).getContents())
                    .isEqualTo(theirs.getSignatureDictionaries().get(0).getContents())
                    .isNotEmpty();
        }
    }
}
