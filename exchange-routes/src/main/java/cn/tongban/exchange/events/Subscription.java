package cn.tongban.exchange.events;

import java.net.URI;
import java.time.Instant;

/**
 * A consumer system's subscription to the change events of one resource, delivered to its webhook, for a stated
 * purpose and service item (what its entitlement is checked against).
 */
public record Subscription(
        String id,
        String consumerSystem,
        String resourceCode,
        URI webhook,
        String purpose,
        String serviceItem,
        Instant createdAt,
        Instant cancelledAt) {

    public boolean active() {
        return cancelledAt == null;
    }
}
