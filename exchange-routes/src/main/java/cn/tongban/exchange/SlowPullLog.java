package cn.tongban.exchange;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs pulls slower than a threshold with where their time went ({@link PullTimings#breakdown()}), so an operator
 * can tell a slow provider from a slow access-log store or a busy node. The line names the resource and the
 * consumer system, never the subject. At most {@value #PER_SECOND} lines a second; the next line counts those
 * left out.
 */
public final class SlowPullLog {

    static final int PER_SECOND = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SlowPullLog.class);

    private final long thresholdNanos;
    private final Consumer<String> sink;
    private final LongSupplier nanos;
    private long second = Long.MIN_VALUE;
    private int lines;
    private long left;

    /** @param threshold pulls at least this slow are logged; zero or negative: none */
    public SlowPullLog(Duration threshold) {
        this(threshold, LOG::warn, System::nanoTime);
    }

    SlowPullLog(Duration threshold, Consumer<String> sink, LongSupplier nanos) {
        this.thresholdNanos = threshold.toNanos();
        this.sink = sink;
        this.nanos = nanos;
    }

    /** Logs the pull if it was slow (and the line budget allows); true if it was slow. */
    public boolean report(String resourceCode, String consumerSystem, PullTimings t) {
        if (thresholdNanos <= 0 || t.totalMillis() * 1e6 < thresholdNanos) {
            return false;
        }
        long skipped;
        synchronized (this) {
            long now = nanos.getAsLong() / 1_000_000_000L;
            if (now != second) {
                second = now;
                lines = 0;
            }
            if (lines >= PER_SECOND) {
                left++;
                return true;
            }
            lines++;
            skipped = left;
            left = 0;
        }
        sink.accept(String.format(
                Locale.ROOT,
                "slow pull: %.1f ms from request to answer (%s); resource %s, consumer %s%s",
                t.totalMillis(),
                t.breakdown(),
                resourceCode,
                consumerSystem,
                skipped == 0 ? "" : "; " + skipped + " more slow pull(s) not logged before this one"));
        return true;
    }
}
