package cn.tongban.server.seals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.trust.pki.KeyAlgorithm;

/** Seal keys from configuration: PKCS#12 maker and signers, and start-up errors that name the setting, not the secret. */
class ConfiguredSealKeysTest {

    @TempDir
    Path dir;

    static final TestPki PKI =
            TestPki.builder(Clock.systemUTC(), KeyAlgorithm.EC_P256).build();

    @Test
    void makerAndSignersComeFromTheirKeyStores() throws Exception {
        Path maker =
                Files.write(dir.resolve("maker.p12"), PKI.keyStore(PKI.sealMaker(), "maker", "m-pw".toCharArray()));
        Path signer = Files.write(dir.resolve("s.p12"), PKI.keyStore(PKI.documentSigner(), "s", "s-pw".toCharArray()));
        ConfiguredSealKeys keys = new ConfiguredSealKeys(new SealsProperties(
                new SealsProperties.KeyStoreRef(maker, "m-pw", null, null, null),
                Map.of("smr-licensing", new SealsProperties.KeyStoreRef(signer, "s-pw", "s", null, null))));
        assertThat(keys.maker())
                .hasValueSatisfying(k ->
                        assertThat(k.certificate()).isEqualTo(PKI.sealMaker().certificate()));
        assertThat(keys.signer("smr-licensing"))
                .hasValueSatisfying(k -> assertThat(k.certificate())
                        .isEqualTo(PKI.documentSigner().certificate()));
        assertThat(keys.signer("someone-else")).isEmpty();
        assertThat(new ConfiguredSealKeys(new SealsProperties(null, null)).maker())
                .isEmpty();
    }

    @Test
    void aKeyThatCannotBeOpenedStopsTheStartNamingTheSettingNotThePassword() throws Exception {
        Path signer = Files.write(dir.resolve("s.p12"), PKI.keyStore(PKI.documentSigner(), "s", "s-pw".toCharArray()));
        assertThatThrownBy(() -> new ConfiguredSealKeys(new SealsProperties(
                        null,
                        Map.of(
                                "smr-licensing",
                                new SealsProperties.KeyStoreRef(signer, "wrong-secret-5", null, null, null)))))
                .hasMessageContaining("tongban.seals.signers.smr-licensing")
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("wrong-secret-5");
        assertThatThrownBy(() -> new ConfiguredSealKeys(new SealsProperties(
                        null,
                        Map.of(
                                "x",
                                new SealsProperties.KeyStoreRef(dir.resolve("missing.p12"), "pw", null, null, null)))))
                .hasMessageContaining("tongban.seals.signers.x");
        assertThatThrownBy(() -> new ConfiguredSealKeys(new SealsProperties(
                        null, Map.of("x", new SealsProperties.KeyStoreRef(null, "pw", null, null, null)))))
                .hasMessageContaining("set key-store");
        assertThat(new SealsProperties.KeyStoreRef(signer, "s-pw", null, null, null).toString())
                .doesNotContain("s-pw");
    }

    @Test
    void pkcs11ProviderNamesFitSunPkcs11() {
        assertThat(ConfiguredSealKeys.providerName("tongban.seals.signers.smr-licensing"))
                .matches("[A-Za-z0-9-]{1,40}")
                .startsWith("tongban-seals-signers");
        assertThat(ConfiguredSealKeys.providerName("tongban.seals.signers." + "a".repeat(80)))
                .hasSize(40);
    }
}
