package cn.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SlowPullLogTest {

    static final long MS = 1_000_000L;

    final List<String> lines = new ArrayList<>();
    final AtomicLong now = new AtomicLong(1_000 * MS);
    final SlowPullLog log = new SlowPullLog(Duration.ofMillis(20), lines::add, now::get);

    /** A pull that arrived at 0 and spent its time as given (ms): web layer, authorise, provider, check, log, after. */
    static PullTimings pull(double... steps) {
        long t = 100 * MS;
        PullTimings p = new PullTimings(t);
        p.started(t += (long) (steps[0] * MS));
        p.authorised = t += (long) (steps[1] * MS);
        p.answered = t += (long) (steps[2] * MS);
        p.journalStarted = t += (long) (steps[3] * MS);
        p.journalled = t += (long) (steps[4] * MS);
        return p.ended(t + (long) (steps[5] * MS));
    }

    @Test
    void aSlowPullIsLoggedWithWhereItsTimeWentAndNoSubject() {
        assertThat(log.report("310000-102001-00001", "city-service-window", pull(0.9, 0.2, 48.1, 0.3, 2.0, 0.1)))
                .isTrue();
        assertThat(lines)
                .containsExactly("slow pull: 51.6 ms from request to answer (before the route 0.9, "
                        + "authorise 0.2, provider 48.1, check and mask 0.3, access log 2.0, after 0.1); "
                        + "resource 310000-102001-00001, consumer city-service-window");
    }

    @Test
    void aPullUnderTheThresholdIsNot() {
        assertThat(log.report("r", "c", pull(1, 1, 10, 1, 5, 1))).isFalse();
        assertThat(lines).isEmpty();
    }

    @Test
    void aPullThatEndedBeforeTheProviderShowsOnlyTheStepsItReached() {
        PullTimings refused = new PullTimings(100 * MS).started(130 * MS);
        refused.ended(131 * MS);
        log.report("r", "c", refused);
        assertThat(lines).singleElement().asString().contains("(before the route 30.0, after 1.0)");
    }

    @Test
    void atMostTenLinesASecondAndTheNextLineCountsTheRest() {
        for (int i = 0; i < 25; i++) {
            assertThat(log.report("r", "c", pull(0, 0, 30, 0, 0, 0))).isTrue();
        }
        assertThat(lines).hasSize(SlowPullLog.PER_SECOND);
        now.addAndGet(1_000 * MS);
        log.report("r", "c", pull(0, 0, 30, 0, 0, 0));
        assertThat(lines).hasSize(SlowPullLog.PER_SECOND + 1);
        assertThat(lines.get(SlowPullLog.PER_SECOND)).endsWith("; 15 more slow pull(s) not logged before this one");
    }

    @Test
    void aZeroThresholdLogsNothing() {
        SlowPullLog off = new SlowPullLog(Duration.ZERO, lines::add, now::get);
        assertThat(off.report("r", "c", pull(0, 0, 5000, 0, 0, 0))).isFalse();
        assertThat(lines).isEmpty();
    }
}
