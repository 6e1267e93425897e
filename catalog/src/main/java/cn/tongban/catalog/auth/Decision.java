package cn.tongban.catalog.auth;

import java.util.List;

/**
 * The answer to "is consumer system C authorised for resource R, purpose P, fields F at instant T": what the
 * exchange enforces. {@code authorisationId} names the authorisation that allows it (or the closest one that
 * does not); {@code deniedFields} lists requested fields outside the authorisation.
 */
public record Decision(boolean allowed, Reason reason, String detail, String authorisationId,
                       List<String> deniedFields) {
    public Decision {
        deniedFields = deniedFields == null ? List.of() : List.copyOf(deniedFields);
    }

    /** Why. Only {@code GRANTED} allows. */
    public enum Reason {
        GRANTED,
        UNKNOWN_RESOURCE,
        RESOURCE_NOT_PUBLISHED,
        NOT_SHARED,
        UNKNOWN_FIELDS,
        NO_AUTHORISATION,
        PENDING,
        REFUSED,
        REVOKED,
        EXPIRED,
        NOT_YET_VALID,
        FIELDS_NOT_AUTHORISED
    }

    static Decision deny(Reason reason, String detail, String id) {
        return new Decision(false, reason, detail, id, List.of());
    }
}
