package cn.tongban.exchange;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;

/**
 * {@link QuotaGuard} with fixed-window counters in a Hazelcast map, so every node of a cluster counts against the
 * same limits: key {@code consumer|resource|minute} for the per-minute rate, {@code consumer|day} for the daily
 * quota. The increment is an entry processor running on the key's owner (atomic without locks); entries expire
 * after their window. A refused pull does not consume: the counter only moves when under the limit. The daily
 * counter is taken first and given back if the per-minute rate refuses.
 */
public final class HazelcastQuotaGuard implements QuotaGuard {

    public static final String MAP = "tongban-quota-counters";

    private final IMap<String, Long> counters;
    private final Function<String, QuotaLimit> limits;
    private final Clock clock;

    public HazelcastQuotaGuard(HazelcastInstance hazelcast, Function<String, QuotaLimit> limits, Clock clock) {
        this.counters = hazelcast.getMap(MAP);
        this.limits = limits;
        this.clock = clock;
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
        if (limit.perDay() > 0 && !take(dayKey, limit.perDay(), Duration.ofDays(1).plusHours(1))) {
            throw refused("the daily quota of " + limit.perDay() + " pulls is used up",
                    Duration.ofSeconds((day + 1) * 86_400 - now.getEpochSecond()));
        }
        if (limit.perMinutePerResource() > 0 && !take(consumerSystem + "|" + resourceCode + "|" + minute,
                limit.perMinutePerResource(), Duration.ofMinutes(2))) {
            if (limit.perDay() > 0) {
                counters.executeOnKey(dayKey, new Decrement());
            }
            throw refused("more than " + limit.perMinutePerResource() + " pulls of " + resourceCode + " this minute",
                    Duration.ofSeconds((minute + 1) * 60 - now.getEpochSecond()));
        }
    }

    private boolean take(String key, int max, Duration ttl) {
        Boolean taken = counters.executeOnKey(key, new Increment(max));
        if (Boolean.TRUE.equals(taken)) {
            counters.setTtl(key, ttl.toSeconds(), TimeUnit.SECONDS);
            return true;
        }
        return false;
    }

    private static ExchangeException refused(String why, Duration retryAfter) {
        return new ExchangeException(ExchangeError.QUOTA_EXCEEDED, why, List.of(), null, retryAfter);
    }

    /** Adds one if the counter is below {@code max}; answers whether it did. Runs on the key's owner member. */
    static final class Increment implements EntryProcessor<String, Long, Boolean>, Serializable {
        private static final long serialVersionUID = 1L;
        private final int max;

        Increment(int max) {
            this.max = max;
        }

        @Override
        public Boolean process(Map.Entry<String, Long> entry) {
            long n = entry.getValue() == null ? 0 : entry.getValue();
            if (n >= max) {
                return false;
            }
            entry.setValue(n + 1);
            return true;
        }
    }

    /** Gives one back (a pull refused by another limit after this one counted it). */
    static final class Decrement implements EntryProcessor<String, Long, Boolean>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean process(Map.Entry<String, Long> entry) {
            if (entry.getValue() != null && entry.getValue() > 0) {
                entry.setValue(entry.getValue() - 1);
            }
            return true;
        }
    }
}
