package cn.tongban.trust.validation;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A process-local {@link RevocationCache}; entries are evicted when the injected clock reaches nextUpdate. */
public final class InMemoryRevocationCache implements RevocationCache {

    private record Entry(RevocationStatus status, Instant nextUpdate) {}

    private final Clock clock;
    private final ConcurrentMap<RevocationKey, Entry> entries = new ConcurrentHashMap<>();

    public InMemoryRevocationCache(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<RevocationStatus> get(RevocationKey key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.nextUpdate())) {
            // RFC 5280 §5.1.2.5 / RFC 6960 §4.2.2.1: newer information is due; do not serve the old status.
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.status());
    }

    @Override
    public void put(RevocationKey key, RevocationStatus status, Instant nextUpdate) {
        if (nextUpdate != null && clock.instant().isBefore(nextUpdate)) {
            entries.put(key, new Entry(status, nextUpdate));
        }
    }

    /** Number of live and not-yet-evicted entries. */
    public int size() {
        return entries.size();
    }
}
