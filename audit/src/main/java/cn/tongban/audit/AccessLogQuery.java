package cn.tongban.audit;

import java.time.Instant;

/**
 * Filters for reading the access log; null fields do not filter. {@code before} is a sequence cursor;
 * {@code subjectKey} finds the entries about one data subject (see {@link SubjectKeys}).
 */
public record AccessLogQuery(Instant from, Instant to, String actor, String action, Long before, int limit,
                             String subjectKey) {
    public AccessLogQuery {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
    }

    public AccessLogQuery(Instant from, Instant to, String actor, String action, Long before, int limit) {
        this(from, to, actor, action, before, limit, null);
    }
}
