package cn.tongban.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import cn.tongban.catalog.ExchangeSystem;
import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.server.cli.PkiLayout;
import cn.tongban.server.cli.PlatformPki;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyStores;

/** A platform PKI made at test time (validity relative to now), and HTTPS clients that use it. */
public final class TestPkiDir {

    public final PkiLayout layout;
    private final char[] password;

    private TestPkiDir(PkiLayout layout) throws IOException {
        this.layout = layout;
        this.password = Files.readString(layout.storePasswordFile()).strip().toCharArray();
    }

    /** A PKI with client certificates for every demo system, plus one unregistered "stranger". */
    public static TestPkiDir create() {
        try {
            Path dir = Files.createTempDirectory("tongban-pki");
            PlatformPki pki = new PlatformPki(new PkiLayout(dir), Clock.systemUTC(), KeyAlgorithm.EC_P256);
            List<String> systems = new java.util.ArrayList<>(DemoDataset.load().systems().stream()
                    .map(ExchangeSystem::id)
                    .toList());
            systems.add("stranger");
            pki.init(List.of("localhost", "127.0.0.1"), systems);
            return new TestPkiDir(new PkiLayout(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP client that trusts the platform CA and presents {@code systemId}'s certificate (or none if null). */
    public HttpClient client(String systemId) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(KeyStores.read(layout.trustStore(), password));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore keys = systemId == null ? emptyStore() : KeyStores.read(layout.clientKeyStore(systemId), password);
            kmf.init(keys, password);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return HttpClient.newBuilder()
                    .sslContext(ssl)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }
}
