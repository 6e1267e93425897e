package cn.tongban.catalog.auth;

import java.util.List;

/**
 * The answer to "is consumer system C authorised for resource R, purpose P, service item S, fields F at instant T"
 * ({@link AuthorisationDecision}): what the exchange enforces. {@code authorisationId} names the authorisation that
 * allows it (or the closest one that does not; null for an unconditional resource, which needs none);
 * {@code deniedFields} lists requested fields outside the authorisation, or not items of the resource;
 * {@code allowedFields} lists the information items allowed (empty when denied).
 */
public record Decision(
        boolean allowed,
        Reason reason,
        String detail,
        String authorisationId,
        List<String> deniedFields,
        List<String> allowedFields) {
    public Decision {
        deniedFields = deniedFields == null ? List.of() : List.copyOf(deniedFields);
        allowedFields = allowedFields == null ? List.of() : List.copyOf(allowedFields);
    }

    /** Why. Only {@code GRANTED} allows. */
    public enum Reason {
        GRANTED,
        UNKNOWN_RESOURCE,
        RESOURCE_NOT_PUBLISHED,
        NOT_SHARED,
        UNKNOWN_FIELDS,
        NO_AUTHORISATION,
        /** Authorisations are in force, but none for the stated purpose and service item. */
        PURPOSE_MISMATCH,
        PENDING,
        REFUSED,
        REVOKED,
        EXPIRED,
        NOT_YET_VALID,
        FIELDS_NOT_AUTHORISED
    }

    static Decision deny(Reason reason, String detail, String id) {
        return new Decision(false, reason, detail, id, List.of(), List.of());
    }
}
