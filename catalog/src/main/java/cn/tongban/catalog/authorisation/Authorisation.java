package cn.tongban.catalog.authorisation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One application for a resource and where it stands. {@code decideBy} is the last working day the provider's
 * approver has (conditional resources); {@code version} is the optimistic-lock version a decision must quote.
 */
public record Authorisation(String id, String consumerSystem, String resourceCode, String purpose, String serviceItem,
                            List<String> fields, String legalBasis, Status status, Instant requestedAt,
                            String requestedBy, LocalDate decideBy, Instant decidedAt, String decidedBy, String reason,
                            Instant validFrom, Instant validTo, int version) {

    public enum Status { PENDING, APPROVED, REFUSED, REVOKED }

    public Authorisation {
        fields = List.copyOf(fields);
    }

    /** Approved and inside {@code [validFrom, validTo)} at {@code at}. */
    public boolean grantsAt(Instant at) {
        return status == Status.APPROVED && !at.isBefore(validFrom) && at.isBefore(validTo);
    }
}
