package cn.tongban.exchange.events;

import java.time.Instant;

/**
 * A change event a provider published for one of its resources. {@code payload} is a JSON object chosen by the
 * provider (e.g. the dataset version, or the changed record's key); it must not carry personal data in clear.
 */
public record ResourceEvent(
        String id, String resourceCode, String type, String publisher, String payload, Instant publishedAt) {}
