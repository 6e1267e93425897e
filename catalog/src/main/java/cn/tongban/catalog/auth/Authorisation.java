package cn.tongban.catalog.auth;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A consumer system's application for, and authorisation to, a resource: for a purpose and service item,
 * limited to the listed information items, on a legal basis, valid over [validFrom, validUntil).
 * {@code decisionDue} is the provider approver's deadline (working days) for a conditional resource.
 */
public record Authorisation(
        String id,
        String consumerSystem,
        String resourceCode,
        String purpose,
        String serviceItemCode,
        List<String> fields,
        String legalBasis,
        AuthorisationStatus storedStatus,
        Instant validFrom,
        Instant validUntil,
        Instant appliedAt,
        String appliedBy,
        LocalDate decisionDue,
        Instant decidedAt,
        String decidedBy,
        String refusalReason,
        Instant revokedAt,
        String revokedBy,
        String revocationReason,
        int version) {
    public Authorisation {
        fields = List.copyOf(fields);
    }

    /** The status at {@code at}: a granted authorisation past its validity is expired. */
    public AuthorisationStatus statusAt(Instant at) {
        if (storedStatus == AuthorisationStatus.GRANTED && !at.isBefore(validUntil)) {
            return AuthorisationStatus.EXPIRED;
        }
        return storedStatus;
    }

    /** Whether a pending application has passed its decision deadline on {@code today}. */
    public boolean overdue(LocalDate today) {
        return storedStatus == AuthorisationStatus.PENDING && decisionDue != null && today.isAfter(decisionDue);
    }
}
