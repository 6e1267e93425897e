package cn.tongban.trust.validation;

import static cn.tongban.trust.validation.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import cn.tongban.trust.pki.KeyAlgorithm;

/** The revocation cache: hits skip the source; entries end at nextUpdate (RFC 5280 §5.1.2.5, RFC 6960 §4.2.2.1). */
class RevocationCacheTest {

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void cacheHitDoesNotCallTheSourceAgainUntilNextUpdate() {
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        MutableClock clock = new MutableClock(NOW);
        AtomicInteger calls = new AtomicInteger();
        OcspSource ocsp = (cert, issuer) -> {
            calls.incrementAndGet();
            try {
                Instant now = clock.instant();
                return Optional.of(TestPki.ocsp(
                        cert, issuer, pki.ca, pki.caKey.getPrivate(), null, now, now.plus(Duration.ofHours(1))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        InMemoryRevocationCache cache = new InMemoryRevocationCache(clock);
        RevocationChecker checker = new RevocationChecker(ocsp, uri -> Optional.empty(), cache, clock);
        AlgorithmPolicy algorithms = AlgorithmPolicy.defaults();

        RevocationStatus first = checker.check(pki.leaf, pki.ca, algorithms);
        RevocationStatus second = checker.check(pki.leaf, pki.ca, algorithms);
        assertThat(first).isInstanceOf(RevocationStatus.Good.class);
        assertThat(second).isEqualTo(first);
        assertThat(calls).hasValue(1);

        clock.advance(Duration.ofMinutes(59));
        checker.check(pki.leaf, pki.ca, algorithms);
        assertThat(calls).hasValue(1);

        clock.advance(Duration.ofMinutes(1)); // exactly nextUpdate: newer information is due
        RevocationStatus third = checker.check(pki.leaf, pki.ca, algorithms);
        assertThat(calls).hasValue(2);
        assertThat(((RevocationStatus.Good) third).thisUpdate()).isAfter(((RevocationStatus.Good) first).thisUpdate());
    }

    @Test
    void unavailableStatusIsNotCached() {
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        InMemoryRevocationCache cache = new InMemoryRevocationCache(TestPki.CLOCK);
        AtomicInteger calls = new AtomicInteger();
        RevocationChecker checker = new RevocationChecker(
                (c, i) -> {
                    calls.incrementAndGet();
                    return Optional.empty();
                },
                uri -> Optional.empty(),
                cache,
                TestPki.CLOCK);

        checker.check(pki.leaf, pki.ca, AlgorithmPolicy.defaults());
        checker.check(pki.leaf, pki.ca, AlgorithmPolicy.defaults());

        assertThat(calls).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void keysOfDistinctCertificatesDiffer() {
        TestPki ec = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        TestPki sm2 = PathValidatorTest.pki(KeyAlgorithm.SM2);
        X509Certificate sibling = ec.leafTemplate().build();

        RevocationKey key = RevocationKey.of(ec.leaf, ec.ca);

        assertThat(key).isEqualTo(RevocationKey.of(ec.leaf, ec.ca));
        assertThat(key).isNotEqualTo(RevocationKey.of(sibling, ec.ca));
        assertThat(key.serial()).isEqualTo(ec.leaf.getSerialNumber().toString(16));
        assertThat(RevocationKey.of(ec.leaf, sm2.ca).issuerKeyHash()).isNotEqualTo(key.issuerKeyHash());
        assertThat(key.asString()).isEqualTo(key.issuerKeyHash() + "/" + key.serial());
    }

    @Test
    void keyRejectsNonHexParts() {
        assertThatThrownBy(() -> new RevocationKey("ab".repeat(32), "12/34"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RevocationKey("abc", "1234")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entryWhoseNextUpdateHasPassedIsNotStored() {
        InMemoryRevocationCache cache = new InMemoryRevocationCache(TestPki.CLOCK);
        RevocationKey key = new RevocationKey("0".repeat(64), "1");
        RevocationStatus good = new RevocationStatus.Good(RevocationStatus.Source.CRL, NOW.minusSeconds(60), NOW);

        cache.put(key, good, NOW);
        cache.put(key, good, null);

        assertThat(cache.get(key)).isEmpty();
    }
}
