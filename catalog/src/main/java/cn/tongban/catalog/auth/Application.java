package cn.tongban.catalog.auth;

import java.time.Instant;
import java.util.List;

/**
 * A consumer's application for a resource. {@code validFrom} defaults to now and {@code validUntil} to the
 * configured default validity after it.
 */
public record Application(
        String consumerSystem,
        String resourceCode,
        String purpose,
        String serviceItemCode,
        List<String> fields,
        String legalBasis,
        Instant validFrom,
        Instant validUntil) {
    public Application {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
