package cn.tongban.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import cn.tongban.server.TestPkiDir;
import cn.tongban.trust.pki.KeyStores;

/** The exchange's outbound TLS offers what the server offers: TLS 1.3/1.2 with AEAD suites only. */
class AeadOnlySslContextTest {

    static final TestPkiDir PKI = TestPkiDir.create();

    @Test
    void socketsEnginesAndDefaultsEnableOnlyTheServersAeadSuites() throws Exception {
        SSLContext ctx = AeadOnlySslContext.of(PKI.client(null).sslContext());
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            assertThat(s.getEnabledCipherSuites())
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(TlsConfig.CIPHER_SUITES).contains(c));
            assertThat(s.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        }
        SSLEngine engine = ctx.createSSLEngine("provider.example", 443);
        assertThat(engine.getEnabledCipherSuites())
                .allSatisfy(c -> assertThat(c).doesNotContain("CBC"));
        assertThat(ctx.getDefaultSSLParameters().getCipherSuites())
                .allSatisfy(c -> assertThat(c).doesNotContain("CBC"));
    }

    @Test
    void aProviderThatOffersOnlyCbcIsRefusedAndOneWithGcmIsAccepted() throws Exception {
        SSLContext client = AeadOnlySslContext.of(PKI.client(null).sslContext());
        assertThatThrownBy(() -> handshake(client, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
                .hasRootCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        assertThat(handshake(client, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
                .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }

    /** A TLS 1.2 server with the platform's server key that enables only {@code suite}; the suite negotiated. */
    private static String handshake(SSLContext client, String suite) throws Exception {
        char[] password = java.nio.file.Files.readString(PKI.layout.storePasswordFile())
                .strip()
                .toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(KeyStores.read(PKI.layout.serverKeyStore(), password), password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        try (SSLServerSocket listening = (SSLServerSocket)
                server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setEnabledProtocols(new String[] {"TLSv1.2"});
            listening.setEnabledCipherSuites(new String[] {suite});
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listening.accept()) {
                    s.setSoTimeout(5_000);
                    s.startHandshake();
                } catch (java.io.IOException e) {
                    // the client refused: seen on the client side
                }
            });
            try (SSLSocket s =
                    (SSLSocket) client.getSocketFactory().createSocket("localhost", listening.getLocalPort())) {
                s.setSoTimeout(5_000);
                s.startHandshake();
                return s.getSession().getCipherSuite();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                accepted.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
