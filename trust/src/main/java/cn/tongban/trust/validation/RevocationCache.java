package cn.tongban.trust.validation;

import java.time.Instant;
import java.util.Optional;

/**
 * Cache of verified revocation statuses ({@link RevocationStatus.Good} or {@link RevocationStatus.Revoked}). An
 * entry must not be served at or after its {@code nextUpdate} (RFC 5280 §5.1.2.5, RFC 6960 §4.2.2.1). The
 * server can back this with a distributed map keyed by {@link RevocationKey#asString()}.
 */
public interface RevocationCache {

    Optional<RevocationStatus> get(RevocationKey key);

    /** Stores {@code status} until {@code nextUpdate} (exclusive). */
    void put(RevocationKey key, RevocationStatus status, Instant nextUpdate);

    /** A cache that stores nothing. */
    static RevocationCache none() {
        return new RevocationCache() {
            @Override
            public Optional<RevocationStatus> get(RevocationKey key) {
                return Optional.empty();
            }

            @Override
            public void put(RevocationKey key, RevocationStatus status, Instant nextUpdate) {}
        };
    }
}
