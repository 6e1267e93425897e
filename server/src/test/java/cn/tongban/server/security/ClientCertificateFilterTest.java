package cn.tongban.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pki.LeafProfile;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.trust.pki.Certificates;
import cn.tongban.trust.pki.KeyAlgorithm;

class ClientCertificateFilterTest {

    static final TestPki PKI =
            TestPki.builder(Clock.systemUTC(), KeyAlgorithm.EC_P256).build();

    @Test
    void theSameCertificateIsHashedOnceAndADifferentOneGetsItsOwnFingerprint() throws Exception {
        var filter = new ClientCertificateFilter(null, Clock.systemUTC(), 2);
        X509Certificate a = PKI.issueLeaf("system a", LeafProfile.TLS_CLIENT).certificate();
        X509Certificate b = PKI.issueLeaf("system b", LeafProfile.TLS_CLIENT).certificate();

        assertThat(filter.fingerprint(a)).isEqualTo(Certificates.sha256Fingerprint(a));
        // a new connection presents the same certificate as a new object: found, not hashed again
        assertThat(filter.fingerprint(reparsed(a))).isEqualTo(Certificates.sha256Fingerprint(a));
        assertThat(filter.fingerprintsHeld()).isEqualTo(1);

        assertThat(filter.fingerprint(b))
                .isEqualTo(Certificates.sha256Fingerprint(b))
                .isNotEqualTo(filter.fingerprint(a));
        assertThat(filter.fingerprintsHeld()).isEqualTo(2);
    }

    @Test
    void aFullCacheIsClearedSoItStaysBounded() {
        var filter = new ClientCertificateFilter(null, Clock.systemUTC(), 2);
        for (int i = 0; i < 5; i++) {
            X509Certificate c =
                    PKI.issueLeaf("system " + i, LeafProfile.TLS_CLIENT).certificate();
            assertThat(filter.fingerprint(c)).isEqualTo(Certificates.sha256Fingerprint(c));
            assertThat(filter.fingerprintsHeld()).isBetween(1, 2);
        }
    }

    private static X509Certificate reparsed(X509Certificate c) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(c.getEncoded()));
    }
}
