package cn.tongban.exchange;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;

/**
 * {@link QuotaGuard} with fixed-window counters in a Hazelcast map, so every node of a cluster counts against the
 * same limits: key {@code consumer|resource|minute} for the per-minute rate, {@code consumer|day} for the daily
 * quota; entries expire after their window.
 *
 * <p>A node does not ask the cluster for every pull: it <em>leases</em> a batch of units from the shared counter
 * (an entry processor on the key's owner, atomic without locks) and spends them locally until the batch is gone,
 * so the cluster sees one operation per batch. The sum of all leases never exceeds the limit, so a limit is never
 * exceeded; the price is that units one node leased but did not spend in a window are not available to another
 * (a node can refuse while another still holds a few). Batches are small relative to the limit
 * ({@link #batchFor}): a limit of 2 is leased one unit at a time, exactly. A pull refused by the rate gives its
 * daily unit back to the local lease.
 */
public final class HazelcastQuotaGuard implements QuotaGuard {

    public static final String MAP = "tongban-quota-counters";

    private final IMap<String, Long> counters;
    private final Function<String, QuotaLimit> limits;
    private final Clock clock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    public HazelcastQuotaGuard(HazelcastInstance hazelcast, Function<String, QuotaLimit> limits, Clock clock) {
        this.counters = hazelcast.getMap(MAP);
        this.limits = limits;
        this.clock = clock;
    }

    /** Units leased at a time for a limit: a 16th of it, between 1 and 100. */
    static int batchFor(int limit) {
        return Math.max(1, Math.min(100, limit / 16));
    }

    @Override
    public void acquire(String consumerSystem, String resourceCode) {
        QuotaLimit limit = limits.apply(consumerSystem);
        if (limit == null) {
            limit = QuotaLimit.NONE;
        }
        Instant now = clock.instant();
        long minute = now.getEpochSecond() / 60;
        long day = now.getEpochSecond() / 86_400;
        String dayKey = consumerSystem + "|" + day;
        if (limit.perDay() > 0
                && !take(dayKey, limit.perDay(), Duration.ofDays(1).plusHours(1))) {
            throw refused(
                    "the daily quota of " + limit.perDay() + " pulls is used up",
                    Duration.ofSeconds((day + 1) * 86_400 - now.getEpochSecond()));
        }
        if (limit.perMinutePerResource() > 0
                && !take(
                        consumerSystem + "|" + resourceCode + "|" + minute,
                        limit.perMinutePerResource(),
                        Duration.ofMinutes(2))) {
            if (limit.perDay() > 0) {
                leases.merge(dayKey, new Lease(1, false), (held, one) -> held.giveBack());
            }
            throw refused(
                    "more than " + limit.perMinutePerResource() + " pulls of " + resourceCode + " this minute",
                    Duration.ofSeconds((minute + 1) * 60 - now.getEpochSecond()));
        }
    }

    /** One unit of {@code key}: from the local lease, else from a new lease from the cluster. */
    private boolean take(String key, int max, Duration ttl) {
        Lease lease = leases.computeIfPresent(key, (k, l) -> l.spend());
        if (lease != null && lease.spent) {
            return true;
        }
        Integer granted = counters.executeOnKey(key, new Grant(max, batchFor(max), ttl.toSeconds()));
        if (granted == null || granted == 0) {
            return false;
        }
        if (granted > 1) {
            leases.merge(
                    key,
                    new Lease(granted - 1, false),
                    (old, fresh) -> new Lease(old.remaining + fresh.remaining, false));
        }
        dropOldLeases(key);
        return true;
    }

    /** Leases of ended windows are dead weight; keys carry the window, so drop every lease of another window. */
    private void dropOldLeases(String current) {
        if (leases.size() > 10_000) {
            leases.keySet().removeIf(k -> !k.equals(current));
        }
    }

    private static ExchangeException refused(String why, Duration retryAfter) {
        return new ExchangeException(ExchangeError.QUOTA_EXCEEDED, why, List.of(), null, retryAfter);
    }

    /** Units this node holds for one key; {@code spent} says whether the last {@link #spend} took one. */
    private record Lease(int remaining, boolean spent) {
        Lease spend() {
            return remaining > 0 ? new Lease(remaining - 1, true) : new Lease(0, false);
        }

        Lease giveBack() {
            return new Lease(remaining + 1, false);
        }
    }

    /**
     * Grants up to {@code batch} units while the counter stays at or under {@code max}; answers how many. Runs on
     * the key's owner member; sets the window's expiry when it creates the counter.
     */
    static final class Grant implements EntryProcessor<String, Long, Integer>, Serializable {
        private static final long serialVersionUID = 1L;
        private final int max;
        private final int batch;
        private final long ttlSeconds;

        Grant(int max, int batch, long ttlSeconds) {
            this.max = max;
            this.batch = batch;
            this.ttlSeconds = ttlSeconds;
        }

        @Override
        public Integer process(Map.Entry<String, Long> entry) {
            long n = entry.getValue() == null ? 0 : entry.getValue();
            int granted = (int) Math.min(batch, Math.max(0, max - n));
            if (granted > 0) {
                if (entry.getValue() == null && entry instanceof ExtendedMapEntry<String, Long> e) {
                    e.setValue(n + granted, ttlSeconds, TimeUnit.SECONDS);
                } else {
                    entry.setValue(n + granted);
                }
            }
            return granted;
        }
    }
}
