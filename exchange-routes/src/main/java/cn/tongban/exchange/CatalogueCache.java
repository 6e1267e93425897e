package cn.tongban.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.auth.Authorisation;

/**
 * The pull route's caches of catalogue reads (resource by code) and of what authorisation decisions are made on
 * (the authorisations of a consumer for a resource, in any state), kept on each node and dropped on every node when
 * the catalogue changes.
 *
 * <p>Invalidation: the catalogue's change log announces each committed change; {@link #changed} drops the entry on
 * this node at once (so the very next pull here reloads) and publishes the change on a Hazelcast topic, on which
 * every other member of the cluster drops it too. A resource change drops that resource; an authorisation change
 * (apply, approve, refuse, revoke) drops every cached authorisation list, as the change log names the
 * authorisation, not its consumer and resource, and such changes are rare. A generation counter keeps a load that
 * raced with an invalidation from putting its stale value back. Entries also expire after {@code ttl}, a bound on
 * staleness should a topic message be lost (a member joining or a network partition). Reads that miss the same key
 * together share one load, unless a change came after that load began.
 *
 * <p>What is cached is metadata only. The decision itself ({@link cn.tongban.catalog.auth.AuthorisationDecision},
 * with its time-dependent part: valid from, valid until) is made at every pull on the cached list, so an
 * authorisation expires on time. Answers (the
 * personal data providers return) are never cached: the catalogue has no attribute by which a resource could
 * allow it, so every pull asks the provider.
 */
public final class CatalogueCache {

    /** The Hazelcast topic of catalogue changes. */
    public static final String TOPIC = "tongban-catalogue-changes";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueCache.class);
    private static final int MAX_ENTRIES = 10_000;

    /** A consumer's authorisations for a resource: the cache key (a record, so no joined-string collisions). */
    record Grantee(String consumerSystem, String resourceCode) {}

    private record Entry<V>(V value, Instant loadedAt) {}

    /** A change as it travels between members. */
    public record Change(String origin, String entityType, String entityCode) implements java.io.Serializable {}

    private final Function<String, Optional<Resource>> resourceLoader;
    private final Function<Grantee, List<Authorisation>> grantedLoader;
    private final Duration ttl;
    private final Clock clock;
    private final ITopic<Change> topic;
    private final String origin = UUID.randomUUID().toString();
    private final Map<String, Entry<Optional<Resource>>> resources = new ConcurrentHashMap<>();
    private final Map<Grantee, Entry<List<Authorisation>>> granted = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Map<Object, Flight> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param resourceLoader the catalogue's current resource by code
     * @param grantedLoader  every authorisation of the consumer for the resource, in any state (the decision at
     *                       each pull reads state and time)
     * @param ttl            longest life of an entry; zero disables the cache (every read goes to the catalogue)
     */
    public CatalogueCache(
            HazelcastInstance hazelcast,
            Function<String, Optional<Resource>> resourceLoader,
            java.util.function.BiFunction<String, String, List<Authorisation>> grantedLoader,
            Duration ttl,
            Clock clock) {
        this.resourceLoader = resourceLoader;
        this.grantedLoader = g -> grantedLoader.apply(g.consumerSystem(), g.resourceCode());
        this.ttl = ttl;
        this.clock = clock;
        this.topic = hazelcast == null ? null : hazelcast.getTopic(TOPIC);
        if (topic != null) {
            topic.addMessageListener(m -> {
                Change c = m.getMessageObject();
                if (!origin.equals(c.origin())) {
                    drop(c.entityType(), c.entityCode());
                }
            });
        }
    }

    /** The catalogue lookup of the pull route. */
    public Function<String, Optional<Resource>> resources() {
        return code -> read(resources, code, () -> resourceLoader.apply(code));
    }

    /** The authorisation source of the sharing policy: the cached list of the consumer's authorisations. */
    public AuthorisationSource authorisations() {
        return (consumer, resource) -> read(
                granted, new Grantee(consumer, resource), () -> grantedLoader.apply(new Grantee(consumer, resource)));
    }

    /**
     * A committed catalogue change (the change log's listener): drop what it affects here at once, then tell the
     * other members. Never throws: a failed broadcast leaves the other members to the ttl.
     */
    public void changed(String entityType, String entityCode, String action) {
        drop(entityType, entityCode);
        if (topic != null) {
            try {
                topic.publish(new Change(origin, entityType, entityCode));
            } catch (RuntimeException e) {
                LOG.warn(
                        "catalogue change {} {} not broadcast to the cluster: {}",
                        entityType,
                        entityCode,
                        e.toString());
            }
        }
    }

    /** Hits and misses since start (for tests and metrics). */
    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    private void drop(String entityType, String entityCode) {
        generation.incrementAndGet();
        switch (entityType) {
            case "RESOURCE" -> resources.remove(entityCode);
            case "AUTHORISATION" -> granted.clear();
            default -> {
                // departments, systems, service items: not read by the pull route through this cache
            }
        }
    }

    /** A load in progress, and the generation it started in (a waiter from a later generation loads afresh). */
    private record Flight(long generation, CompletableFuture<Object> result) {}

    @SuppressWarnings("unchecked")
    private <K, V> V read(Map<K, Entry<V>> map, K key, Supplier<V> loader) {
        Instant now = clock.instant();
        if (ttl.isZero()) {
            misses.incrementAndGet();
            return loader.get();
        }
        Entry<V> e = map.get(key);
        if (e != null && now.isBefore(e.loadedAt().plus(ttl))) {
            hits.incrementAndGet();
            return e.value();
        }
        misses.incrementAndGet();
        // one load per key at a time: when an entry expires under load, the pulls that miss together wait for the
        // one catalogue read instead of each making its own (a stampede on the database every ttl)
        long before = generation.get();
        Flight mine = new Flight(before, new CompletableFuture<>());
        Flight running = inFlight.putIfAbsent(key, mine);
        if (running != null && running.generation() == before) {
            try {
                return (V) running.result().join();
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException r ? r : failed;
            }
        }
        if (running != null) {
            return load(map, key, loader, now, before); // started before a change: not for this reader
        }
        try {
            V value = load(map, key, loader, now, before);
            mine.result().complete(value);
            return value;
        } catch (RuntimeException | Error failed) {
            mine.result().completeExceptionally(failed); // the waiters fail with it, none waits forever
            throw failed;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private <K, V> V load(Map<K, Entry<V>> map, K key, Supplier<V> loader, Instant now, long before) {
        V value = loader.get();
        if (map.size() >= MAX_ENTRIES) {
            map.clear();
        }
        map.put(key, new Entry<>(value, now));
        if (generation.get() != before) {
            map.remove(key); // an invalidation raced with this load: the value may be stale
        }
        return value;
    }
}
