package cn.tongban.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;

import org.apache.tomcat.util.net.SSLSupport;
import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pki.LeafProfile;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.trust.pki.KeyAlgorithm;

class LeanJsseImplementationTest {

    @Test
    void theClientsOfferedListsAreLeftOutAndEverythingElseIsTomcats() throws Exception {
        X509Certificate client = TestPki.builder(Clock.systemUTC(), KeyAlgorithm.EC_P256)
                .build()
                .issueLeaf("system", LeafProfile.TLS_CLIENT)
                .certificate();
        SSLSession session = mock(SSLSession.class);
        when(session.getCipherSuite()).thenReturn("TLS_AES_128_GCM_SHA256");
        when(session.getProtocol()).thenReturn("TLSv1.3");
        when(session.getPeerCertificates()).thenReturn(new Certificate[] {client});
        when(session.getId()).thenReturn(new byte[] {1, 2});

        SSLSupport support = new LeanJsseImplementation()
                .getSSLSupport(
                        session,
                        Map.of(
                                SSLSupport.REQUESTED_CIPHERS_KEY,
                                List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"),
                                SSLSupport.REQUESTED_PROTOCOL_VERSIONS_KEY,
                                List.of("TLSv1.3", "TLSv1.2")));

        assertThat(support.getRequestedCiphers()).isNull();
        assertThat(support.getRequestedProtocols()).isNull();
        assertThat(support.getPeerCertificateChain()).containsExactly(client);
        assertThat(support.getCipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(support.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(support.getKeySize()).isEqualTo(128);
        assertThat(support.getSessionId()).isEqualTo("0102");
    }
}
