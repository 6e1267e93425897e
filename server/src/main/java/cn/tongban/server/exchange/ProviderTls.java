package cn.tongban.server.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import cn.tongban.server.cli.PkiLayout;
import cn.tongban.server.config.AeadOnlySslContext;
import cn.tongban.trust.pki.KeyStores;

/**
 * The TLS context the exchange uses towards a provider that requires mutual TLS: the exchange's own client
 * certificate from the platform PKI ({@code <pki dir>/clients/<identity>.p12}) and the anchors the provider's server
 * certificate must chain to (the platform trust store unless the provider's configuration names another). A
 * missing key store stops the start-up with the command that makes one. Passwords are never logged.
 */
final class ProviderTls {

    private ProviderTls() {}

    static SSLContext context(PkiLayout pki, String identity, ExchangeProperties.Provider provider, String systemId) {
        Path keyStore = pki.clientKeyStore(identity);
        if (!Files.isReadable(keyStore) || !Files.isReadable(pki.storePasswordFile())) {
            throw new IllegalStateException("provider " + systemId + " requires mutual TLS, but the exchange's client"
                    + " certificate " + keyStore.toAbsolutePath() + " is missing: run `java -jar tongban.jar pki client"
                    + " --dir " + pki.dir() + " --system " + identity + "`");
        }
        if (!"https".equals(provider.baseUri().getScheme())) {
            throw new IllegalStateException(
                    "provider " + systemId + " requires mutual TLS: its base-uri must be https");
        }
        try {
            char[] password = Files.readString(pki.storePasswordFile(), StandardCharsets.UTF_8)
                    .strip()
                    .toCharArray();
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(KeyStores.read(keyStore, password), password);
            Path trustFile = provider.trustStore() != null ? provider.trustStore() : pki.trustStore();
            char[] trustPassword = provider.trustStorePassword() != null
                    ? provider.trustStorePassword().toCharArray()
                    : password;
            KeyStore anchors = KeyStores.read(trustFile, trustPassword);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return AeadOnlySslContext.of(ctx); // the server's own TLS: 1.3/1.2, AEAD suites only
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException(
                    "provider " + systemId + ": cannot set up mutual TLS ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }
}
