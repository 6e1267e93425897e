package cn.tongban.licence.pdf.corpus;

import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.SignatureLevel;

import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.licence.pdf.corpus.CorpusPki.KeyKind;

/**
 * The control corpus: licence PDFs (test-fixtures' unsigned licence with {@code licence.json}, optionally a form
 * field) signed at test time by products other than Tongban's own signer — EU DSS 6.4, Apache PDFBox with a Bouncy
 * Castle CMS made by hand, and files rewritten by qpdf (linearized, object and cross-reference streams) before DSS
 * or PDFBox sign them — in the shapes those products produce: PAdES B-B, B-T, B-LT, B-LTA with every key kind of
 * {@link KeyKind}; a certification signature, a form fill and an approval signature; two signers in sequence;
 * document time-stamps; revisions that only add a /DSS. Every document is genuine: a verifier must pass all.
 */
final class ControlCorpus {

    /** One document: a name saying how it was made, and the producer that made its last revision. */
    record Doc(String name, String producer, byte[] pdf) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String DSS = "EU DSS 6.4";
    static final String PDFBOX = "PDFBox 3 + BC CMS";
    static final String QPDF = "qpdf-shaped";

    private final CorpusPki pki;
    private final DssProducer dss;
    private final List<Doc> docs = new ArrayList<>();

    private ControlCorpus(CorpusPki pki) {
        this.pki = pki;
        this.dss = new DssProducer(pki);
    }

    static List<Doc> build(CorpusPki pki) {
        ControlCorpus c = new ControlCorpus(pki);
        c.dssLevelsAndKeys();
        c.dssRevisions();
        c.pdfBox();
        c.qpdfShaped();
        return List.copyOf(c.docs);
    }

    private void add(String name, String producer, byte[] pdf) {
        docs.add(new Doc(name, producer, pdf));
    }

    private static byte[] plain() {
        return LicencePdfs.unsigned();
    }

    private static byte[] form() {
        return LicencePdfs.unsigned(LicencePdfs.Content.standard().withFormField());
    }

    private long signTime() {
        return pki.clock.millis() - 30_000;
    }

    /** PAdES B-B and B-T with every key kind, B-LT and B-LTA with some. */
    private void dssLevelsAndKeys() {
        byte[] plain = plain();
        for (KeyKind kind : KeyKind.values()) {
            add("dss B-B " + kind, DSS, dss.sign(plain, pki.signer(kind), SignatureLevel.PAdES_BASELINE_B));
            add("dss B-T " + kind, DSS, dss.sign(plain, pki.signer(kind), SignatureLevel.PAdES_BASELINE_T));
        }
        for (KeyKind kind : List.of(KeyKind.RSA_2048, KeyKind.EC_P384, KeyKind.BRAINPOOL_P256)) {
            add("dss B-LT " + kind, DSS, dss.sign(plain, pki.signer(kind), SignatureLevel.PAdES_BASELINE_LT));
        }
        for (KeyKind kind : List.of(KeyKind.EC_P256, KeyKind.RSA_3072)) {
            add("dss B-LTA " + kind, DSS, dss.sign(plain, pki.signer(kind), SignatureLevel.PAdES_BASELINE_LTA));
        }
    }

    /** Later revisions: validation data only, document time-stamps, certification + fill + approval, two signers. */
    private void dssRevisions() {
        byte[] plain = plain();
        byte[] t = dss.sign(plain, pki.signer(KeyKind.EC_P256), SignatureLevel.PAdES_BASELINE_T);
        add(
                "dss B-T then a revision with only /DSS (extended to B-LT)",
                DSS,
                dss.extend(t, SignatureLevel.PAdES_BASELINE_LT));
        byte[] lt = dss.sign(plain, pki.signer(KeyKind.RSA_2048), SignatureLevel.PAdES_BASELINE_LT);
        add(
                "dss B-LT then extended to B-LTA (/DSS and a document time-stamp)",
                DSS,
                dss.extend(lt, SignatureLevel.PAdES_BASELINE_LTA));
        byte[] b = dss.sign(plain, pki.signer(KeyKind.EC_P256), SignatureLevel.PAdES_BASELINE_B);
        add("dss B-B then a document time-stamp", DSS, dss.timestamp(b));
        add(
                "dss two signers in sequence (P-256 B-B, then RSA-2048 B-T)",
                DSS,
                dss.sign(b, pki.signer(KeyKind.RSA_2048), SignatureLevel.PAdES_BASELINE_T));

        byte[] certified = dss.sign(
                form(),
                pki.signer(KeyKind.EC_P256),
                SignatureLevel.PAdES_BASELINE_B,
                CertificationPermission.MINIMAL_CHANGES_PERMITTED);
        add("dss certification P=2", DSS, certified);
        byte[] filled = PdfBoxProducer.fill(certified, LicencePdfs.FORM_FIELD, "checked at the counter");
        add("dss certification P=2, PDFBox form fill", PDFBOX, filled);
        add(
                "dss certification P=2, form fill, dss approval signature B-T",
                DSS,
                dss.sign(filled, pki.signer(KeyKind.RSA_3072), SignatureLevel.PAdES_BASELINE_T));

        byte[] withField = dss.addSignatureField(form(), "approval");
        byte[] certifiedWithField = dss.sign(
                withField,
                pki.signer(KeyKind.EC_P256),
                SignatureLevel.PAdES_BASELINE_B,
                CertificationPermission.MINIMAL_CHANGES_PERMITTED);
        byte[] refilled =
                PdfBoxProducer.fill(certifiedWithField, LicencePdfs.FORM_FIELD, "counter 3", "/Helv 8 Tf 0 0 1 rg");
        add("dss certification P=2 with an empty signature field, form fill with a new /DA", PDFBOX, refilled);
        add(
                "dss certification P=2, form fill, visible dss approval signature into the empty field",
                DSS,
                dss.sign(refilled, pki.signer(KeyKind.EC_P384), SignatureLevel.PAdES_BASELINE_T, null, "approval"));
        add(
                "dss visible signature B-B in a new field",
                DSS,
                dss.sign(plain, pki.signer(KeyKind.RSA_2048), SignatureLevel.PAdES_BASELINE_B, null, ""));

        byte[] annotatable = dss.sign(
                plain,
                pki.signer(KeyKind.EC_P256),
                SignatureLevel.PAdES_BASELINE_T,
                CertificationPermission.CHANGES_PERMITTED);
        add(
                "dss certification P=3, pdfbox comment (text annotation)",
                PDFBOX,
                PdfBoxProducer.comment(annotatable, "original seen at the counter"));
    }

