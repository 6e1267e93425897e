package cn.tongban.audit;

import java.time.Instant;

/**
 * Filters for reading the access log; null fields do not filter. {@code from} is inclusive, {@code to}
 * exclusive; {@code actor} is the acting system (or user), {@code department} its department code;
 * {@code subjectKey} finds the entries about one data subject (see {@link SubjectKeys}); {@code before} is a
 * sequence cursor for pages, newest first, of at most {@code limit} (1..500) entries.
 */
public record AccessLogQuery(
        Instant from,
        Instant to,
        String actor,
        String department,
        String action,
        String resourceCode,
        String purpose,
        String serviceItem,
        String subjectKey,
        AccessEntry.Outcome outcome,
        Long before,
        int limit) {

    public static final int MAX_LIMIT = 500;

    public AccessLogQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
    }

    public AccessLogQuery(
            Instant from, Instant to, String actor, String action, Long before, int limit, String subjectKey) {
        this(from, to, actor, null, action, null, null, null, subjectKey, null, before, limit);
    }

    public AccessLogQuery(Instant from, Instant to, String actor, String action, Long before, int limit) {
        this(from, to, actor, action, before, limit, null);
    }

    /** No filter: every entry, newest first, {@code limit} at a time. */
    public static AccessLogQuery all(int limit) {
        return new AccessLogQuery(null, null, null, null, null, limit);
    }

    /** The same filters, the page before {@code sequence} with {@code n} entries. */
    public AccessLogQuery page(Long beforeSequence, int n) {
        return new AccessLogQuery(
                from,
                to,
                actor,
                department,
                action,
                resourceCode,
                purpose,
                serviceItem,
                subjectKey,
                outcome,
                beforeSequence,
                n);
    }
}
