package cn.tongban.seal.registry;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cn.tongban.seal.report.CertificateJudge.Judgement;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The registry's verdict on a seal at a signing time, from the seal's status history alone (GM/T 0031-2014 §6.1.2:
 * a seal's status is judged at the signing time, like a certificate's; docs/STANDARDS.md §1.5). The status in
 * effect is that of the last change that took effect at or before the signing time, whenever it was recorded:
 * <ul>
 *   <li>REVOKED then (a back-dated revocation too) → FAILED {@link SubIndication#SEAL_REVOKED};</li>
 *   <li>SUSPENDED then → FAILED {@link SubIndication#SEAL_SUSPENDED}, even when reinstated since;</li>
 *   <li>ACTIVE then (never changed, reinstated before signing, or signed before registration) → PASSED, with a
 *       note when the seal is suspended or revoked now, by a change that took effect after signing.</li>
 * </ul>
 * A seal the registry does not hold, or holds other bytes of, is judged by {@link #notRegistered} and
 * {@link #otherBytes}. Pure: no database, no clock.
 */
public final class SealStanding {

    static final String CLAUSE = "seal registry; GM/T 0031-2014 §6.1.2 (seal status at the signing time)";

    private SealStanding() {}

    /**
     * @param esId        the seal's esID, for the details
     * @param owner       the owning organisation, for the details
     * @param history     every status change, oldest first (the registration first); the last is the current status
     * @param signingTime the time the stamp claims
     */
    public static Judgement judge(String esId, String owner, List<StatusChange> history, Instant signingTime) {
        StatusChange then = inEffect(history, signingTime).orElse(null);
        if (then != null && then.status() != SealStatus.ACTIVE) {
            return Judgement.failed(
                    then.status() == SealStatus.SUSPENDED ? SubIndication.SEAL_SUSPENDED : SubIndication.SEAL_REVOKED,
                    "seal " + esId + " was " + name(then.status()) + " at " + then.at() + " (" + then.reason()
                            + "), before the signing time " + signingTime);
        }
        StatusChange current = history.isEmpty() ? null : history.get(history.size() - 1);
        if (current != null && current.status() != SealStatus.ACTIVE) {
            return Judgement.passed("seal " + esId + " was active at the signing time " + signingTime
                    + "; note: " + name(current.status()) + " since " + current.at() + " (" + current.reason()
                    + "), after signing, so this stamp stays valid");
        }
        return Judgement.passed("seal " + esId + " is registered to " + owner + " and active");
    }

    /** The change in effect at {@code t}: the last one that took effect at or before it; empty before the first. */
    public static Optional<StatusChange> inEffect(List<StatusChange> history, Instant t) {
        StatusChange last = null;
        for (StatusChange c : history) {
            if (!c.at().isAfter(t)) {
                last = c;
            }
        }
        return Optional.ofNullable(last);
    }

    /** INDETERMINATE {@link SubIndication#SEAL_NOT_REGISTERED}: the registry does not know the seal. */
    public static Judgement notRegistered(String esId) {
        return Judgement.indeterminate(
                SubIndication.SEAL_NOT_REGISTERED, "seal " + esId + " is not in the registry (" + CLAUSE + ")");
    }

    /** FAILED {@link SubIndication#SEAL_NOT_REGISTERED}: another seal is registered under the same esID. */
    public static Judgement otherBytes(String esId) {
        return Judgement.failed(
                SubIndication.SEAL_NOT_REGISTERED,
                "the registry holds a different seal under esID " + esId + " (SHA-256 differs)");
    }

    private static String name(SealStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
