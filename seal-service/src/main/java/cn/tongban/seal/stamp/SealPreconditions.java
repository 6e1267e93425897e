package cn.tongban.seal.stamp;

import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.codec.SvgPicture;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SignatureCheck;

/**
 * What must hold before a stamp is made, so no document leaves with a stamp that cannot verify (the checks of
 * docs/STANDARDS.md §1.5 that the stamper can know): the seal decodes and is v4/v5 or v1, the seal maker's signature
 * verifies (GM/T 0031-2014 §6.1.2 step 2), the signer is one of the seal's signers (§6.2.3 step 3), and the
 * signing time is inside the seal's validity (§6.1.2 step 4) and the signer certificate's validity; and an SVG
 * picture, which the document carries verbatim, is a self-contained drawing ({@link SvgPicture}, docs/STANDARDS.md §1.1).
 * The one place these conditions are checked: the stampers and {@code cn.tongban.seal.issue.Stamping} call it.
 */
public final class SealPreconditions {

    /** The condition a {@link Violation} breaks. */
    public enum Condition {
        /** the seal is not a GB/T 38540 SESeal */
        SEAL_FORMAT,
        /** GM/T 0031-2014 §6.1.2 step 2 */
        MAKER_SIGNATURE,
        /** GM/T 0031-2014 §6.2.3 step 3 */
        SIGNER_IN_SEAL,
        /** GM/T 0031-2014 §6.1.2 step 4 */
        SEAL_VALIDITY,
        /** docs/STANDARDS.md §1.1: an SVG picture is self-contained */
        PICTURE,
        /** the signer certificate's own validity */
        SIGNER_VALIDITY
    }

    /** One broken condition and the reason, as a stamp refusal states it. */
    public record Violation(Condition condition, String reason) {}

    /**
     * The outcome of the checks for one seal, signer and signing time: the decoded seal (absent only when it does
     * not decode) and every violated condition, in the order the reasons have always been listed.
     */
    public static final class Findings {
        private final byte[] sealDer;
        private final SesSeal seal;
        private final SigningKey signer;
        private final Instant at;
        private final List<Violation> violations;

        private Findings(byte[] sealDer, SesSeal seal, SigningKey signer, Instant at, List<Violation> violations) {
            this.sealDer = sealDer;
            this.seal = seal;
            this.signer = signer;
            this.at = at;
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }

        public boolean violates(Condition condition) {
            return violations.stream().anyMatch(v -> v.condition() == condition);
        }

        public List<String> reasons() {
            return violations.stream().map(Violation::reason).toList();
        }

        /** The seal, signer and time, checked. @throws StampException listing every violated condition */
        public Checked checked() {
            if (!violations.isEmpty()) {
                throw new StampException(reasons());
            }
            return new Checked(sealDer, seal, signer, at);
        }
    }

    /** A seal, signer and signing time that passed every condition; only {@link Findings#checked} makes one. */
    public static final class Checked {
        private final byte[] sealDer;
        private final SesSeal seal;
        private final SigningKey signer;
        private final Instant at;

        private Checked(byte[] sealDer, SesSeal seal, SigningKey signer, Instant at) {
            this.sealDer = sealDer;
            this.seal = seal;
            this.signer = signer;
            this.at = at;
        }

        public byte[] sealDer() {
            return sealDer;
        }

        public SesSeal seal() {
            return seal;
        }

        public SigningKey signer() {
            return signer;
        }

        /** The signing time the conditions were checked at; the stamp carries it. */
        public Instant at() {
            return at;
        }
    }

    private SealPreconditions() {}

    /** The decoded seal. @throws StampException listing every violated condition */
    public static SesSeal check(byte[] sealDer, SigningKey signer, Instant at) {
        return evaluate(sealDer, signer, at).checked().seal();
    }

    /** Every condition checked, none thrown: the caller decides how each violation is refused. */
    public static Findings evaluate(byte[] sealDer, SigningKey signer, Instant at) {
        Objects.requireNonNull(signer);
        Objects.requireNonNull(at);
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(sealDer);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            return new Findings(
                    sealDer,
                    null,
                    signer,
                    at,
                    List.of(new Violation(
                            Condition.SEAL_FORMAT,
                            "the seal is not a GB/T 38540 SESeal: " + m.reason() + " at " + m.path())));
        }
        SesSeal seal = decoded.orElseThrow();
        List<Violation> violations = new ArrayList<>();
        SignatureCheck sealSignature = SealSignatures.verifySeal(seal);
        if (!sealSignature.valid()) {
            violations.add(new Violation(
                    Condition.MAKER_SIGNATURE,
                    "the seal maker's signature does not verify: " + sealSignature.detail()));
        }
        try {
            SignatureCheck member = SealSignatures.signerMatchesSeal(
                    Bytes.of(signer.certificate().getEncoded()), seal);
            if (!member.valid()) {
                violations.add(new Violation(
                        Condition.SIGNER_IN_SEAL, "the signer is not one of the seal's signers: " + member.detail()));
            }
        } catch (CertificateEncodingException e) {
            violations.add(new Violation(Condition.SIGNER_IN_SEAL, "the signer certificate cannot be encoded"));
        }
        var p = seal.property();
        if (at.isBefore(p.validStart()) || at.isAfter(p.validEnd())) {
            violations.add(new Violation(
                    Condition.SEAL_VALIDITY,
                    "signing time " + at + " is outside the seal's validity " + p.validStart() + ".." + p.validEnd()));
        }
        if ("SVG".equalsIgnoreCase(seal.picture().type().strip())) {
            Optional<String> problem = SvgPicture.problem(seal.picture().data().value());
            problem.ifPresent(pr -> violations.add(
                    new Violation(Condition.PICTURE, "the seal's SVG picture cannot be embedded: " + pr)));
        }
        var cert = signer.certificate();
        if (at.isBefore(cert.getNotBefore().toInstant())
                || at.isAfter(cert.getNotAfter().toInstant())) {
            violations.add(new Violation(
                    Condition.SIGNER_VALIDITY, "signing time " + at + " is outside the signer certificate's validity"));
        }
        return new Findings(sealDer, seal, signer, at, violations);
    }
}
