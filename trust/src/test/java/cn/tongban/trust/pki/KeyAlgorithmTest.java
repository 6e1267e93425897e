package cn.tongban.trust.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyAlgorithmTest {

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void generatedKeysAreRecognisedAndSignWithTheirSignatureAlgorithm(KeyAlgorithm algorithm) throws Exception {
        KeyPair pair = algorithm == KeyAlgorithm.RSA_3072 ? algorithm.generate() : Fixtures.key(algorithm, 0);
        // An RSASSA-PSS signer's key is an ordinary rsaEncryption key (RFC 4055 §1.2 allows either).
        KeyAlgorithm recognised = algorithm == KeyAlgorithm.RSA_PSS ? KeyAlgorithm.RSA_2048 : algorithm;

        assertThat(KeyAlgorithm.of(pair.getPublic())).isEqualTo(recognised);
        assertThat(KeyAlgorithm.of(pair.getPrivate())).isEqualTo(recognised);
        assertThat(KeyAlgorithm.isSm2(pair.getPublic())).isEqualTo(algorithm == KeyAlgorithm.SM2);

        byte[] data = "交换数据".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(algorithm.signatureAlgorithm(), Providers.bc());
        signer.initSign(pair.getPrivate());
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm(), Providers.bc());
        verifier.initVerify(pair.getPublic());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void signatureAlgorithmNamesFollowTheStandards() {
        assertThat(KeyAlgorithm.RSA_2048.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(KeyAlgorithm.EC_P256.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(KeyAlgorithm.SM2.signatureAlgorithm()).isEqualTo("SM3withSM2");
    }

    @Test
    void keysOfUnsupportedSizeAreRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();

        assertThatThrownBy(() -> KeyAlgorithm.of(weak.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024");
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"EC_P384", "EC_P521", "BRAINPOOL_P256", "BRAINPOOL_P384", "BRAINPOOL_P512", "ED25519"})
    void certificatesWithTheOtherProducersKeysAreIssuedAndVerify(KeyAlgorithm algorithm) throws Exception {
        KeyPair pair = Fixtures.key(algorithm, 0);
        var root = Fixtures.root(algorithm);

        root.verify(pair.getPublic(), Providers.bc());
        assertThat(root.getSigAlgName().toUpperCase(Locale.ROOT))
                .isEqualTo(algorithm.signatureAlgorithm().toUpperCase(Locale.ROOT));
        assertThat(algorithm.needsBouncyCastle()).isEqualTo(algorithm.name().startsWith("BRAINPOOL"));
    }

    @Test
    void providerRegistrationIsIdempotent() {
        assertThat(Providers.bc()).isSameAs(Providers.bc());
    }
}
