package cn.tongban.exchange.events;

import java.net.URI;
import java.time.Instant;

/** A consumer system's subscription to the change events of one resource, delivered to its webhook. */
public record Subscription(String id, String consumerSystem, String resourceCode, URI webhook, Instant createdAt,
                           Instant cancelledAt) {

    public boolean active() {
        return cancelledAt == null;
    }
}
