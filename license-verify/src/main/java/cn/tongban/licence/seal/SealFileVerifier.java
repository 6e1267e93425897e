package cn.tongban.licence.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import cn.tongban.licence.report.DocumentVerifier;
import cn.tongban.licence.report.SignatureDetail;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.licence.verify.Reports;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.codec.SignatureAlgorithm;
import cn.tongban.seal.report.SealStatusSource;
import cn.tongban.seal.verify.BareSealReport;
import cn.tongban.seal.verify.BareSealVerifier;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;

/**
 * A bare GB/T 38540 seal file ({@code .esl}, a DER SESeal of v1, v4 or v5) verified at the validation time by
 * seal-service's {@link BareSealVerifier} (GM/T 0031-2014 §6.1.2, docs/STANDARDS.md §1.5), its maker
 * judged against the {@value DocumentTrust#SEAL_MAKERS} set, and reported in the common model: document type
 * {@code SEAL}, the format check among the document checks, and one {@code SEAL} entry in {@code signatures} with
 * the maker's signature, picture, validity, maker certificate and registry checks, judged at the validation time
 * (time source {@code VALIDATION_TIME}).
 */
public final class SealFileVerifier implements DocumentVerifier {

    public static final String DOCUMENT_TYPE = "SEAL";

    private final DocumentTrust trust;
    private final SealStatusSource registry;

    /** @param registry consulted for the seal's status at the validation time; null for none */
    public SealFileVerifier(DocumentTrust trust, SealStatusSource registry) {
        this.trust = Objects.requireNonNull(trust);
        this.registry = registry;
    }

    @Override
    public VerificationReport verify(byte[] document, VerificationOptions options) {
        Instant at = options.validationTime() != null
                ? options.validationTime()
                : trust.clock().instant();
        List<String> warnings = new ArrayList<>();
        if (!options.checkRevocation()) {
            warnings.add("revocation not checked (--no-revocation / revocation=false)");
        }
        BareSealReport r =
                new BareSealVerifier(trust.judge(options, DocumentTrust.SIGNERS), registry).verify(document, at);
        List<Check> all = r.checks();
        List<Check> documentChecks = all.subList(0, 1);
        if (r.seal().isEmpty()) {
            return Reports.of(DOCUMENT_TYPE, document, at, documentChecks, List.of(), null, warnings);
        }
        SesSeal seal = r.seal().get();
        List<Check> sealChecks = all.subList(1, all.size());
        Check decisive = Reports.decisive(sealChecks);
        String maker = r.maker()
                .map(X509Certificate::getSubjectX500Principal)
                .map(Object::toString)
                .orElse(null);
        var p = seal.property();
        SignatureDetail detail = new SignatureDetail(
                seal.esId(),
                "SEAL",
                decisive == null
                        ? Indication.TOTAL_PASSED
                        : decisive.status() == Check.Status.FAILED ? Indication.TOTAL_FAILED : Indication.INDETERMINATE,
                decisive == null ? null : decisive.subIndication(),
                maker,
                SignatureAlgorithm.byOid(seal.signatureAlgorithm())
                        .map(SignatureAlgorithm::jcaName)
                        .orElse(seal.signatureAlgorithm()),
                at,
                "VALIDATION_TIME",
                "SES_SealInfo (" + seal.version() + ")",
                new SignatureDetail.Seal(
                        seal.esId(), p.name(), String.valueOf(p.type()), p.validStart(), p.validEnd(), maker),
                sealChecks);
        return Reports.of(DOCUMENT_TYPE, document, at, documentChecks, List.of(detail), null, warnings);
    }
}
