package cn.tongban.seal.ofd;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.codec.SesSignature;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.report.SealStatusSource;
import cn.tongban.seal.report.Verdict;
import cn.tongban.seal.verify.SealChecks;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SealVerificationCache;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Validates one OFD signature: the OFD checks of docs/STANDARDS.md §1.6, then the signature and seal checks of §1.5
 * (GM/T 0031-2014 §6.2.3 and §6.1.2), certificates judged by the injected {@link CertificateJudge}. Every check
 * that the available data allows is run and recorded, so a report shows all the facts, not only the first fault.
 */
final class SignatureValidator {

    private static final String CLAUSE_FORMAT = "GM/T 0031-2014 §6.2.3 step 1; STANDARDS §1.6";
    private static final String CLAUSE_SIGNATURE =
            "GM/T 0031-2014 §6.2.3 step 2; GB/T 38540 §7.3 [open]; STANDARDS §1.3";
    private static final String CLAUSE_SIGNER_IN_SEAL = "GM/T 0031-2014 §6.2.3 step 3; STANDARDS §1.5";
    private static final String CLAUSE_SEAL_FILE = "STANDARDS §1.6 (stored seal equals TBS_Sign.eseal)";
    private static final String CLAUSE_SIGNER_CERT = "GM/T 0031-2014 §6.2.3 step 4";

    private final OfdContainer container;
    private final CertificateJudge judge;
    private final SealStatusSource registry;
    private final SealVerificationCache seals;
    private final OfdLimits limits;

    SignatureValidator(
            OfdContainer container,
            CertificateJudge judge,
            SealStatusSource registry,
            SealVerificationCache seals,
            OfdLimits limits) {
        this.container = container;
        this.judge = judge;
        this.registry = registry;
        this.seals = seals;
        this.limits = limits;
    }

    SignatureReport validate(String id, String path) {
        List<Check> checks = new ArrayList<>();
        Optional<byte[]> xmlBytes = container.file(path);
        if (xmlBytes.isEmpty()) {
            checks.add(Check.failed(
                    "SIGNATURE_XML", SubIndication.FORMAT_FAILURE, CLAUSE_FORMAT, path + " is not in the package"));
            return unreadable(id, path, checks);
        }
        SignatureXml xml;
        try {
            xml = SignatureXml.parse(xmlBytes.get(), path, container);
        } catch (OfdFormatException e) { // malformed, or over the max-xml-size budget
            checks.add(Check.failed(
                    e.rule().orElse("SIGNATURE_XML"),
                    SubIndication.FORMAT_FAILURE,
                    e.clause().orElse(CLAUSE_FORMAT),
                    e.getMessage()));
            return unreadable(id, path, checks);
        }
        if (xml.references().size() > limits.maxReferencesPerSignature()) {
            OfdFormatException e = limits.exceeded(
                    "max-references-per-signature",
                    limits.maxReferencesPerSignature(),
                    path + " lists " + xml.references().size() + " references");
            checks.add(Check.failed(OfdLimits.RULE, SubIndication.FORMAT_FAILURE, OfdLimits.CLAUSE, e.getMessage()));
            return unreadable(id, path, checks);
        }
        checks.add(Check.passed(
                "SIGNATURE_XML",
                CLAUSE_FORMAT,
                path + " lists " + xml.references().size() + " references"));
        ReferenceChecks.references(xml, container, checks);

        Optional<byte[]> signedValue = container.file(xml.signedValuePath());
        if (signedValue.isEmpty()) {
            checks.add(Check.failed(
                    "SIGNED_VALUE",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_FORMAT,
                    xml.signedValuePath() + " is not in the package"));
            return unreadable(id, path, checks);
        }
        Decoded<SesSignature> decoded = SealDecoder.decodeSignature(signedValue.get());
        if (decoded instanceof Decoded.Malformed<SesSignature> m) {
            checks.add(Check.failed(
                    "SIGNED_VALUE",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_FORMAT,
                    xml.signedValuePath() + " is not a SES_Signature: " + m.reason() + " at " + m.path()));
            return unreadable(id, path, checks);
        }
        SesSignature signature = ((Decoded.Ok<SesSignature>) decoded).value();
        SesSeal seal = signature.seal();
        checks.add(Check.passed(
                "SIGNED_VALUE",
                CLAUSE_FORMAT,
                "SES_Signature " + signature.version() + " with seal " + seal.version()));

        ReferenceChecks.dataHash(signature, xmlBytes.get(), checks);
        ReferenceChecks.propertyInfo(signature, path, checks);
        checks.add(SealChecks.mapped("SIGNATURE_VALUE", CLAUSE_SIGNATURE, SealSignatures.verifySignature(signature)));
        checks.add(SealChecks.mapped(
                "SIGNER_IN_SEAL", CLAUSE_SIGNER_IN_SEAL, SealSignatures.signerMatchesSeal(signature)));
        checks.add(SealChecks.sealSignature(seals.verifySeal(seal)));
        xml.sealPath().ifPresent(sealPath -> checks.add(sealFile(sealPath, seal)));

        Instant at = SigningTime.of(signature, checks);
        checks.add(SealChecks.validity(seal, at, "signed at"));
        Optional<X509Certificate> signer = SealSignatures.parseCertificate(signature.signerCertificate());
        checks.add(SealChecks.certificate(
                judge, "SIGNER_CERTIFICATE", CLAUSE_SIGNER_CERT, signer, at, CertificateJudge.Purpose.SIGNER));
        checks.add(SealChecks.makerCertificate(judge, seal, at));
        if (registry != null) {
            checks.add(SealChecks.registry(registry, seal, at));
        }
        Verdict verdict = Verdict.of(checks);
        return new SignatureReport(
                id,
                path,
                verdict.indication(),
                verdict.subIndication(),
                checks,
                Optional.of(at),
                Optional.of(seal.property().name()),
                Optional.of(seal.esId()),
                signer.map(c -> c.getSubjectX500Principal().getName()));
    }

    /** Report for a signature whose SES_Signature could not be read: no facts beyond the failed checks. */
    private static SignatureReport unreadable(String id, String path, List<Check> checks) {
        Verdict v = Verdict.of(checks);
        return new SignatureReport(
                id,
                path,
                v.indication(),
                v.subIndication(),
                checks,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** The stored seal file (Signature.xml Seal/BaseLoc) must be byte-equal to the DER of TBS_Sign.eseal. */
    private Check sealFile(String sealPath, SesSeal seal) {
        Optional<byte[]> stored = container.file(sealPath);
        if (stored.isEmpty()) {
            return Check.failed(
                    "SEAL_FILE", SubIndication.FORMAT_FAILURE, CLAUSE_SEAL_FILE, sealPath + " is not in the package");
        }
        return Bytes.of(stored.get()).equals(seal.encoded())
                ? Check.passed("SEAL_FILE", CLAUSE_SEAL_FILE, sealPath + " equals TBS_Sign.eseal")
                : Check.failed(
                        "SEAL_FILE",
                        SubIndication.FORMAT_FAILURE,
                        CLAUSE_SEAL_FILE,
                        sealPath + " differs from the seal inside SignedValue (TBS_Sign.eseal)");
    }
}
