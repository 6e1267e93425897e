package cn.tongban.exchange.events;

import java.time.Duration;

/**
 * Exponential back-off between delivery attempts: {@code initial × 2^(attempt-1)}, capped at {@code max}; after
 * {@code maxAttempts} failed attempts the delivery is dead. Defaults: 5 s, 2 × each time, at most 1 h apart,
 * 12 attempts (about 5 h of retrying).
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), 12);

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("bad back-off settings");
        }
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based). */
    public Duration after(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        Duration d = initial.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 ? max : d;
    }
}
