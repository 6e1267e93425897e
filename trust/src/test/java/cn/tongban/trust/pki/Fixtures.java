package cn.tongban.trust.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/** Keys cached per algorithm (RSA generation is slow) and a fixed clock. */
final class Fixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);
    private static final Map<KeyAlgorithm, KeyPair[]> KEYS = new EnumMap<>(KeyAlgorithm.class);

    private Fixtures() {}

    /** The n-th (0..2) cached key pair of an algorithm. */
    static synchronized KeyPair key(KeyAlgorithm algorithm, int n) {
        KeyPair[] pairs = KEYS.computeIfAbsent(algorithm, a -> new KeyPair[3]);
        if (pairs[n] == null) {
            pairs[n] = algorithm.generate();
        }
        return pairs[n];
    }

    static X509Certificate root(KeyAlgorithm algorithm) {
        KeyPair key = key(algorithm, 0);
        return CertificateBuilder.create()
                .subject("CN=Test Root " + algorithm + ",O=Tongban,C=CN")
                .publicKey(key.getPublic())
                .selfSigned(key.getPrivate())
                .validity(CLOCK, Duration.ofDays(1), Duration.ofDays(3650))
                .ca(1)
                .build();
    }
}
