package cn.tongban.audit;

import java.time.Instant;

/**
 * One access-log entry: who (actor) did what (action) to which resource, when, with what outcome.
 * {@code sequence} is 0 until the entry is appended.
 */
public record AccessEntry(long sequence, Instant time, String node, String actor, String action,
                          String resourceCode, Outcome outcome, String errorCode, String correlationId) {

    public enum Outcome { OK, REFUSED, FAILED }

    public AccessEntry withSequence(long seq) {
        return new AccessEntry(seq, time, node, actor, action, resourceCode, outcome, errorCode, correlationId);
    }
}
