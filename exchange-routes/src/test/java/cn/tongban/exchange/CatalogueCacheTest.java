package cn.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.fixtures.cluster.TwoMembers;

/** The pull path's caches: hits, invalidation here and on the other member, time-filtered grants, ttl, races. */
class CatalogueCacheTest {

    static HazelcastInstance a;
    static HazelcastInstance b;
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    static TwoMembers cluster;

    @BeforeAll
    static void cluster() {
        cluster = TwoMembers.start("cache");
        a = cluster.a;
        b = cluster.b;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A catalogue whose reads are counted and whose content the test changes. */
    static final class Catalogue {
        final Map<String, Resource> resources = new ConcurrentHashMap<>();
        final Map<String, List<Authorisation>> granted = new ConcurrentHashMap<>();
        final AtomicInteger resourceReads = new AtomicInteger();
        final AtomicInteger grantReads = new AtomicInteger();

        Optional<Resource> resource(String code) {
            resourceReads.incrementAndGet();
            return Optional.ofNullable(resources.get(code));
        }

        List<Authorisation> granted(String consumer, String resource) {
            grantReads.incrementAndGet();
            return granted.getOrDefault(consumer + "|" + resource, List.of());
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static Resource resource(String code, String name) {
        return new Resource(
                code,
                1,
                name,
                AnswerContractTest.R.providerCode(),
                "测试部门",
                "test-system",
                AnswerContractTest.R.classification(),
                "101001",
                "",
                "JSON",
                null,
                AnswerContractTest.R.sharingType(),
                null,
                null,
                "API_PULL",
                false,
                "DAILY",
                null,
                "/x/{subject}",
                AnswerContractTest.R.items());
    }

    static Authorisation grant(String id, Instant from, Instant to) {
        return Grants.granted(id, "consumer", "R1", "purpose", null, Set.of("a"), from, to);
    }

    /** R1, conditional, with the one information item {@code a}. */
    static Resource conditional() {
        return new Resource(
                "R1",
                1,
                "n",
                AnswerContractTest.R.providerCode(),
                "测试部门",
                "test-system",
                AnswerContractTest.R.classification(),
                "101001",
                "",
                "JSON",
                null,
                SharingType.CONDITIONAL,
                "条件",
                "依据",
                "API_PULL",
                false,
                "DAILY",
                null,
                "/x/{subject}",
                List.of(new InformationItem("a", "a", "STRING", 8, false, false, null)));
    }

    CatalogueCache cache(HazelcastInstance h, Catalogue c, Duration ttl, Clock clock) {
        return new CatalogueCache(h, c::resource, c::granted, ttl, clock);
    }

    @Test
    void aSecondReadIsAHitAndDoesNotTouchTheCatalogue() {
        Catalogue c = new Catalogue();
        c.resources.put("R1", resource("R1", "v1"));
        CatalogueCache cache = cache(null, c, Duration.ofMinutes(1), new MutableClock());
        assertThat(cache.resources().apply("R1")).map(Resource::name).hasValue("v1");
        assertThat(cache.resources().apply("R1")).map(Resource::name).hasValue("v1");
        assertThat(cache.resources().apply("R2")).isEmpty();
        assertThat(cache.resources().apply("R2")).isEmpty();
        assertThat(c.resourceReads).hasValue(2);
        assertThat(cache.hits()).isEqualTo(2);
    }

    @Test
    void aResourceChangeIsSeenAtOnceHereAndOnTheOtherMember() throws Exception {
        Catalogue c = new Catalogue();
        c.resources.put("R1", resource("R1", "v1"));
        MutableClock clock = new MutableClock();
        CatalogueCache here = cache(a, c, Duration.ofHours(1), clock);
        CatalogueCache there = cache(b, c, Duration.ofHours(1), clock);
        assertThat(here.resources().apply("R1")).map(Resource::name).hasValue("v1");
        assertThat(there.resources().apply("R1")).map(Resource::name).hasValue("v1");

        c.resources.put("R1", resource("R1", "v2"));
        here.changed("RESOURCE", "R1", "UPDATE");
        assertThat(here.resources().apply("R1")).map(Resource::name).hasValue("v2"); // this member: at once
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (there.resources().apply("R1").map(Resource::name).orElseThrow().equals("v1")
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(there.resources().apply("R1")).map(Resource::name).hasValue("v2"); // the other: via the topic
    }

    @Test
    void anAuthorisationChangeDropsTheCachedGrantsAndExpiryIsJudgedAtEachPull() {
        Catalogue c = new Catalogue();
        c.granted.put("consumer|R1", List.of(grant("g1", T0.minusSeconds(60), T0.plusSeconds(60))));
        MutableClock clock = new MutableClock();
        CatalogueCache cache = cache(null, c, Duration.ofHours(1), clock);
        SharingPolicy policy = new SharingPolicy(cache.authorisations());
        PullRequest pull = new PullRequest("consumer", "R1", "s-1", "purpose", null, "clerk", Set.of("a"));
        assertThat(policy.authorise(pull, conditional(), clock.instant()).authorisationId())
                .isEqualTo("g1");

        // the grant expires while it is cached: the next pull no longer sees it, without a catalogue read
        clock.now = T0.plusSeconds(61);
        assertThatThrownBy(() -> policy.authorise(pull, conditional(), clock.instant()))
                .isInstanceOfSatisfying(
                        ExchangeException.class, e -> assertThat(e.error()).isEqualTo(ExchangeError.NO_AUTHORISATION));
        assertThat(c.grantReads).hasValue(1);

        // revoked (the change log names the authorisation): the cached list goes at once
        clock.now = T0;
        c.granted.put("consumer|R1", List.of());
        cache.changed("AUTHORISATION", "g1", "REVOKE");
        assertThat(cache.authorisations().held("consumer", "R1")).isEmpty();
        assertThatThrownBy(() -> policy.authorise(pull, conditional(), clock.instant()))
                .isInstanceOf(ExchangeException.class);
        assertThat(c.grantReads).hasValue(2);
    }

    @Test
    @SuppressWarnings("ReturnValueIgnored") // the reads count here, not what they return
    void entriesExpireAfterTheTtlAndZeroTurnsTheCacheOff() {
        Catalogue c = new Catalogue();
        c.resources.put("R1", resource("R1", "v1"));
        MutableClock clock = new MutableClock();
        CatalogueCache cache = cache(null, c, Duration.ofSeconds(30), clock);
        cache.resources().apply("R1");
        clock.now = T0.plusSeconds(31);
        cache.resources().apply("R1");
        assertThat(c.resourceReads).hasValue(2);

        CatalogueCache off = cache(null, c, Duration.ZERO, clock);
        off.resources().apply("R1");
        off.resources().apply("R1");
        assertThat(c.resourceReads).hasValue(4);
    }

    @Test
    void readsThatMissTogetherShareOneLoadUnlessAChangeCameAfterItBegan() throws Exception {
        Catalogue c = new Catalogue();
        c.resources.put("R1", resource("R1", "v1"));
        java.util.concurrent.CountDownLatch loading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        CatalogueCache cache = new CatalogueCache(
                null,
                code -> {
                    if (entered.incrementAndGet() == 1) { // the first load waits until the test releases it
                        loading.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return c.resource(code);
                },
                c::granted,
                Duration.ofMinutes(1),
                new MutableClock());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Optional<Resource>>> readers = new java.util.ArrayList<>();
            readers.add(pool.submit(() -> cache.resources().apply("R1")));
            assertThat(loading.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                readers.add(pool.submit(() -> cache.resources().apply("R1")));
            }
            Thread.sleep(200); // the seven are waiting for the first one's load
            assertThat(c.resourceReads).as("no read has finished yet").hasValue(0);

            // a change while that load is in flight: a reader after it does not take the load's (old) value
            c.resources.put("R1", resource("R1", "v2"));
            cache.changed("RESOURCE", "R1", "UPDATE");
            assertThat(cache.resources().apply("R1")).map(Resource::name).hasValue("v2");
            assertThat(c.resourceReads).hasValue(1);

            release.countDown();
            for (var r : readers) {
                assertThat(r.get(5, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
            }
            assertThat(c.resourceReads)
                    .as("eight readers, one load, and the reader after the change")
                    .hasValue(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedLoadFailsItsWaitersAndTheNextReadLoadsAgain() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.CountDownLatch loading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        CatalogueCache cache = new CatalogueCache(
                null,
                code -> {
                    if (down.get()) {
                        loading.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("catalogue database unavailable");
                    }
                    return Optional.of(resource(code, "v1"));
                },
                (consumer, resource) -> List.of(),
                Duration.ofMinutes(1),
                new MutableClock());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> cache.resources().apply("R1"));
            assertThat(loading.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            var waiter = pool.submit(() -> cache.resources().apply("R1"));
            Thread.sleep(100);
            release.countDown();
            for (var r : List.of(first, waiter)) {
                assertThatThrownBy(() -> r.get(5, java.util.concurrent.TimeUnit.SECONDS))
                        .hasRootCauseInstanceOf(IllegalStateException.class)
                        .hasRootCauseMessage("catalogue database unavailable");
            }
            down.set(false);
            assertThat(cache.resources().apply("R1")).map(Resource::name).hasValue("v1");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLoadThatRacedWithAChangeIsNotKept() {
        Catalogue c = new Catalogue();
        MutableClock clock = new MutableClock();
        CatalogueCache[] holder = new CatalogueCache[1];
        AtomicInteger loads = new AtomicInteger();
        holder[0] = new CatalogueCache(
                null,
                code -> {
                    Optional<Resource> old = Optional.of(resource(code, "old"));
                    if (loads.incrementAndGet() == 1) {
                        holder[0].changed("RESOURCE", code, "UPDATE"); // committed while this load was in flight
                    }
                    return loads.get() == 1 ? old : Optional.of(resource(code, "new"));
                },
                c::granted,
                Duration.ofHours(1),
                clock);
        assertThat(holder[0].resources().apply("R1")).map(Resource::name).hasValue("old");
        assertThat(holder[0].resources().apply("R1")).map(Resource::name).hasValue("new");
    }
}
