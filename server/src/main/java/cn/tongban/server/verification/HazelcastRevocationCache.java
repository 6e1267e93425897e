package cn.tongban.server.verification;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import cn.tongban.trust.validation.InMemoryRevocationCache;
import cn.tongban.trust.validation.RevocationCache;
import cn.tongban.trust.validation.RevocationKey;
import cn.tongban.trust.validation.RevocationStatus;

/**
 * Verified revocation statuses shared by the cluster (a cluster fetches an OCSP response or CRL
 * once): a Hazelcast map keyed by {@link RevocationKey#asString()} whose entries live until the status's
 * {@code nextUpdate} (map TTL), in front of it a node-local {@link InMemoryRevocationCache} so repeated checks on
 * one node stay local reads. Neither serves a status at or after its {@code nextUpdate} (RFC 5280 §5.1.2.5,
 * RFC 6960 §4.2.2.1): the local cache evicts by the clock, and a status read from the map is checked against
 * the clock again because the map's TTL runs on its own clock.
 */
public final class HazelcastRevocationCache implements RevocationCache {

    public static final String MAP = "tongban-revocation";

    private record Entry(RevocationStatus status, Instant nextUpdate) implements Serializable {}

    private final IMap<String, Entry> shared;
    private final InMemoryRevocationCache local;
    private final Clock clock;

    public HazelcastRevocationCache(HazelcastInstance hazelcast, Clock clock) {
        this.shared = hazelcast.getMap(MAP);
        this.clock = Objects.requireNonNull(clock);
        this.local = new InMemoryRevocationCache(clock);
    }

    @Override
    public Optional<RevocationStatus> get(RevocationKey key) {
        Optional<RevocationStatus> mine = local.get(key);
        if (mine.isPresent()) {
            return mine;
        }
        Entry entry = shared.get(key.asString());
        if (entry == null || !clock.instant().isBefore(entry.nextUpdate())) {
            return Optional.empty();
        }
        local.put(key, entry.status(), entry.nextUpdate());
        return Optional.of(entry.status());
    }

    @Override
    public void put(RevocationKey key, RevocationStatus status, Instant nextUpdate) {
        Instant now = clock.instant();
        if (nextUpdate == null || !now.isBefore(nextUpdate)) {
            return;
        }
        local.put(key, status, nextUpdate);
        long ttlMillis = Math.max(1, Duration.between(now, nextUpdate).toMillis());
        shared.set(key.asString(), new Entry(status, nextUpdate), ttlMillis, TimeUnit.MILLISECONDS);
    }
}
