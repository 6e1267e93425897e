package cn.tongban.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.coyote.http11.AbstractHttp11JsseProtocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.tongban.server.cli.PkiLayout;

/**
 * HTTPS with optional client certificates ("want": people may log in without one, systems must present one)
 * from the files {@code pki init} wrote. A missing PKI stops the start-up with a message saying what to run.
 * Tomcat's TLS layer is {@link LeanJsseImplementation}, which skips two per-request attributes nobody reads.
 *
 * <p>Only TLS 1.3 and 1.2, and only AEAD cipher suites with forward secrecy ({@link #CIPHER_SUITES}): TLS 1.3's
 * AES-GCM and ChaCha20-Poly1305 suites, and for TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305 (RFC 9325 §4.2). The
 * JDK's default list also offers CBC suites with SHA-1 or SHA-2 MACs and static-RSA key exchange; those are not
 * offered. TLS 1.3 is negotiated whenever the client can; the server's order of suites decides. SM2 (GB/T 38636)
 * TLS is not offered: standard TLS stacks do not speak it.
 */
@Configuration(proxyBeanMethods = false)
public class TlsConfig {

    /** The cipher suites offered, in the server's order of preference. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    /** The protocol versions offered. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> tls(TongbanProperties props) {
        return factory -> {
            if (!props.pki().tls()) {
                return;
            }
            PkiLayout pki = new PkiLayout(props.pki().dir());
            if (!Files.isReadable(pki.serverKeyStore()) || !Files.isReadable(pki.trustStore())) {
                throw new IllegalStateException(
                        "No TLS material in " + pki.dir().toAbsolutePath()
                                + ": run `java -jar tongban.jar pki init --dir " + pki.dir() + "` first");
            }
            String password = read(pki.storePasswordFile());
            Ssl ssl = new Ssl();
            ssl.setEnabled(true);
            ssl.setKeyStore(pki.serverKeyStore().toUri().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(password);
            ssl.setKeyAlias(PkiLayout.SERVER_ALIAS);
            ssl.setTrustStore(pki.trustStore().toUri().toString());
            ssl.setTrustStoreType("PKCS12");
            ssl.setTrustStorePassword(password);
            ssl.setClientAuth(Ssl.ClientAuth.WANT);
            ssl.setEnabledProtocols(PROTOCOLS.toArray(String[]::new));
            ssl.setCiphers(CIPHER_SUITES.toArray(String[]::new));
            factory.setSsl(ssl);
            if (factory instanceof TomcatServletWebServerFactory tomcat) {
                tomcat.addConnectorCustomizers(connector -> {
                    if (connector.getProtocolHandler() instanceof AbstractHttp11JsseProtocol<?> jsse) {
                        jsse.setSslImplementationName(LeanJsseImplementation.class.getName());
                        for (var host : jsse.findSslHostConfigs()) {
                            host.setHonorCipherOrder(true);
                        }
                    }
                });
            }
        };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the key store password from " + file, e);
        }
    }
}