    private void pdfBox() {
        byte[] plain = plain();
        add(
                "pdfbox adbe.pkcs7.detached, no signing-certificate attribute, certificate without keyUsage",
                PDFBOX,
                PdfBoxProducer.sign(plain, pki.signerWithoutKeyUsage(), signTime()));
        byte[] rsa = PdfBoxProducer.sign(plain, pki.signer(KeyKind.RSA_3072), signTime());
        add("pdfbox adbe.pkcs7.detached RSA-3072", PDFBOX, rsa);
        add(
                "pdfbox adbe.pkcs7.detached P-384",
                PDFBOX,
                PdfBoxProducer.sign(plain, pki.signer(KeyKind.EC_P384), signTime()));
        add(
                "pdfbox signature, then a pdfbox revision with only /DSS",
                PDFBOX,
                PdfBoxProducer.addDss(rsa, certificates(), crls()));
        byte[] approved = PdfBoxProducer.sign(form(), pki.signer(KeyKind.EC_P256), signTime());
        add(
                "pdfbox approval signature, then pdfbox form fill",
                PDFBOX,
                PdfBoxProducer.fill(approved, LicencePdfs.FORM_FIELD, "seen"));
    }

    /** qpdf rewrites the unsigned licence; DSS and PDFBox sign what qpdf wrote. */
    private void qpdfShaped() {
        byte[] linearized = Qpdf.run(plain(), "--linearize");
        byte[] objectStreams = Qpdf.run(plain(), "--object-streams=generate");
        byte[] both = Qpdf.run(plain(), "--linearize", "--object-streams=generate");
        byte[] formStreams = Qpdf.run(form(), "--object-streams=generate");
        add(
                "qpdf --linearize, dss B-T",
                QPDF,
                dss.sign(linearized, pki.signer(KeyKind.EC_P256), SignatureLevel.PAdES_BASELINE_T));
        add(
                "qpdf --linearize, pdfbox P-384",
                QPDF,
                PdfBoxProducer.sign(linearized, pki.signer(KeyKind.EC_P384), signTime()));
        byte[] first = dss.sign(linearized, pki.signer(KeyKind.BRAINPOOL_P384), SignatureLevel.PAdES_BASELINE_B);
        add(
                "qpdf --linearize, dss B-B, second dss signature B-B",
                QPDF,
                dss.sign(first, pki.signer(KeyKind.RSA_PSS_2048), SignatureLevel.PAdES_BASELINE_B));
        add(
                "qpdf --object-streams=generate, dss B-B",
                QPDF,
                dss.sign(objectStreams, pki.signer(KeyKind.RSA_2048), SignatureLevel.PAdES_BASELINE_B));
        add(
                "qpdf --object-streams=generate, pdfbox, pdfbox /DSS revision (xref streams)",
                QPDF,
                PdfBoxProducer.addDss(
                        PdfBoxProducer.sign(objectStreams, pki.signer(KeyKind.EC_P256), signTime()),
                        certificates(),
                        crls()));
        add(
                "qpdf --linearize --object-streams=generate, dss B-LTA",
                QPDF,
                dss.sign(both, pki.signer(KeyKind.EC_P256), SignatureLevel.PAdES_BASELINE_LTA));
        add(
                "qpdf --linearize --object-streams=generate, pdfbox",
                QPDF,
                PdfBoxProducer.sign(both, pki.signer(KeyKind.RSA_2048), signTime()));
        byte[] certified = dss.sign(
                formStreams,
                pki.signer(KeyKind.EC_P384),
                SignatureLevel.PAdES_BASELINE_B,
                CertificationPermission.MINIMAL_CHANGES_PERMITTED);
        byte[] filled = PdfBoxProducer.fill(certified, LicencePdfs.FORM_FIELD, "filled in an xref-stream update");
        add(
                "qpdf --object-streams=generate, dss certification P=2, pdfbox fill, pdfbox approval",
                QPDF,
                PdfBoxProducer.sign(filled, pki.signer(KeyKind.RSA_2048), signTime()));
    }

    private List<byte[]> certificates() {
        try {
            List<byte[]> out = new ArrayList<>();
            out.add(pki.intermediate().getEncoded());
            out.add(pki.root().getEncoded());
            return out;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<byte[]> crls() {
        try {
            return List.of(
                    pki.world.pki.currentCrl().getEncoded(),
                    pki.world.pki.root().currentCrl().getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }
}
