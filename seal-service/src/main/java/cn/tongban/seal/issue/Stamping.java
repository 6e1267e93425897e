package cn.tongban.seal.issue;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.pdf.PdfStamper;
import cn.tongban.seal.registry.RegisteredSeal;
import cn.tongban.seal.registry.SealStatus;
import cn.tongban.seal.stamp.SealPreconditions;
import cn.tongban.seal.stamp.SealPreconditions.Condition;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;

/**
 * Stamping a PDF or OFD with a seal: the one path the server's {@code POST /api/v1/seals/{esId}/stamp} and the CLI's
 * {@code stamp} share. {@link #prepare} checks the seal and the signer once ({@link SealPreconditions}, at now in
 * whole seconds, the time the stamp carries) and refuses at once a seal that cannot be used now or a signer that is
 * not one of its signers ({@link StampRefusal}); {@link Prepared#stamp} refuses the remaining violations (maker
 * signature, picture, the signer certificate's validity) with the document's own problems as a
 * {@link StampException}, and otherwise stamps. Thread-safe.
 */
public final class Stamping {

    /** The document formats that take a stamp. */
    public enum Format {
        PDF,
        OFD
    }

    private final Clock clock;
    private final PdfStamper pdf;
    private final OfdStamper ofd;

    public Stamping(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        this.pdf = new PdfStamper(clock);
        this.ofd = new OfdStamper(clock);
    }

    /**
     * The seal and the signer, checked now.
     *
     * @throws StampRefusal SEAL_NOT_VALID_NOW or SIGNER_NOT_IN_SEAL, listing every violated precondition
     */
    public Prepared prepare(byte[] sealDer, SigningKey signer) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SealPreconditions.Findings findings = SealPreconditions.evaluate(sealDer, signer, at);
        if (findings.violates(Condition.SEAL_VALIDITY)) {
            throw new StampRefusal(StampRefusal.Reason.SEAL_NOT_VALID_NOW, findings.reasons());
        }
        if (findings.violates(Condition.SIGNER_IN_SEAL)) {
            throw new StampRefusal(StampRefusal.Reason.SIGNER_NOT_IN_SEAL, findings.reasons());
        }
        return new Prepared(findings);
    }

    /**
     * As {@link #prepare(byte[], SigningKey)} for a registered seal, refusing first one the registry does not hold
     * as ACTIVE.
     *
     * @throws StampRefusal SEAL_NOT_ACTIVE, SEAL_NOT_VALID_NOW or SIGNER_NOT_IN_SEAL
     */
    public Prepared prepare(RegisteredSeal registered, byte[] sealDer, SigningKey signer) {
        if (registered.status() != SealStatus.ACTIVE) {
            throw new StampRefusal(
                    StampRefusal.Reason.SEAL_NOT_ACTIVE,
                    List.of("the seal is " + registered.status() + " since " + registered.statusAt() + ": "
                            + registered.statusReason()));
        }
        return prepare(sealDer, signer);
    }

    /** A seal and signer checked once; stamps documents at the time they were checked at. */
    public final class Prepared {

        private final SealPreconditions.Findings findings;

        private Prepared(SealPreconditions.Findings findings) {
            this.findings = findings;
        }

        /**
         * The document with one more stamp.
         *
         * @throws StampException listing the seal's remaining violations, or the document's, page's or picture's
         *                        problem (a {@code PDF_BUDGET} rule for a PDF over a budget)
         */
        public byte[] stamp(Format format, byte[] document, StampPosition position) {
            SealPreconditions.Checked checked = findings.checked();
            return switch (format) {
                case PDF -> pdf.stamp(document, checked, position);
                case OFD -> ofd.stamp(document, checked, position);
            };
        }
    }
}
