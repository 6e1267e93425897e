package cn.tongban.catalog.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceStatus;

/**
 * The one authorisation decision (docs/STANDARDS.md §4): may consumer system C receive fields F of resource R for
 * purpose P and service item S at instant T? A pure function of the resource's status, items and sharing type, the
 * consumer's authorisations for the resource, the request and the instant. The catalogue's check endpoint
 * ({@link Authorisations#decide}) answers it and the exchange enforces it; neither has a rule of its own.
 *
 * <p>The rules, in the order they are applied:
 * <ol>
 *   <li>only a published resource is shared ({@code RESOURCE_NOT_PUBLISHED});</li>
 *   <li>a requested field that is not an information item of the resource makes the request malformed, whatever
 *       the sharing type ({@code UNKNOWN_FIELDS});</li>
 *   <li>不予共享: never ({@code NOT_SHARED});</li>
 *   <li>无条件共享: any consumer, for any purpose, every requested item (or every item when none is requested),
 *       without an authorisation ({@code GRANTED}, no authorisation id);</li>
 *   <li>有条件共享: an authorisation in force at T (granted and decided by T, not revoked by T, T within
 *       [validFrom, validUntil)) for this consumer, this resource, the stated purpose (compared without leading
 *       and trailing blanks) and the service item it was granted for, covering every requested field. The consumer
 *       states its purpose and uses the data only for it: a service item code is not a purpose. Asking for no
 *       field means "what I am authorised for": the widest such authorisation. When none is in force, the reason
 *       says why: in force but for another purpose or service item ({@code PURPOSE_MISMATCH}), else the state of
 *       the closest application for this purpose ({@code REVOKED}, {@code EXPIRED}, {@code NOT_YET_VALID},
 *       {@code PENDING}, {@code REFUSED}, in that order of precedence), else {@code NO_AUTHORISATION}.</li>
 * </ol>
 * Among several authorisations, the most recently applied one wins a tie.
 */
public final class AuthorisationDecision {

    private static final List<Decision.Reason> PRECEDENCE = List.of(
            Decision.Reason.REVOKED,
            Decision.Reason.EXPIRED,
            Decision.Reason.NOT_YET_VALID,
            Decision.Reason.PENDING,
            Decision.Reason.REFUSED);

    private AuthorisationDecision() {}

    /**
     * @param resource    the resource as the catalogue holds it now
     * @param held        the consumer's authorisations for the resource, in any state (others are ignored)
     * @param consumer    the consumer system
     * @param purpose     the purpose the consumer states
     * @param serviceItem the service item the consumer states (null: none)
     * @param fields      the information items wanted; empty means every item the consumer may receive
     * @param at          the instant the decision is about
     */
    public static Decision decide(
            Resource resource,
            Collection<Authorisation> held,
            String consumer,
            String purpose,
            String serviceItem,
            Collection<String> fields,
            Instant at) {
        List<String> wanted = fields.stream().distinct().toList();
        if (resource.status() != ResourceStatus.PUBLISHED) {
            return Decision.deny(Decision.Reason.RESOURCE_NOT_PUBLISHED, "Resource is " + resource.status(), null);
        }
        List<String> unknown =
                wanted.stream().filter(f -> resource.item(f) == null).toList();
        if (!unknown.isEmpty()) {
            return new Decision(
                    false,
                    Decision.Reason.UNKNOWN_FIELDS,
                    "Not information items of " + resource.code(),
                    null,
                    unknown,
                    List.of());
        }
        return switch (resource.sharingType()) {
            case NOT_SHARED ->
                Decision.deny(Decision.Reason.NOT_SHARED, "Not shared: " + resource.sharingBasis(), null);
            case UNCONDITIONAL ->
                new Decision(
                        true,
                        Decision.Reason.GRANTED,
                        "Unconditional sharing (无条件共享): no authorisation needed",
                        null,
                        List.of(),
                        wanted.isEmpty()
                                ? resource.items().stream()
                                        .map(InformationItem::name)
                                        .toList()
                                : wanted);
            case CONDITIONAL -> conditional(resource, held, consumer, purpose, serviceItem, wanted, at);
        };
    }

