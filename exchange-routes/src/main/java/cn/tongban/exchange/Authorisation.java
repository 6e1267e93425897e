package cn.tongban.exchange;

import java.time.Instant;
import java.util.Set;

/**
 * An approved authorisation as the exchange enforces it: consumer system, resource, the purpose and service item
 * it was approved for ({@code serviceItem} null = any service item), the information items it covers, and its
 * validity {@code [validFrom, validTo)}.
 */
public record Authorisation(String id, String consumerSystem, String resourceCode, String purpose,
                            String serviceItem, Set<String> fields, Instant validFrom, Instant validTo) {
    public Authorisation {
        fields = Set.copyOf(fields);
    }

    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && at.isBefore(validTo);
    }
}
