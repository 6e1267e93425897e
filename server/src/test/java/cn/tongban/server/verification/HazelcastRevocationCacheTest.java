package cn.tongban.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.cluster.TwoMembers;
import cn.tongban.trust.validation.RevocationKey;
import cn.tongban.trust.validation.RevocationStatus;

/** Two cluster members: a status one node verified is served by the other until its nextUpdate, never after. */
class HazelcastRevocationCacheTest {

    static HazelcastInstance a;
    static HazelcastInstance b;

    static TwoMembers cluster;

    @BeforeAll
    static void cluster() {
        cluster = TwoMembers.start("revocation");
        a = cluster.a;
        b = cluster.b;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    static RevocationKey key() {
        String hash = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        return new RevocationKey(hash, "1234");
    }

    @Test
    void aStatusVerifiedOnOneNodeIsServedByTheOther() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RevocationKey key = key();
        RevocationStatus good = new RevocationStatus.Good(
                RevocationStatus.Source.CRL, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)));
        new HazelcastRevocationCache(a, clock).put(key, good, good.nextUpdate());
        assertThat(new HazelcastRevocationCache(b, clock).get(key)).contains(good);
    }

    @Test
    void aRevokedStatusKeepsItsTimeAndReason() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RevocationKey key = key();
        RevocationStatus revoked = new RevocationStatus.Revoked(
                RevocationStatus.Source.OCSP,
                NOW.minusSeconds(3600),
                java.security.cert.CRLReason.KEY_COMPROMISE,
                NOW.minusSeconds(60),
                NOW.plusSeconds(600));
        new HazelcastRevocationCache(a, clock).put(key, revoked, revoked.nextUpdate());
        assertThat(new HazelcastRevocationCache(b, clock).get(key)).contains(revoked);
    }

    @Test
    void noNodeServesAStatusAtOrAfterItsNextUpdate() {
        RevocationKey key = key();
        Instant next = NOW.plusSeconds(600);
        RevocationStatus good = new RevocationStatus.Good(RevocationStatus.Source.CRL, NOW, next);
        new HazelcastRevocationCache(a, Clock.fixed(NOW, ZoneOffset.UTC)).put(key, good, next);
        assertThat(new HazelcastRevocationCache(b, Clock.fixed(next, ZoneOffset.UTC)).get(key))
                .isEmpty();
        assertThat(new HazelcastRevocationCache(a, Clock.fixed(next.plusSeconds(1), ZoneOffset.UTC)).get(key))
                .isEmpty();
    }

    @Test
    void aStatusAlreadyDueIsNotStored() {
        RevocationKey key = key();
        RevocationStatus stale =
                new RevocationStatus.Good(RevocationStatus.Source.CRL, NOW.minusSeconds(600), NOW.minusSeconds(1));
        new HazelcastRevocationCache(a, Clock.fixed(NOW, ZoneOffset.UTC)).put(key, stale, stale.nextUpdate());
        assertThat(a.getMap(HazelcastRevocationCache.MAP).containsKey(key.asString()))
                .isFalse();
        assertThat(new HazelcastRevocationCache(b, Clock.fixed(NOW.minusSeconds(5), ZoneOffset.UTC)).get(key))
                .isEmpty();
    }
}
