package cn.tongban.exchange.events;

import java.time.Instant;

/** The delivery of one event to one subscription, and how it stands. */
public record Delivery(
        String eventId,
        String subscriptionId,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant deliveredAt) {

    public enum Status {
        /** Not yet acknowledged; tried again at {@code nextAttemptAt}. */
        PENDING,
        /** The webhook answered 2xx. */
        DELIVERED,
        /** Attempts ran out: a dead letter, kept until an administrator redelivers it. */
        DEAD
    }
}
