package cn.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.cluster.TwoMembers;

/** Quotas counted in Hazelcast: limits, windows, retry-after, and two members sharing one count. */
class HazelcastQuotaGuardTest {

    static HazelcastInstance a;
    static HazelcastInstance b;

    static TwoMembers cluster;

    @BeforeAll
    static void cluster() {
        cluster = TwoMembers.start("quota");
        a = cluster.a;
        b = cluster.b;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void perMinuteRateRefusesTheNextPullWithTheSecondsLeftInTheMinute() {
        String consumer = "c-" + UUID.randomUUID();
        QuotaGuard g = new HazelcastQuotaGuard(a, c -> new QuotaLimit(3, 0), at("2026-11-22T08:00:45Z"));
        for (int i = 0; i < 3; i++) {
            g.acquire(consumer, "R1");
        }
        assertThatThrownBy(() -> g.acquire(consumer, "R1")).isInstanceOfSatisfying(ExchangeException.class, e -> {
            assertThat(e.error()).isEqualTo(ExchangeError.QUOTA_EXCEEDED);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(15));
        });
        g.acquire(consumer, "R2"); // the rate is per resource
        new HazelcastQuotaGuard(a, c -> new QuotaLimit(3, 0), at("2026-11-22T08:01:00Z")).acquire(consumer, "R1");
    }

    @Test
    void dailyQuotaCoversEveryResourceAndRefusalsDoNotCount() {
        String consumer = "c-" + UUID.randomUUID();
        Clock clock = at("2026-11-22T23:59:00Z");
        QuotaGuard g = new HazelcastQuotaGuard(a, c -> new QuotaLimit(2, 3), clock);
        g.acquire(consumer, "R1");
        g.acquire(consumer, "R1");
        assertThatThrownBy(() -> g.acquire(consumer, "R1"))
                .isInstanceOfSatisfying(
                        ExchangeException.class, e -> assertThat(e.getMessage()).contains("this minute"));
        g.acquire(consumer, "R2"); // the refused R1 pull gave its daily unit back
        assertThatThrownBy(() -> g.acquire(consumer, "R3")).isInstanceOfSatisfying(ExchangeException.class, e -> {
            assertThat(e.getMessage()).contains("daily quota");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        });
    }

    @Test
    void twoMembersCountAgainstOneLimit() {
        assertThat(a.getCluster().getMembers()).hasSize(2);
        String consumer = "c-" + UUID.randomUUID();
        Clock clock = at("2026-11-22T08:00:00Z");
        QuotaGuard onA = new HazelcastQuotaGuard(a, c -> new QuotaLimit(4, 0), clock);
        QuotaGuard onB = new HazelcastQuotaGuard(b, c -> new QuotaLimit(4, 0), clock);
        onA.acquire(consumer, "R");
        onB.acquire(consumer, "R");
        onA.acquire(consumer, "R");
        onB.acquire(consumer, "R");
        assertThatThrownBy(() -> onA.acquire(consumer, "R")).isInstanceOf(ExchangeException.class);
        assertThatThrownBy(() -> onB.acquire(consumer, "R")).isInstanceOf(ExchangeException.class);
    }

    @Test
    void leasesAcrossMembersNeverExceedTheLimit() {
        String consumer = "c-" + UUID.randomUUID();
        Clock clock = at("2026-11-22T08:00:00Z");
        QuotaGuard onA = new HazelcastQuotaGuard(a, c -> new QuotaLimit(0, 1000), clock); // leased 62 at a time
        QuotaGuard onB = new HazelcastQuotaGuard(b, c -> new QuotaLimit(0, 1000), clock);
        int granted = 0;
        for (int i = 0; i < 1200; i++) {
            try {
                (i % 3 == 0 ? onB : onA).acquire(consumer, "R");
                granted++;
            } catch (ExchangeException refused) {
                assertThat(refused.error()).isEqualTo(ExchangeError.QUOTA_EXCEEDED);
            }
        }
        assertThat(granted).isLessThanOrEqualTo(1000).isGreaterThanOrEqualTo(1000 - 2 * 62);
        assertThat(HazelcastQuotaGuard.batchFor(2)).isEqualTo(1);
        assertThat(HazelcastQuotaGuard.batchFor(1000)).isEqualTo(62);
        assertThat(HazelcastQuotaGuard.batchFor(1_000_000)).isEqualTo(100);
    }

    @Test
    void unknownConsumerOrNoLimitIsUnlimited() {
        String unknown = "c-" + UUID.randomUUID();
        String noLimit = "c-" + UUID.randomUUID();
        Map<String, QuotaLimit> configured = Map.of(noLimit, QuotaLimit.NONE);
        QuotaGuard g = new HazelcastQuotaGuard(a, configured::get, at("2026-11-22T08:00:00Z"));
        assertThatCode(() -> {
                    for (int i = 0; i < 100; i++) {
                        g.acquire(unknown, "R");
                        g.acquire(noLimit, "R");
                    }
                })
                .doesNotThrowAnyException();
        // nothing is counted in the cluster for a consumer without limits
        assertThat(a.<String, Long>getMap(HazelcastQuotaGuard.MAP).keySet())
                .noneMatch(k -> k.startsWith(unknown) || k.startsWith(noLimit));
    }
}
