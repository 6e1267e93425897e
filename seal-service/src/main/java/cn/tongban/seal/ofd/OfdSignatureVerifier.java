package cn.tongban.seal.ofd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.w3c.dom.Element;

import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.report.SealStatusSource;
import cn.tongban.seal.report.Verdict;
import cn.tongban.seal.verify.SealVerificationCache;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Verifies the electronic-seal signatures of an OFD document (GB/T 33190 container, GB/T 38540 / GM/T 0031
 * signatures; docs/STANDARDS.md §1.5-1.6): OFD.xml → DocBody → Signatures.xml → each Signature.xml. Untrusted input never
 * makes this throw: every problem is a check in the {@link OfdReport}. Certificate chains, validity and
 * revocation are delegated to the {@link CertificateJudge}. Thread-safe.
 */
public final class OfdSignatureVerifier {

    private static final String CLAUSE_CONTAINER = "GB/T 33190 package; STANDARDS §1.6";

    private final CertificateJudge judge;
    private final OfdLimits limits;
    private final SealStatusSource registry;
    private final SealVerificationCache seals = new SealVerificationCache(4096);

    /** Default limits; certificates left INDETERMINATE by {@link CertificateJudge#unvalidated()}. */
    public OfdSignatureVerifier() {
        this(CertificateJudge.unvalidated(), OfdLimits.DEFAULT);
    }

    public OfdSignatureVerifier(CertificateJudge judge, OfdLimits limits) {
        this(judge, limits, null);
    }

    /**
     * @param registry consulted for the seal's status at the signing time (check SEAL_REGISTRY); null for none
     */
    public OfdSignatureVerifier(CertificateJudge judge, OfdLimits limits, SealStatusSource registry) {
        this.judge = Objects.requireNonNull(judge);
        this.limits = Objects.requireNonNull(limits);
        this.registry = registry;
    }

    public OfdReport verify(byte[] ofd) {
        List<Check> checks = new ArrayList<>();
        List<SignatureReport> signatures = new ArrayList<>();
        try {
            OfdContainer container = OfdContainer.read(ofd, limits);
            checks.add(Check.passed(
                    OfdPackage.RULE,
                    CLAUSE_CONTAINER,
                    "read through the central directory: local "
                            + "headers, descriptors and layout agree with it, within the budgets"));
            List<Entry> entries = signatureEntries(container, limits);
            checks.add(Check.passed("SIGNATURES", CLAUSE_CONTAINER, entries.size() + " signature(s) listed"));
            SignatureValidator validator = new SignatureValidator(container, judge, registry, seals, limits);
            for (Entry e : entries) {
                signatures.add(validator.validate(e.id(), e.path()));
            }
        } catch (OfdFormatException e) {
            checks.add(Check.failed(
                    e.rule().orElse(checks.isEmpty() ? "CONTAINER" : "SIGNATURES"),
                    SubIndication.FORMAT_FAILURE,
                    e.clause().orElse(CLAUSE_CONTAINER),
                    e.getMessage()));
        } catch (RuntimeException e) {
            // Defensive: a defect here must not surface as an exception to callers handling untrusted input.
            checks.add(Check.indeterminate(
                    "INTERNAL",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_CONTAINER,
                    "validation could not be completed: " + e));
        }
        List<Verdict> parts = new ArrayList<>();
        parts.add(Verdict.of(checks));
        signatures.forEach(s -> parts.add(new Verdict(s.indication(), s.subIndication())));
        Verdict v = Verdict.worst(parts);
        return new OfdReport(v.indication(), v.subIndication(), checks, signatures);
    }

    /** Signatures.xml Signature/@ID and the resolved path of its Signature.xml. */
    private record Entry(String id, String path) {}

    /** The entry of every ofd:Signature of every DocBody's Signatures.xml. */
    private static List<Entry> signatureEntries(OfdContainer container, OfdLimits limits) throws OfdFormatException {
        byte[] ofdXml = container.file("OFD.xml").orElseThrow(() -> new OfdFormatException("no OFD.xml entry point"));
        Element root = container.parseXml(ofdXml, "OFD.xml");
        OfdXml.expect(root, "OFD", "OFD.xml");
        List<Entry> out = new ArrayList<>();
        for (Element body : OfdXml.children(root, "DocBody")) {
            if (OfdXml.child(body, "Signatures").isEmpty()) {
                continue;
            }
            String listPath = container.resolve("OFD.xml", OfdXml.requiredText(body, "Signatures", "OFD.xml"));
            byte[] listXml = container
                    .file(listPath)
                    .orElseThrow(() -> new OfdFormatException("Signatures " + listPath + " is not in the package"));
            Element list = container.parseXml(listXml, listPath);
            OfdXml.expect(list, "Signatures", listPath);
            List<Element> listed = OfdXml.children(list, "Signature");
            // Refused before any is validated: each costs a signature and a seal verification.
            if (out.size() + listed.size() > limits.maxSignatures()) {
                throw limits.exceeded(
                        "max-signatures",
                        limits.maxSignatures(),
                        listPath + " lists " + (out.size() + listed.size()) + " signatures");
            }
            for (Element s : listed) {
                String baseLoc = OfdXml.attribute(s, "BaseLoc")
                        .orElseThrow(() -> new OfdFormatException(listPath + ": Signature without BaseLoc"));
                out.add(new Entry(OfdXml.attribute(s, "ID").orElse(""), container.resolve(listPath, baseLoc)));
            }
        }
        if (out.isEmpty()) {
            throw new OfdFormatException("the document has no signatures");
        }
        return out;
    }
}
