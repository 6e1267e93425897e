package cn.tongban.seal.report;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Injection point for certificate path validation: chain to a trust anchor, key usage, validity and revocation
 * judged at the signing time (GM/T 0031-2014 §6.1.2 step 3 for the seal maker, §6.2.3 step 4 for the signer;
 * docs/STANDARDS.md §1.5). The OFD verifier collects every other fact itself and asks this judge only about certificates;
 * the {@code trust} module supplies the real implementation.
 */
@FunctionalInterface
public interface CertificateJudge {

    /** Whose certificate is judged. */
    enum Purpose {
        /** The seal maker's certificate, SESeal.cert: must chain to a trusted seal-making authority. */
        SEAL_MAKER,
        /** The signer's certificate, SES_Signature.cert (v1: TBS_Sign.cert). */
        SIGNER
    }

    /**
     * The verdict on a certificate.
     *
     * @param status        PASSED, FAILED or INDETERMINATE
     * @param subIndication why it did not pass (e.g. NO_CERTIFICATE_CHAIN_FOUND, REVOKED); empty when passed
     * @param detail        the facts behind the verdict
     * @param warnings      what was deliberately not checked (e.g. revocation of a certificate that declares no
     *                      source, as its anchor set allows), each starting with its rule name; reported, never
     *                      changing the verdict
     */
    record Judgement(
            Check.Status status,
            Optional<SubIndication> subIndication,
            String detail,
            java.util.List<String> warnings) {

        public Judgement {
            Objects.requireNonNull(status);
            Objects.requireNonNull(subIndication);
            Objects.requireNonNull(detail);
            warnings = java.util.List.copyOf(warnings);
            if ((status == Check.Status.PASSED) != subIndication.isEmpty()) {
                throw new IllegalArgumentException(
                        "a sub-indication goes with, and only with, a verdict that did not pass");
            }
        }

        public Judgement(Check.Status status, Optional<SubIndication> subIndication, String detail) {
            this(status, subIndication, detail, java.util.List.of());
        }

        /** The same verdict with {@code more} warnings; the detail names them too, for reports without warnings. */
        public Judgement withWarnings(java.util.List<String> more) {
            if (more.isEmpty()) {
                return this;
            }
            java.util.List<String> all = new java.util.ArrayList<>(warnings);
            all.addAll(more);
            return new Judgement(status, subIndication, detail + "; warning: " + String.join("; warning: ", more), all);
        }

        public static Judgement passed(String detail) {
            return new Judgement(Check.Status.PASSED, Optional.empty(), detail);
        }

        public static Judgement failed(SubIndication why, String detail) {
            return new Judgement(Check.Status.FAILED, Optional.of(why), detail);
        }

        public static Judgement indeterminate(SubIndication why, String detail) {
            return new Judgement(Check.Status.INDETERMINATE, Optional.of(why), detail);
        }
    }

    /**
     * Judges {@code cert} for {@code purpose} at instant {@code at} (the signing time). Must not throw for a bad
     * certificate; a thrown exception is reported as INDETERMINATE by the verifier.
     */
    Judgement judge(X509Certificate cert, Instant at, Purpose purpose);

    /** The default until path validation is wired in: every certificate INDETERMINATE, "chain not validated". */
    static CertificateJudge unvalidated() {
        return (cert, at, purpose) -> Judgement.indeterminate(
                SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                "chain not validated: no certificate path validation configured");
    }
}
