package cn.tongban.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
 */
@Configuration(proxyBeanMethods = false)
public class TlsConfig {

    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> tls(TongbanProperties props) {
        return factory -> {
            if (!props.pki().tls()) {
                return;
            }
            PkiLayout pki = new PkiLayout(props.pki().dir());
            if (!Files.isReadable(pki.serverKeyStore()) || !Files.isReadable(pki.trustStore())) {
                throw new IllegalStateException("No TLS material in " + pki.dir().toAbsolutePath()
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
            ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            factory.setSsl(ssl);
            if (factory instanceof TomcatServletWebServerFactory tomcat) {
                tomcat.addConnectorCustomizers(connector -> {
                    if (connector.getProtocolHandler() instanceof AbstractHttp11JsseProtocol<?> jsse) {
                        jsse.setSslImplementationName(LeanJsseImplementation.class.getName());
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
