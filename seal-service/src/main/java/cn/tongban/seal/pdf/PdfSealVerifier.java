package cn.tongban.seal.pdf;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.report.SealStatusSource;
import cn.tongban.seal.report.Verdict;
import cn.tongban.seal.verify.SealChecks;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Verifies the seal stamps of a PDF made as {@link PdfStamper} makes them: for each signature field, the
 * ByteRange shape, the CMS signature over it (RFC 5652 §5.4/§5.6), ESS signing-certificate-v2, the seal in its
 * signed attribute ({@link SealAttribute}), then the GB/T 38540 rules of docs/STANDARDS.md §1.5 — seal maker signature,
 * signer listed by the seal, signing time (/M, claimed) inside the seal's validity, both certificates judged at
 * that time by the {@link CertificateJudge}, the registry status, and the widget showing the picture at the
 * seal's size. Untrusted input never makes this throw.
 */
public final class PdfSealVerifier {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final String CLAUSE_PDF = "ISO 32000-1 §12.8.1 ByteRange; ETSI EN 319 142-1 §6.3";
    private static final String CLAUSE_CMS = "RFC 5652 §5.4, §5.6";
    private static final String CLAUSE_ESS = "RFC 5035 §3; ETSI EN 319 122-1 §5.2.2";
    private static final String CLAUSE_SEAL = "Tongban PDF seal profile (SealAttribute) [open]; STANDARDS §1.1";
    private static final String CLAUSE_SIGNER_IN_SEAL = "GM/T 0031-2014 §6.2.3 step 3; STANDARDS §1.5";
    private static final String CLAUSE_TIME = "ISO 32000-1 §12.8.1 /M (claimed signing time; no timestamp) [open]";
    private static final String CLAUSE_APPEARANCE =
            "Tongban policy: the seal picture is the stamp's visible appearance";

    private final CertificateJudge judge;
    private final SealStatusSource registry;
    private final PdfLimits limits;
    private final cn.tongban.seal.verify.SealVerificationCache seals =
            new cn.tongban.seal.verify.SealVerificationCache(4096);

    /** @param registry consulted for the seal's status at the signing time; null for none */
    public PdfSealVerifier(CertificateJudge judge, SealStatusSource registry) {
        this(judge, registry, PdfLimits.DEFAULT);
    }

    /** @param limits the budgets of each document ({@link PdfBudget}) */
    public PdfSealVerifier(CertificateJudge judge, SealStatusSource registry, PdfLimits limits) {
        this.judge = Objects.requireNonNull(judge);
        this.registry = registry;
        this.limits = Objects.requireNonNull(limits);
    }

    public PdfSealReport verify(byte[] pdf) {
        List<Check> checks = new ArrayList<>();
        List<PdfSignatureReport> reports = new ArrayList<>();
        PdfBudget budget = new PdfBudget(limits);
        try (PDDocument doc = budget.load(pdf, pdf.length)) {
            checks.add(new Check("PDF", Check.Status.PASSED, null, CLAUSE_PDF, "parsed"));
            List<PDSignatureField> fields = doc.getSignatureFields().stream()
                    .filter(f -> f.getSignature() != null)
                    .toList();
            if (fields.isEmpty()) {
                checks.add(new Check(
                        "SIGNATURES",
                        Check.Status.FAILED,
                        SubIndication.FORMAT_FAILURE,
                        CLAUSE_PDF,
                        "the document has no signatures"));
            }
            for (PDSignatureField field : fields) {
                reports.add(verify(pdf, field));
            }
        } catch (PdfBudget.Exceeded e) {
            checks.add(new Check(
                    PdfBudget.RULE,
                    Check.Status.FAILED,
                    SubIndication.FORMAT_FAILURE,
                    PdfBudget.CLAUSE,
                    e.getMessage()));
        } catch (IOException e) {
            checks.add(new Check(
                    "PDF",
                    Check.Status.FAILED,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_PDF,
                    "not a readable PDF: " + e.getMessage()));
        } catch (RuntimeException e) {
            checks.add(new Check(
                    "INTERNAL",
                    Check.Status.INDETERMINATE,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_PDF,
                    "validation could not be completed: " + e));
        }
        Verdict v = Verdict.of(checks);
        if (v.indication() == Indication.TOTAL_PASSED) {
            for (Indication worst : List.of(Indication.TOTAL_FAILED, Indication.INDETERMINATE)) {
                Optional<PdfSignatureReport> r =
                        reports.stream().filter(s -> s.indication() == worst).findFirst();
                if (r.isPresent()) {
                    v = new Verdict(worst, r.get().subIndication());
                    break;
                }
            }
        }
        return new PdfSealReport(v.indication(), v.subIndication(), checks, reports);
    }

