package cn.tongban.licence.pdf;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

import cn.tongban.licence.report.SignatureDetail;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.licence.verify.Reports;
import cn.tongban.seal.pdf.PdfSealVerifier;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.trust.validation.AlgorithmPolicy;
import cn.tongban.trust.validation.TimestampValidationResult;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Every rule for one signature field or document time-stamp of a PDF, in the order a forger meets them: usable
 * /Contents and /ByteRange (ISO 32000-1 §12.8.1), ByteRange shape and coverage (ends at end of file or at its
 * revision's %%EOF, §7.5.6), the gap holding exactly the hex /Contents, the signature dictionary inside the signed
 * bytes, one SignedData with one SignerInfo and zero padding (RFC 5652 §5.1), then {@link CmsChecks}, the signature
 * time-stamp (RFC 3161 §2.4.2 imprint over the signature value, ETSI EN 319 122-1 §5.3), the signer's certificate
 * at the proven time (else at validation time), and the GB/T 38540 seal when one is carried.
 */
final class PdfSignatureChecks {

    static final String CLAUSE_COVERAGE = "ISO 32000-1 §12.8.1, §7.5.6; ETSI EN 319 142-1 §6.3 (the last signature "
            + "covers the file; earlier ones end at their revision's %%EOF)";
    static final String CLAUSE_SUB_FILTER =
            "ETSI EN 319 142-1 §6.3 (ETSI.CAdES.detached), §5.4 (ETSI.RFC3161); " + "ISO 32000-1 §12.8.3";
    static final String CLAUSE_SIGNATURE_TS = "RFC 3161 §2.4.2 (messageImprint); ETSI EN 319 122-1 §5.3 "
            + "(signature-time-stamp over the signature value)";
    static final String CLAUSE_DOC_TS =
            "RFC 3161 §2.4.2; ETSI EN 319 142-1 §5.4 (document time-stamp over the " + "ByteRange)";
    static final String CLAUSE_CERTIFICATE = "RFC 5280 §6.1 (path at the time judged), RFC 6960 / RFC 5280 §6.3 "
            + "(revocation); ETSI EN 319 102-1 §5.2.6";
    static final String CLAUSE_REVOCATION_MODE =
            "RFC 5280 §6.3, §4.2.1.13, §4.2.2.1; ETSI EN 319 102-1 §5.2.5 " + "(revocation mode of the anchor set)";
    private static final Set<String> KNOWN = Set.of("ETSI.CAdES.detached", "adbe.pkcs7.detached", "ETSI.RFC3161");

    /** What the document-level rules need from one signature. */
    record Outcome(SignatureDetail detail, int[] byteRange, int revision, PdfChanges.Permissions permissions) {
        boolean passed() {
            return detail.indication() == Indication.TOTAL_PASSED;
        }

        /** Offset after the last signed byte; -1 when the ByteRange was not usable. */
        long end() {
            return byteRange == null ? -1 : (long) byteRange[2] + byteRange[3];
        }
    }

    /** The facts shared by the signatures of one document. */
    record Context(
            byte[] pdf,
            PdfRevisions revisions,
            java.util.Map<COSObjectKey, Long> xref,
            DocumentTrust trust,
            cn.tongban.seal.report.SealStatusSource registry,
            VerificationOptions options,
            String signerSet,
            Instant validationTime,
            AlgorithmPolicy policy,
            int maxAsn1Depth) {}

    private PdfSignatureChecks() {}

    static Outcome verify(Context ctx, PDSignatureField field, COSBase value) {
        String id = field.getFullyQualifiedName() == null ? "" : field.getFullyQualifiedName();
        List<Check> checks = new ArrayList<>();
        Facts facts = new Facts(id);
        if (!(SignatureInspector.deref(value) instanceof COSDictionary sig)) {
            checks.add(Check.failed(
                    "PDF_SIGNATURE_FIELD",
                    SubIndication.FORMAT_FAILURE,
                    SignatureInspector.CLAUSE_FIELD,
                    "the field's /V is not a signature dictionary"));
            return facts.outcome(checks, null, 0, PdfChanges.Permissions.none());
        }
        String subFilter = sig.getNameAsString(COSName.SUB_FILTER);
        boolean timeStamp =
                COSName.DOC_TIME_STAMP.equals(sig.getCOSName(COSName.TYPE)) || "ETSI.RFC3161".equals(subFilter);
        facts.kind = timeStamp ? "DOCUMENT_TIMESTAMP" : "SIGNATURE";
        Object v = SignatureInspector.values(sig);
        if (v instanceof Check c) {
            checks.add(c);
            return facts.outcome(checks, null, 0, PdfChanges.Permissions.none());
        }
        SignatureInspector.Values values = (SignatureInspector.Values) v;
        checks.add(Check.passed(
                "PDF_SIGNATURE_FIELD",
                SignatureInspector.CLAUSE_FIELD,
                "/Contents of " + values.contents().length + " bytes and a four-integer /ByteRange"));
        int[] br = values.byteRange();
        Check shape = SignatureInspector.byteRangeShape(br, ctx.pdf().length);
        checks.add(shape);
        if (shape.status() != Check.Status.PASSED) {
            return facts.outcome(checks, null, 0, PdfChanges.Permissions.none());
        }
        long end = (long) br[2] + br[3];
        int revision = 0;
        if (end == ctx.pdf().length) {
            facts.coverage = "WHOLE_DOCUMENT";
            checks.add(Check.passed("PDF_COVERAGE", CLAUSE_COVERAGE, "the signed bytes end at the end of the file"));
        } else {
            revision = ctx.revisions().revisionEndingAt(end);
            if (revision == 0) {
                checks.add(Check.failed(
                        "PDF_COVERAGE",
                        SubIndication.FORMAT_FAILURE,
                        CLAUSE_COVERAGE,
                        "the signed "
                                + "bytes end at " + end + ", neither the end of the file (" + ctx.pdf().length
                                + ") nor the %%EOF of a revision"));
                return facts.outcome(checks, null, 0, PdfChanges.Permissions.none());
            }
            facts.coverage =
                    "REVISION " + revision + " of " + ctx.revisions().ends.size();
            checks.add(Check.passed(
                    "PDF_COVERAGE",
                    CLAUSE_COVERAGE,
                    "the signed bytes end at the %%EOF of revision " + revision + " of "
                            + ctx.revisions().ends.size()));
        }
        Check gap = SignatureInspector.gap(ctx.pdf(), br, values.contents());
        checks.add(gap);
        if (gap.status() != Check.Status.PASSED) {
            return facts.outcome(checks, br, revision, PdfChanges.Permissions.none());
        }
        COSObjectKey key = PdfChanges.key(field.getCOSObject().getItem(COSName.V));
        Check dictionary = SignatureInspector.dictionaryInSignedBytes(
                ctx.pdf(), br, key == null ? null : ctx.xref().get(key));
        checks.add(dictionary);
        if (dictionary.status() != Check.Status.PASSED) {
            return facts.outcome(checks, br, revision, PdfChanges.Permissions.none());
        }
        if (SignatureInspector.WEAK.contains(subFilter)) {
            checks.add(Check.indeterminate(
                    "PDF_SUB_FILTER",
                    SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                    CLAUSE_SUB_FILTER,
                    "SubFilter " + subFilter + " signs a SHA-1 digest"));
            return facts.outcome(checks, br, revision, PdfChanges.Permissions.none());
        }
        if (!KNOWN.contains(subFilter) || timeStamp != "ETSI.RFC3161".equals(subFilter)) {
            checks.add(Check.failed(
                    "PDF_SUB_FILTER",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_SUB_FILTER,
                    "SubFilter " + subFilter + " is not a detached CMS signature or RFC 3161 document time-stamp"
                            + (timeStamp ? " for a /DocTimeStamp" : "")));
            return facts.outcome(checks, br, revision, PdfChanges.Permissions.none());
        }
        checks.add(Check.passed("PDF_SUB_FILTER", CLAUSE_SUB_FILTER, subFilter));
        Object cms = SignatureInspector.cms(values.contents(), ctx.maxAsn1Depth());
        if (cms instanceof Check c) {
            checks.add(c);
            return facts.outcome(checks, br, revision, PdfChanges.Permissions.none());
        }
        ContentInfo info = (ContentInfo) cms;
        if (timeStamp) {
            documentTimeStamp(ctx, br, info, facts, checks);
            return facts.outcome(checks, br, revision, PdfChanges.Permissions.none());
        }
        CmsChecks.Outcome o = CmsChecks.verify(ctx.pdf(), br, info, "ETSI.CAdES.detached".equals(subFilter));
        checks.addAll(o.checks());
        facts.algorithm = o.algorithm();
        if (o.signer() == null) {
            return facts.outcome(checks, br, revision, permissions(sig));
        }
        X509Certificate signer = o.signer();
        facts.signer = SignatureInspector.name(signer);
        Instant at = signatureTime(ctx, o, facts, checks);
        // ETSI EN 319 102-1 §5.2.8: the algorithms are judged at the time of use, the proven signing time if any.
        checks.add(CmsChecks.algorithmPolicy(o, ctx.policy(), at, facts.timeSource));
        CertificateJudge.Judgement j =
                ctx.trust().judgeSigner(signer, o.certificates(), at, ctx.options(), ctx.signerSet());
        checks.add(check("SIGNER_CERTIFICATE", j, CLAUSE_CERTIFICATE, facts.signer));
        revocationWarnings(j.warnings(), checks);
        AttributeTable signed = o.signerInfo().getSignedAttributes();
        if (PdfSealVerifier.carriesSeal(signed)) {
            // A seal's validity is judged at the signing time: the proven one, else the claimed /M.
            Instant sealTime = "TIMESTAMP".equals(facts.timeSource) || sig.getDate(COSName.M) == null
                    ? at
                    : sig.getDate(COSName.M).toInstant();
            PdfSealVerifier seals =
                    new PdfSealVerifier(ctx.trust().judge(ctx.options(), ctx.signerSet()), ctx.registry());
            PdfSealVerifier.SealFindings s = seals.verifySeal(signed, signer, sealTime, field);
            checks.addAll(s.checks());
            s.seal().ifPresent(seal -> {
                facts.kind = "SEAL";
                facts.seal = new SignatureDetail.Seal(
                        seal.esId(),
                        seal.property().name(),
                        null,
                        seal.property().validStart(),
                        seal.property().validEnd(),
                        null);
            });
        }
        return facts.outcome(checks, br, revision, permissions(sig));
    }

    /** ETSI EN 319 122-1 §5.3: a signature time-stamp proves the time; otherwise the validation time is used. */
    private static Instant signatureTime(Context ctx, CmsChecks.Outcome o, Facts facts, List<Check> checks) {
        AttributeTable unsigned = o.signerInfo().getUnsignedAttributes();
        Attribute token = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        facts.time = ctx.validationTime();
        facts.timeSource = "VALIDATION_TIME";
        if (token == null) {
            return ctx.validationTime();
        }
        TimestampValidationResult ts;
        try {
            byte[] der = token.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded();
            ts = ctx.trust().timestamp(der, o.signerInfo().getSignature(), o.certificates(), ctx.options());
        } catch (java.io.IOException | RuntimeException e) {
            checks.add(Check.failed(
                    "SIGNATURE_TIMESTAMP",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_SIGNATURE_TS,
                    "the signature-time-stamp attribute is not a TimeStampToken"));
            return ctx.validationTime();
        }
        checks.add(timestampCheck("SIGNATURE_TIMESTAMP", ts, CLAUSE_SIGNATURE_TS, "over the signature value"));
        if (ts.tsaPath() != null) {
            revocationWarnings(ts.tsaPath().warnings(), checks);
        }
        if (ts.passed()) {
            facts.time = ts.genTime();
            facts.timeSource = "TIMESTAMP";
            return ts.genTime();
        }
        return ctx.validationTime();
    }

    private static void documentTimeStamp(Context ctx, int[] br, ContentInfo info, Facts facts, List<Check> checks) {
        TimestampValidationResult ts;
        try {
            ts = ctx.trust()
                    .timestamp(
                            info.getEncoded(), SignatureInspector.signedBytes(ctx.pdf(), br), List.of(), ctx.options());
        } catch (java.io.IOException | RuntimeException e) {
            checks.add(Check.failed(
                    "DOCUMENT_TIMESTAMP",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_DOC_TS,
                    "not an RFC 3161 TimeStampToken"));
            return;
        }
        checks.add(timestampCheck("DOCUMENT_TIMESTAMP", ts, CLAUSE_DOC_TS, "over the signed byte ranges"));
        if (ts.tsaPath() != null) {
            revocationWarnings(ts.tsaPath().warnings(), checks);
        }
        if (ts.tsaCertificate() != null) {
            facts.signer = SignatureInspector.name(ts.tsaCertificate());
        }
        facts.time = ts.genTime();
        facts.timeSource = ts.passed() ? "TIMESTAMP" : "CLAIMED";
    }

    private static Check timestampCheck(String rule, TimestampValidationResult ts, String clause, String what) {
        if (ts.passed()) {
            return Check.passed(rule, clause, "token of " + ts.genTime() + " " + what + " verifies; TSA trusted");
        }
        SubIndication sub = ts.subIndication();
        String detail = String.join("; ", ts.reasons());
        // A wrong imprint or signature is definitive; an untrusted or unverifiable TSA is not.
        return sub == SubIndication.HASH_FAILURE || sub == SubIndication.SIG_CRYPTO_FAILURE
                ? Check.failed(rule, sub, clause, detail)
                : Check.indeterminate(rule, sub, clause, detail);
    }

    /** ISO 32000-1 §12.8.1 /Reference: DocMDP /P (Table 254) and FieldMDP /Action, /Fields (Table 256). */
    static PdfChanges.Permissions permissions(COSDictionary sig) {
        int p = 0;
        java.util.function.Predicate<String> locked = f -> false;
        if (sig.getDictionaryObject(COSName.getPDFName("Reference")) instanceof COSArray refs) {
            for (int i = 0; i < refs.size(); i++) {
                if (!(SignatureInspector.deref(refs.get(i)) instanceof COSDictionary ref)) {
                    continue;
                }
                String method = ref.getNameAsString(COSName.getPDFName("TransformMethod"));
                COSDictionary params = ref.getCOSDictionary(COSName.getPDFName("TransformParams"));
                if ("DocMDP".equals(method)) {
                    p = params == null ? 2 : params.getInt(COSName.P, 2);
                    p = p < 1 || p > 3 ? 2 : p;
                } else if ("FieldMDP".equals(method) && params != null) {
                    Set<String> names = new java.util.HashSet<>();
                    if (params.getDictionaryObject(COSName.FIELDS) instanceof COSArray a) {
                        for (int k = 0; k < a.size(); k++) {
                            if (SignatureInspector.deref(a.get(k)) instanceof org.apache.pdfbox.cos.COSString s) {
                                names.add(s.getString());
                            }
                        }
                    }
                    String action = params.getNameAsString(COSName.getPDFName("Action"));
                    java.util.function.Predicate<String> these = "All".equals(action)
                            ? f -> true
                            : "Exclude".equals(action) ? f -> !names.contains(f) : names::contains;
                    locked = locked.or(these);
                }
            }
        }
        return new PdfChanges.Permissions(p, locked);
    }

    /** What the anchor set's revocation mode left unchecked, as WARNING checks named by their rule. */
    static void revocationWarnings(List<String> warnings, List<Check> checks) {
        for (String w : warnings) {
            int colon = w.indexOf(':');
            String rule = colon > 0 ? w.substring(0, colon) : "REVOCATION_NOT_CHECKED";
            checks.add(Check.warning(rule, CLAUSE_REVOCATION_MODE, w));
        }
    }

    private static Check check(String rule, CertificateJudge.Judgement j, String clause, String who) {
        return new Check(rule, j.status(), j.subIndication().orElse(null), clause, who + ": " + j.detail());
    }

    /** The facts gathered for the report while the rules run. */
    private static final class Facts {
        final String id;
        String kind = "SIGNATURE";
        String signer;
        String algorithm;
        Instant time;
        String timeSource;
        String coverage;
        SignatureDetail.Seal seal;

        Facts(String id) {
            this.id = id;
        }

        Outcome outcome(List<Check> checks, int[] br, int revision, PdfChanges.Permissions permissions) {
            Check decisive = Reports.decisive(checks);
            Indication indication = decisive == null
                    ? Indication.TOTAL_PASSED
                    : decisive.status() == Check.Status.FAILED ? Indication.TOTAL_FAILED : Indication.INDETERMINATE;
            return new Outcome(
                    new SignatureDetail(
                            id,
                            kind,
                            indication,
                            decisive == null ? null : decisive.subIndication(),
                            signer,
                            algorithm,
                            time,
                            timeSource,
                            coverage,
                            seal,
                            checks),
                    br,
                    revision,
                    permissions);
        }
    }
}
