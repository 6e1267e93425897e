package cn.tongban.seal.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.report.SealStatusSource;
import cn.tongban.seal.report.Verdict;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Verifies a bare seal file ({@code .esl}: a DER SESeal, v1, v4 or v5) with the steps of GM/T 0031-2014 §6.1.2
 * (GB/T 38540 §6.3; docs/STANDARDS.md §1.5), at a time the caller gives — the validation time, where a stamp's seal is
 * judged at its signing time by the OFD and PDF verifiers: the format (step 1); the maker's signature over
 * SES_SealInfo on the original bytes (step 2); the picture being what its SES_ESPictureInfo declares; the seal's
 * validity, validStart ≤ t ≤ validEnd (step 4); the maker's certificate chaining to a seal-making authority, valid
 * and not revoked at t (step 3); and the registry's status at t when a registry is given. Every check the data
 * allows is run, so the report shows all the facts. Never throws for bad input.
 */
public final class BareSealVerifier {

    static final String CLAUSE_FORMAT = "GM/T 0031-2014 §6.1.2 step 1; GB/T 38540 §6.3; STANDARDS §1.1-1.2";

    private final CertificateJudge judge;
    private final SealStatusSource registry;

    /** @param registry consulted for the seal's status at the time judged; null for none */
    public BareSealVerifier(CertificateJudge judge, SealStatusSource registry) {
        this.judge = Objects.requireNonNull(judge);
        this.registry = registry;
    }

    public BareSealReport verify(byte[] der, Instant at) {
        Objects.requireNonNull(at);
        List<Check> checks = new ArrayList<>();
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(der);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            checks.add(new Check(
                    "SEAL_FORMAT",
                    Check.Status.FAILED,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_FORMAT,
                    "not a GB/T 38540 SESeal: " + m.reason() + " at " + m.path()));
            return report(at, checks, Optional.empty(), Optional.empty());
        }
        SesSeal seal = decoded.orElseThrow();
        checks.add(new Check(
                "SEAL_FORMAT",
                Check.Status.PASSED,
                null,
                CLAUSE_FORMAT,
                "SESeal " + seal.version() + ", esID " + seal.esId() + ", vendor "
                        + seal.header().vid()
                        + (seal.timeStamp().isPresent() ? "; its v5 timeStamp is not evaluated" : "")));
        checks.add(SealChecks.sealSignature(SealSignatures.verifySeal(seal)));
        checks.add(SealChecks.picture(seal.picture()));
        checks.add(SealChecks.validity(seal, at, "validated at"));
        Optional<X509Certificate> maker = SealSignatures.parseCertificate(seal.makerCertificate());
        checks.add(SealChecks.makerCertificate(judge, seal, at));
        if (registry != null) {
            checks.add(SealChecks.registry(registry, seal, at));
        }
        return report(at, checks, Optional.of(seal), maker);
    }

    private static BareSealReport report(
            Instant at, List<Check> checks, Optional<SesSeal> seal, Optional<X509Certificate> maker) {
        Verdict v = Verdict.of(checks);
        return new BareSealReport(v.indication(), v.subIndication(), at, checks, seal, maker);
    }
}