    private static Decision conditional(
            Resource resource,
            Collection<Authorisation> held,
            String consumer,
            String purpose,
            String serviceItem,
            List<String> wanted,
            Instant at) {
        List<Authorisation> mine = held.stream()
                .filter(a ->
                        a.consumerSystem().equals(consumer) && a.resourceCode().equals(resource.code()))
                .sorted(Comparator.comparing(Authorisation::appliedAt).reversed())
                .toList();
        String stated = purpose == null ? null : purpose.strip();
        List<Authorisation> candidates = mine.stream()
                .filter(a -> stated != null && a.purpose().strip().equals(stated))
                .filter(a -> a.serviceItemCode() == null || a.serviceItemCode().equals(serviceItem))
                .toList();
        if (candidates.isEmpty()) {
            if (mine.stream().anyMatch(a -> inForce(a, at))) {
                return Decision.deny(
                        Decision.Reason.PURPOSE_MISMATCH,
                        "The authorisations of " + consumer
                                + " for " + resource.code() + " in force at " + at
                                + " were granted for another purpose or service item",
                        null);
            }
            return Decision.deny(
                    Decision.Reason.NO_AUTHORISATION,
                    "No application by " + consumer + " for " + resource.code() + " with purpose " + purpose
                            + " and service item " + serviceItem,
                    null);
        }
        List<Authorisation> inForce =
                candidates.stream().filter(a -> inForce(a, at)).toList();
        if (!inForce.isEmpty()) {
            return fieldsOf(inForce, wanted);
        }
        for (Decision.Reason reason : PRECEDENCE) {
            for (Authorisation a : candidates) {
                if (reasonAt(a, at) == reason) {
                    return Decision.deny(reason, describe(a, reason), a.id());
                }
            }
        }
        return Decision.deny(Decision.Reason.NO_AUTHORISATION, "No authorisation in force at " + at, null);
    }

    /** Among authorisations in force (newest first): the widest, the first covering, or the closest miss. */
    private static Decision fieldsOf(List<Authorisation> inForce, List<String> wanted) {
        if (wanted.isEmpty()) {
            Authorisation widest = inForce.get(0);
            for (Authorisation a : inForce) {
                if (a.fields().size() > widest.fields().size()) {
                    widest = a;
                }
            }
            return granted(widest, widest.fields());
        }
        Authorisation closest = null;
        List<String> closestMissing = null;
        for (Authorisation a : inForce) {
            List<String> missing =
                    wanted.stream().filter(f -> !a.fields().contains(f)).toList();
            if (missing.isEmpty()) {
                return granted(a, wanted);
            }
            if (closestMissing == null || missing.size() < closestMissing.size()) {
                closest = a;
                closestMissing = missing;
            }
        }
        return new Decision(
                false,
                Decision.Reason.FIELDS_NOT_AUTHORISED,
                "Fields outside the authorisation",
                Objects.requireNonNull(closest).id(),
                closestMissing,
                List.of());
    }

    private static Decision granted(Authorisation a, List<String> fields) {
        return new Decision(
                true, Decision.Reason.GRANTED, "Granted until " + a.validUntil(), a.id(), List.of(), fields);
    }

    /**
     * Whether {@code a} allowed access at {@code at}: granted and decided by then, not yet revoked then (a later
     * revocation does not undo what was allowed before it), and within its validity.
     */
    static boolean inForce(Authorisation a, Instant at) {
        boolean granted = a.storedStatus() == AuthorisationStatus.GRANTED
                || (a.storedStatus() == AuthorisationStatus.REVOKED
                        && a.revokedAt() != null
                        && a.revokedAt().isAfter(at));
        return granted
                && a.decidedAt() != null
                && !a.decidedAt().isAfter(at)
                && !a.validFrom().isAfter(at)
                && a.validUntil().isAfter(at);
    }

    /** Why an authorisation that is not in force at {@code at} did not allow access then. */
    @SuppressWarnings("fallthrough") // a revocation still ahead falls through to the grant it still is
    private static Decision.Reason reasonAt(Authorisation a, Instant at) {
        switch (a.storedStatus()) {
            case PENDING:
                return Decision.Reason.PENDING;
            case REFUSED:
                return a.decidedAt() != null && a.decidedAt().isAfter(at)
                        ? Decision.Reason.PENDING
                        : Decision.Reason.REFUSED;
            case REVOKED:
                if (a.revokedAt() == null || !a.revokedAt().isAfter(at)) {
                    return Decision.Reason.REVOKED;
                }
            // fall through: before its revocation it was a grant
            default:
                if (a.decidedAt() != null && a.decidedAt().isAfter(at)) {
                    return Decision.Reason.PENDING;
                }
                if (a.validFrom().isAfter(at)) {
                    return Decision.Reason.NOT_YET_VALID;
                }
                return Decision.Reason.EXPIRED;
        }
    }

    private static String describe(Authorisation a, Decision.Reason reason) {
        return switch (reason) {
            case REVOKED -> "Revoked at " + a.revokedAt() + ": " + a.revocationReason();
            case EXPIRED -> "Expired at " + a.validUntil();
            case NOT_YET_VALID -> "Valid from " + a.validFrom();
            case PENDING -> "Awaiting the provider's approval, due " + a.decisionDue();
            case REFUSED -> "Refused: " + a.refusalReason();
            default -> reason.name();
        };
    }
}
