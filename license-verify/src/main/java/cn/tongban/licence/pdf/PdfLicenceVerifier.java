package cn.tongban.licence.pdf;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import cn.tongban.licence.metadata.LicenceMetadataJson;
import cn.tongban.licence.report.DocumentVerifier;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.report.SignatureDetail;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.licence.verify.LicenceRules;
import cn.tongban.licence.verify.Reports;
import cn.tongban.seal.pdf.PdfBudget;
import cn.tongban.seal.pdf.PdfLimits;
import cn.tongban.seal.report.SealStatusSource;
import cn.tongban.trust.validation.AlgorithmPolicy;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The strict PDF licence verifier: every signature field and document time-stamp of the document
 * through {@link PdfSignatureChecks}; the file's revisions ({@link PdfRevisions}: trailing bytes that are not a
 * well-formed incremental update are refused); every change made after a signature compared with its signed
 * revision ({@link PdfChanges}: DocMDP / FieldMDP whitelist, shadow hide / replace / hide-and-replace); then the
 * licence: {@code licence.json} as an embedded file ({@link LicenceMetadataJson}) that must be, byte for byte, in
 * the revision a passing signature covers, and {@link LicenceRules}. Its type code chooses the signer anchor set
 * ({@link DocumentTrust#signerSetFor}); a document without {@code licence.json} is verified as a signed or
 * seal-stamped document (signers against {@value DocumentTrust#SIGNERS}, GB/T 38540 seal checks for each stamp).
 * Modelled on {@link cn.tongban.licence.ofd.OfdLicenceVerifier}. Never throws for bad input; thread-safe.
 */
public final class PdfLicenceVerifier implements DocumentVerifier {

    static final String LICENCE_FILE = "licence.json";
    private static final String CLAUSE_PDF = "ISO 32000-1 §7.5 (file structure)";
    private static final String CLAUSE_SIGNATURES = "ISO 32000-1 §12.8; ETSI EN 319 142-1 §6.3";
    private static final String CLAUSE_LICENCE =
            "GB/T 36903 metadata in licence.json (PDF embedded file, ISO 32000-1 " + "§7.11.4); LicenceMetadataJson";

    private final DocumentTrust trust;
    private final SealStatusSource registry;
    private final AlgorithmPolicy policy;
    private final PdfLimits limits;

    /** @param registry the seal registry consulted for seal status at signing time; null for none */
    public PdfLicenceVerifier(DocumentTrust trust, SealStatusSource registry) {
        this(trust, registry, PdfLimits.DEFAULT);
    }

    /**
     * @param registry the seal registry consulted for seal status at signing time; null for none
     * @param limits   the budgets of one document ({@link PdfBudget}); one exceeded is a FORMAT_FAILURE
     *                 {@value PdfBudget#RULE}
     */
    public PdfLicenceVerifier(DocumentTrust trust, SealStatusSource registry, PdfLimits limits) {
        this.trust = Objects.requireNonNull(trust);
        this.registry = registry;
        this.policy = AlgorithmPolicy.defaults();
        this.limits = Objects.requireNonNull(limits);
    }

    @Override
    public VerificationReport verify(byte[] pdf, VerificationOptions options) {
        Instant at = options.validationTime() != null
                ? options.validationTime()
                : trust.clock().instant();
        List<String> warnings = new ArrayList<>();
        if (!options.checkRevocation()) {
            warnings.add("revocation not checked (--no-revocation / revocation=false)");
        }
        List<Check> checks = new ArrayList<>();
        PdfRevisions revisions = PdfRevisions.scan(pdf);
        PdfBudget budget = new PdfBudget(limits);
        PDDocument doc;
        try {
            doc = PdfLoading.load(pdf, pdf.length, budget);
        } catch (PdfBudget.Exceeded e) {
            checks.add(budgetCheck(e.getMessage()));
            return Reports.of("PDF", pdf, at, checks, List.of(), null, warnings);
        } catch (IOException | RuntimeException e) {
            checks.add(Check.failed(
                    "PDF",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_PDF,
                    "not a readable PDF: " + e.getClass().getSimpleName()));
            checks.addAll(revisions.checks);
            return Reports.of("PDF", pdf, at, checks, List.of(), null, warnings);
        }
        Map<Integer, PDDocument> opened = new HashMap<>();
        try {
            return verify(pdf, doc, revisions, budget, options, at, checks, warnings, opened);
        } catch (RuntimeException e) {
            checks.add(Check.indeterminate(
                    "INTERNAL",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_PDF,
                    "validation could not be completed: " + e.getClass().getSimpleName()));
            return Reports.of("PDF", pdf, at, checks, List.of(), null, warnings);
        } catch (StackOverflowError e) {
            // Last line of defence: the budgets (nesting, ASN.1 depth, trees) are meant to stop this before
            checks.add(0, budgetCheck("the document nests deeper than the verifier's stack"));
            return Reports.of("PDF", pdf, at, checks, List.of(), null, warnings);
        } finally {
            close(doc);
            opened.values().forEach(PdfLicenceVerifier::close);
        }
    }

    private VerificationReport verify(
            byte[] pdf,
            PDDocument doc,
            PdfRevisions revisions,
            PdfBudget budget,
            VerificationOptions options,
            Instant at,
            List<Check> checks,
            List<String> warnings,
            Map<Integer, PDDocument> opened) {
        checks.add(Check.passed("PDF", CLAUSE_PDF, "parsed"));
        checks.addAll(revisions.checks);
        LicenceMetadata licence = null;
        byte[] licenceJson = licenceJson(doc, budget);
        if (licenceJson != null) {
            try {
                licence = LicenceMetadataJson.parse(licenceJson);
                checks.add(Check.passed("LICENCE_METADATA", CLAUSE_LICENCE, LICENCE_FILE + " read"));
            } catch (LicenceMetadataJson.InvalidMetadataException e) {
                checks.add(Check.failed(
                        "LICENCE_METADATA",
                        SubIndication.FORMAT_FAILURE,
                        CLAUSE_LICENCE,
                        LICENCE_FILE + ": " + e.getMessage()));
            }
        }
        String signerSet = trust.signerSetFor(licence == null ? null : licence.typeCode());
        PdfSignatureChecks.Context ctx = new PdfSignatureChecks.Context(
                pdf,
                revisions,
                doc.getDocument().getXrefTable(),
                trust,
                registry,
                options,
                signerSet,
                at,
                policy,
                limits.maxAsn1Depth());
        List<PdfSignatureChecks.Outcome> outcomes = new ArrayList<>();
        for (PDSignatureField field : doc.getSignatureFields()) {
            COSBase value = field.getCOSObject().getItem(COSName.V);
            if (value != null) { // a field without /V is an empty placeholder for a later signature
                outcomes.add(PdfSignatureChecks.verify(ctx, field, value));
            }
        }
        if (outcomes.isEmpty()) {
            checks.add(Check.failed(
                    "PDF_SIGNATURES",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_SIGNATURES,
                    "the document has no signature"));
        }
        outcomes.sort(Comparator.comparingLong(PdfSignatureChecks.Outcome::end));
        changesAfterSigning(pdf, revisions, doc, budget, outcomes, checks, opened);
        List<SignatureDetail> signatures =
                outcomes.stream().map(PdfSignatureChecks.Outcome::detail).toList();
        List<Check> post = new ArrayList<>();
        if (licence != null) {
            post.add(licenceSigned(pdf, revisions, budget, licenceJson, outcomes, opened));
            post.add(LicenceRules.issuerTrustedForType(trust, signerSet, options, licence));
            post.addAll(LicenceRules.check(licence, at, trust.clock()));
        }
        // A budget exceeded anywhere (a revision, an embedded file, a lazily parsed object) decides the report.
        budget.exceeded().ifPresent(detail -> checks.add(1, budgetCheck(detail)));
        return Reports.of("PDF", pdf, at, checks, signatures, post, licence, warnings);
    }

    private static Check budgetCheck(String detail) {
        return Check.failed(PdfBudget.RULE, SubIndication.FORMAT_FAILURE, PdfBudget.CLAUSE, detail);
    }

    /**
     * Each signature that does not cover the whole file is compared with the final document; the DocMDP /P of a
     * certification signature applies to every later change, a signature's FieldMDP to the changes after it.
     */
    private void changesAfterSigning(
            byte[] pdf,
            PdfRevisions revisions,
            PDDocument doc,
            PdfBudget budget,
            List<PdfSignatureChecks.Outcome> outcomes,
            List<Check> checks,
            Map<Integer, PDDocument> opened) {
        int docMdp = 0;
        for (PdfSignatureChecks.Outcome o : outcomes) {
            if (o.byteRange() == null || o.revision() == 0) {
                if (o.byteRange() != null && o.revision() == 0 && o == outcomes.get(outcomes.size() - 1)) {
                    checks.add(Check.passed(
                            PdfChanges.RULE_MODIFICATIONS,
                            PdfChanges.CLAUSE_MODIFICATIONS,
                            "the last signature '" + o.detail().id() + "' covers the whole file"));
                }
                docMdp = docMdp == 0 ? o.permissions().docMdp() : docMdp;
                continue;
            }
            docMdp = docMdp == 0 ? o.permissions().docMdp() : docMdp;
            PDDocument signed = revision(pdf, revisions, o.revision(), budget, opened);
            if (signed == null) {
                checks.add(Check.failed(
                        PdfChanges.RULE_MODIFICATIONS,
                        SubIndication.FORMAT_FAILURE,
                        PdfChanges.CLAUSE_MODIFICATIONS,
                        "the revision signed by '" + o.detail().id() + "' is not a readable PDF"));
                continue;
            }
            checks.addAll(PdfChanges.compare(
                    signed,
                    doc,
                    new PdfChanges.Permissions(docMdp, o.permissions().locked()),
                    o.detail().id()));
        }
    }

    /** licence.json must be, byte for byte, in a revision that a passing signature covers. */
    private Check licenceSigned(
            byte[] pdf,
            PdfRevisions revisions,
            PdfBudget budget,
            byte[] json,
            List<PdfSignatureChecks.Outcome> outcomes,
            Map<Integer, PDDocument> opened) {
        boolean anyCovering = false;
        for (PdfSignatureChecks.Outcome o : outcomes) {
            if (o.byteRange() == null) {
                continue;
            }
            byte[] signed = o.revision() == 0
                    ? json
                    : licenceJson(revision(pdf, revisions, o.revision(), budget, opened), budget);
            if (signed != null && Arrays.equals(signed, json)) {
                anyCovering = true;
                if (o.passed()) {
                    return Check.passed(
                            "LICENCE_SIGNED",
                            CLAUSE_LICENCE,
                            LICENCE_FILE + " is covered by signature '"
                                    + o.detail().id() + "', which passed");
                }
            }
        }
        return anyCovering
                ? Check.indeterminate(
                        "LICENCE_SIGNED",
                        SubIndication.SIG_CONSTRAINTS_FAILURE,
                        CLAUSE_LICENCE,
                        LICENCE_FILE + " is covered only by signatures that did not pass")
                : Check.failed(
                        "LICENCE_SIGNED",
                        SubIndication.SIG_CONSTRAINTS_FAILURE,
                        CLAUSE_LICENCE,
                        LICENCE_FILE + " is not in any signed revision: it was added or changed after signing");
    }

    private static PDDocument revision(
            byte[] pdf, PdfRevisions revisions, int revision, PdfBudget budget, Map<Integer, PDDocument> opened) {
        return opened.computeIfAbsent(revision, r -> {
            try {
                long end = revisions.ends.get(r - 1);
                return PdfLoading.load(pdf, (int) end, budget);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        });
    }

    /**
     * The embedded file {@value #LICENCE_FILE} (EmbeddedFiles name tree), at most LicenceMetadataJson.MAX_BYTES + 1
     * bytes of it, decoded within the budget (one that inflates beyond it is recorded there).
     */
    static byte[] licenceJson(PDDocument doc, PdfBudget budget) {
        if (doc == null) {
            return null;
        }
        try {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            PDComplexFileSpecification spec = tree == null ? null : tree.getValue(LICENCE_FILE);
            PDEmbeddedFile file = spec == null ? null : spec.getEmbeddedFile();
            if (file == null) {
                return null;
            }
            return budget.read(
                    file.getCOSObject(), LicenceMetadataJson.MAX_BYTES + 1, "the embedded file " + LICENCE_FILE);
        } catch (IOException | RuntimeException e) {
            return "{\"unreadable\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void close(PDDocument d) {
        if (d != null) {
            try {
                d.close();
            } catch (IOException e) {
                // nothing was written
            }
        }
    }
}