    private PdfSignatureReport verify(byte[] pdf, PDSignatureField field) {
        PDSignature sig = field.getSignature();
        List<Check> checks = new ArrayList<>();
        int[] br = sig.getByteRange();
        List<Long> byteRange = br == null
                ? List.of()
                : Arrays.stream(br).asLongStream().boxed().toList();
        boolean whole = br != null && br.length == 4 && (long) br[2] + br[3] == pdf.length;
        Result r = new Result(field.getFullyQualifiedName(), byteRange, whole, checks);
        if (!PDSignature.SUBFILTER_ETSI_CADES_DETACHED.getName().equals(sig.getSubFilter())
                && !PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED.getName().equals(sig.getSubFilter())) {
            checks.add(fail(
                    "SUB_FILTER",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_PDF,
                    "SubFilter " + sig.getSubFilter() + " is not a detached CMS signature"));
            return r.report();
        }
        if (!byteRangeShape(pdf, br)) {
            checks.add(fail(
                    "BYTE_RANGE",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_PDF,
                    "ByteRange " + byteRange + " does not start at 0 and exclude exactly the /Contents hex string"));
            return r.report();
        }
        checks.add(pass(
                "BYTE_RANGE",
                CLAUSE_PDF,
                "ByteRange " + byteRange
                        + (whole
                                ? " covers the whole file"
                                : " covers an earlier revision; later bytes are incremental updates")));
        CMSSignedData cms;
        SignerInformation signerInfo;
        X509Certificate cert;
        try {
            byte[] contents = sig.getContents(pdf);
            if (cn.tongban.trust.pki.Asn1Depth.exceeds(contents, limits.maxAsn1Depth())) {
                checks.add(fail(
                        PdfBudget.RULE,
                        SubIndication.FORMAT_FAILURE,
                        PdfBudget.CLAUSE,
                        "the /Contents nest " + "ASN.1 deeper than " + limits.maxAsn1Depth()
                                + " levels, over budget (max-asn1-depth)"));
                return r.report();
            }
            byte[] signed = sig.getSignedContent(pdf);
            cms = new CMSSignedData(new CMSProcessableByteArray(signed), contents);
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                checks.add(fail(
                        "CMS",
                        SubIndication.FORMAT_FAILURE,
                        CLAUSE_CMS,
                        signers.size() + " SignerInfos; a stamp has exactly one"));
                return r.report();
            }
            signerInfo = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signerInfo.getSID());
            if (matches.isEmpty()) {
                checks.add(new Check(
                        "CMS",
                        Check.Status.INDETERMINATE,
                        SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                        CLAUSE_CMS,
                        "the signer's certificate is not in the CMS"));
                return r.report();
            }
            cert = new JcaX509CertificateConverter()
                    .setProvider(BC)
                    .getCertificate(matches.iterator().next());
        } catch (Exception e) { // parsing untrusted CMS/PDF: any failure is a result
            checks.add(fail(
                    "CMS",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_CMS,
                    "the /Contents is not a CMS " + "SignedData: " + e.getMessage()));
            return r.report();
        }
        checks.add(pass("CMS", CLAUSE_CMS, "SignedData with one SignerInfo"));
        r.signer = Optional.of(cert.getSubjectX500Principal().getName());
        try {
            boolean ok = signerInfo.verify(
                    new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(cert));
            checks.add(
                    ok
                            ? pass("SIGNATURE_VALUE", CLAUSE_CMS, "message digest and signature verify")
                            : fail(
                                    "SIGNATURE_VALUE",
                                    SubIndication.SIG_CRYPTO_FAILURE,
                                    CLAUSE_CMS,
                                    "the signature does not verify"));
        } catch (CMSSignerDigestMismatchException e) {
            checks.add(fail(
                    "SIGNATURE_VALUE",
                    SubIndication.HASH_FAILURE,
                    CLAUSE_CMS,
                    "the signed bytes' digest differs from message-digest: the document was altered"));
        } catch (Exception e) {
            checks.add(fail(
                    "SIGNATURE_VALUE",
                    SubIndication.SIG_CRYPTO_FAILURE,
                    CLAUSE_CMS,
                    "the signature does not verify: " + e.getMessage()));
        }
        AttributeTable signedAttrs = signerInfo.getSignedAttributes();
        checks.add(signingCertificate(signedAttrs, cert));

        Optional<SesSeal> seal = seal(signedAttrs, checks);
        if (seal.isEmpty()) {
            return r.report();
        }
        SesSeal s = seal.get();
        r.sealName = Optional.of(s.property().name());
        r.esId = Optional.of(s.esId());
        sealAndSigner(s, cert, checks);
        if (sig.getSignDate() == null) {
            checks.add(new Check(
                    "SIGNING_TIME",
                    Check.Status.INDETERMINATE,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_TIME,
                    "no /M signing time"));
            return r.report();
        }
        Instant at = sig.getSignDate().toInstant();
        r.signingTime = Optional.of(at);
        checks.add(pass("SIGNING_TIME", CLAUSE_TIME, "claimed signing time " + at));
        atSigningTime(s, cert, at, field, true, checks);
        return r.report();
    }

    /** The seal a signature carries and the seal checks made for it. */
    public record SealFindings(Optional<SesSeal> seal, List<Check> checks) {
        public SealFindings {
            checks = List.copyOf(checks);
        }
    }

    /** Whether signed attributes {@code signedAttrs} carry a seal ({@link SealAttribute}). */
    public static boolean carriesSeal(AttributeTable signedAttrs) {
        return signedAttrs != null && signedAttrs.get(SealAttribute.OID) != null;
    }

    /**
     * The GB/T 38540 seal checks (docs/STANDARDS.md §1.5) of one PDF signature whose CMS was already verified by the
     * caller: the seal in {@code signedAttrs}, the seal maker's signature, the signer listed by the seal, the
     * signing time {@code at} (as the caller established it) inside the seal's validity, the seal maker's
     * certificate at {@code at}, the widget appearance and the registry. The signer's own certificate path is the
     * caller's. Never throws for bad input.
     */
    public SealFindings verifySeal(
            AttributeTable signedAttrs, X509Certificate signer, Instant at, PDSignatureField field) {
        List<Check> checks = new ArrayList<>();
        try {
            Optional<SesSeal> seal = seal(signedAttrs, checks);
            if (seal.isPresent()) {
                sealAndSigner(seal.get(), signer, checks);
                atSigningTime(seal.get(), signer, at, field, false, checks);
            }
            return new SealFindings(seal, checks);
        } catch (RuntimeException e) {
            checks.add(new Check(
                    "SEAL",
                    Check.Status.INDETERMINATE,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_SEAL,
                    "seal validation could not be completed: " + e.getClass().getSimpleName()));
            return new SealFindings(Optional.empty(), checks);
        }
    }

    private void sealAndSigner(SesSeal s, X509Certificate cert, List<Check> checks) {
        checks.add(SealChecks.sealSignature(seals.verifySeal(s)));
        try {
            checks.add(SealChecks.mapped(
                    "SIGNER_IN_SEAL",
                    CLAUSE_SIGNER_IN_SEAL,
                    SealSignatures.signerMatchesSeal(Bytes.of(cert.getEncoded()), s)));
        } catch (java.security.cert.CertificateEncodingException e) {
            checks.add(fail("SIGNER_IN_SEAL", SubIndication.FORMAT_FAILURE, CLAUSE_SIGNER_IN_SEAL, "unencodable"));
        }
    }

    private void atSigningTime(
            SesSeal s,
            X509Certificate cert,
            Instant at,
            PDSignatureField field,
            boolean judgeSigner,
            List<Check> checks) {
        checks.add(SealChecks.validity(s, at, "signed at"));
        if (judgeSigner) {
            checks.add(SealChecks.certificate(
                    judge,
                    "SIGNER_CERTIFICATE",
                    "GM/T 0031-2014 §6.2.3 step 4",
                    Optional.of(cert),
                    at,
                    CertificateJudge.Purpose.SIGNER));
        }
        checks.add(SealChecks.makerCertificate(judge, s, at));
        checks.add(appearance(field, s));
        if (registry != null) {
            checks.add(SealChecks.registry(registry, s, at));
        }
    }

    /** ByteRange [0, a, b, c] with the gap a..b holding exactly the {@code <hex>} of /Contents. */
    private static boolean byteRangeShape(byte[] pdf, int[] br) {
        return br != null
                && br.length == 4
                && br[0] == 0
                && br[1] > 0
                && br[2] > br[1] + 1
                && br[3] >= 0
                && (long) br[2] + br[3] <= pdf.length
                && pdf[br[1]] == '<'
                && pdf[br[2] - 1] == '>';
    }

    private static Check signingCertificate(AttributeTable attrs, X509Certificate cert) {
        Attribute a = attrs == null ? null : attrs.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (a == null) {
            return fail(
                    "SIGNING_CERTIFICATE_V2",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_ESS,
                    "no ESS signing-certificate-v2 signed attribute (required by PAdES)");
        }
        try {
            ESSCertIDv2 id = SigningCertificateV2.getInstance(a.getAttrValues().getObjectAt(0))
                    .getCerts()[0];
            String alg = id.getHashAlgorithm().getAlgorithm().getId();
            byte[] expected = MessageDigest.getInstance(alg, BC).digest(cert.getEncoded());
            return MessageDigest.isEqual(expected, id.getCertHash())
                    ? pass("SIGNING_CERTIFICATE_V2", CLAUSE_ESS, "names the signer certificate")
                    : fail(
                            "SIGNING_CERTIFICATE_V2",
                            SubIndication.SIG_CONSTRAINTS_FAILURE,
                            CLAUSE_ESS,
                            "names another certificate than the one that verifies the signature");
        } catch (Exception e) {
            return fail(
                    "SIGNING_CERTIFICATE_V2", SubIndication.FORMAT_FAILURE, CLAUSE_ESS, "malformed: " + e.getMessage());
        }
    }

    private static Optional<SesSeal> seal(AttributeTable attrs, List<Check> checks) {
        Attribute a = attrs == null ? null : attrs.get(SealAttribute.OID);
        if (a == null || a.getAttrValues().size() != 1) {
            checks.add(fail(
                    "SEAL",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_SEAL,
                    "the signature carries no seal (signed attribute " + SealAttribute.OID + ")"));
            return Optional.empty();
        }
        byte[] der;
        try {
            der = ASN1OctetString.getInstance(a.getAttrValues().getObjectAt(0)).getOctets();
        } catch (RuntimeException e) {
            checks.add(
                    fail("SEAL", SubIndication.FORMAT_FAILURE, CLAUSE_SEAL, "seal attribute is not an OCTET STRING"));
            return Optional.empty();
        }
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(der);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            checks.add(fail(
                    "SEAL",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_SEAL,
                    "not a SESeal: " + m.reason() + " at " + m.path()));
            return Optional.empty();
        }
        SesSeal seal = decoded.orElseThrow();
        checks.add(pass("SEAL", CLAUSE_SEAL, "seal " + seal.esId() + " (" + seal.version() + ")"));
        return Optional.of(seal);
    }

    /** The widget is on a page and its rectangle is the seal picture's size (±1 mm). */
    private static Check appearance(PDSignatureField field, SesSeal seal) {
        if (field.getWidgets().isEmpty()
                || field.getWidgets().get(0).getRectangle() == null
                || field.getWidgets().get(0).getAppearance() == null) {
            return fail(
                    "APPEARANCE",
                    SubIndication.SIG_CONSTRAINTS_FAILURE,
                    CLAUSE_APPEARANCE,
                    "the stamp has no visible appearance");
        }
        PDRectangle rect = field.getWidgets().get(0).getRectangle();
        double wMm = rect.getWidth() * 25.4 / 72;
        double hMm = rect.getHeight() * 25.4 / 72;
        boolean ok = Math.abs(wMm - seal.picture().widthMm()) <= 1
                && Math.abs(hMm - seal.picture().heightMm()) <= 1;
        String facts = String.format(
                java.util.Locale.ROOT,
                "widget %.1f x %.1f mm, seal picture %d x %d mm",
                wMm,
                hMm,
                seal.picture().widthMm(),
                seal.picture().heightMm());
        return ok
                ? pass("APPEARANCE", CLAUSE_APPEARANCE, facts)
                : fail("APPEARANCE", SubIndication.SIG_CONSTRAINTS_FAILURE, CLAUSE_APPEARANCE, facts);
    }

    private static Check pass(String name, String clause, String detail) {
        return new Check(name, Check.Status.PASSED, null, clause, detail);
    }

    private static Check fail(String name, SubIndication sub, String clause, String detail) {
        return new Check(name, Check.Status.FAILED, sub, clause, detail);
    }

    /** Facts gathered for one signature while its checks run. */
    private static final class Result {
        final String field;
        final List<Long> byteRange;
        final boolean whole;
        final List<Check> checks;
        Optional<Instant> signingTime = Optional.empty();
        Optional<String> sealName = Optional.empty();
        Optional<String> esId = Optional.empty();
        Optional<String> signer = Optional.empty();

        Result(String field, List<Long> byteRange, boolean whole, List<Check> checks) {
            this.field = field;
            this.byteRange = byteRange;
            this.whole = whole;
            this.checks = checks;
        }

        PdfSignatureReport report() {
            Verdict v = Verdict.of(checks);
            return new PdfSignatureReport(
                    field == null ? "" : field,
                    byteRange,
                    whole,
                    v.indication(),
                    v.subIndication(),
                    checks,
                    signingTime,
                    sealName,
                    esId,
                    signer);
        }
    }
}
