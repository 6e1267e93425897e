package cn.tongban.trust.pki;

import static cn.tongban.trust.pki.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyStoresTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"RSA_2048", "EC_P256"})
    void rsaAndEcStoresLoadWithTheJdkAloneAsTomcatWould(KeyAlgorithm algorithm) throws Exception {
        KeyPair key = Fixtures.key(algorithm, 1);
        X509Certificate root = Fixtures.root(algorithm);
        X509Certificate leaf = leaf(algorithm);

        byte[] p12 = KeyStores.pkcs12("server", key.getPrivate(), List.of(leaf, root), PASSWORD);

        KeyStore jdk = KeyStore.getInstance("PKCS12");
        jdk.load(new ByteArrayInputStream(p12), PASSWORD);
        assertThat(jdk.getProvider().getName()).isNotEqualTo("BC");
        assertThat(jdk.getKey("server", PASSWORD)).isEqualTo(key.getPrivate());
        assertThat(jdk.getCertificateChain("server")).containsExactly(leaf, root);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(jdk, PASSWORD);
        X509KeyManager km = (X509KeyManager) kmf.getKeyManagers()[0];
        assertThat(km.getCertificateChain(km.chooseServerAlias(key.getPublic().getAlgorithm(), null, null)))
                .containsExactly(leaf, root);
    }

    @Test
    void trustStoreHoldsCertificateEntriesReadableByTheJdk(@TempDir Path dir) throws Exception {
        X509Certificate root = Fixtures.root(KeyAlgorithm.EC_P256);
        Path file = KeyStores.write(dir.resolve("trust.p12"), KeyStores.trustStore(Map.of("root", root), PASSWORD));

        KeyStore store = KeyStore.getInstance(file.toFile(), PASSWORD);
        assertThat(store.isCertificateEntry("root")).isTrue();
        assertThat(store.getCertificate("root")).isEqualTo(root);
        assertThat(KeyStores.read(file, PASSWORD).getCertificate("root")).isEqualTo(root);
    }

    @Test
    void sm2StoreRoundTripsThroughBouncyCastle() throws Exception {
        KeyPair key = Fixtures.key(KeyAlgorithm.SM2, 1);
        X509Certificate leaf = leaf(KeyAlgorithm.SM2);
        byte[] p12 = KeyStores.pkcs12("seal", key.getPrivate(), List.of(leaf), PASSWORD);

        KeyStore store = KeyStores.read(p12, PASSWORD);

        assertThat(KeyStores.privateKey(store, "seal", PASSWORD).getEncoded())
                .isEqualTo(key.getPrivate().getEncoded());
        X509Certificate read = (X509Certificate) store.getCertificate("seal");
        assertThat(read.getEncoded()).isEqualTo(leaf.getEncoded());
        read.verify(Fixtures.root(KeyAlgorithm.SM2).getPublicKey());
    }

    @Test
    void wrongPasswordIsReported() {
        byte[] p12 = KeyStores.pkcs12(
                "server",
                Fixtures.key(KeyAlgorithm.EC_P256, 1).getPrivate(),
                List.of(leaf(KeyAlgorithm.EC_P256)),
                PASSWORD);

        assertThatThrownBy(() -> KeyStores.read(p12, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password");
    }

    @Test
    void emptyChainIsRejected() {
        assertThatThrownBy(() -> KeyStores.pkcs12(
                        "x", Fixtures.key(KeyAlgorithm.EC_P256, 1).getPrivate(), List.of(), PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static X509Certificate leaf(KeyAlgorithm algorithm) {
        return CertificateBuilder.create()
                .subject("CN=localhost")
                .publicKey(Fixtures.key(algorithm, 1).getPublic())
                .issuer(Fixtures.root(algorithm), Fixtures.key(algorithm, 0).getPrivate())
                .validity(CLOCK, Duration.ofHours(1), Duration.ofDays(30))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE)
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH)
                .build();
    }
}
