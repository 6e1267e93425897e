package cn.tongban.seal.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Arrays;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.seal.codec.SignatureAlgorithm;
import cn.tongban.seal.codec.Vectors;

/** PKCS#12 custody: keys sign but are never handed out; passwords never appear in messages. */
class Pkcs12CustodyTest {

    private static final String PASSWORD = "777777";

    @Test
    void anSm2KeyFromAPkcs12SignsAndItsSignatureVerifies() throws Exception {
        try (KeyCustody custody = Pkcs12Custody.open(Vectors.read("USER.p12"), PASSWORD.toCharArray(), "USER.p12")) {
            SigningKey key = custody.onlyKey();
            assertThat(key.alias()).isEqualTo("private");
            assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.SM3_WITH_SM2);
            byte[] data = "通办".getBytes(StandardCharsets.UTF_8);
            byte[] signature = key.sign(data);

            Signature verifier = Signature.getInstance("SM3withSM2", new BouncyCastleProvider());
            verifier.initVerify(key.certificate());
            verifier.update(data);
            assertThat(verifier.verify(signature)).isTrue();
            // Nothing on the interface exposes the private key.
            assertThat(Arrays.stream(SigningKey.class.getMethods())
                            .map(m -> m.getReturnType().getName()))
                    .noneMatch(n -> n.contains("PrivateKey"));
            assertThat(key.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutRepeatingAnyPassword(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("USER.p12"), Vectors.read("USER.p12"));
        String wrong = "s3cret-Wrong-123";

        assertThatThrownBy(() -> Pkcs12Custody.open(file, wrong.toCharArray()))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("wrong password")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage()))
                                .doesNotContain(wrong)
                                .doesNotContain(PASSWORD);
                    }
                });
    }

    @Test
    void anUnknownAliasAndAMissingFileAreNamed(@TempDir Path dir) {
        KeyCustody custody = Pkcs12Custody.open(Vectors.read("USER.p12"), PASSWORD.toCharArray(), "USER.p12");
        assertThatThrownBy(() -> custody.key("nope"))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("no private key under alias nope");
        assertThatThrownBy(() -> Pkcs12Custody.open(dir.resolve("missing.p12"), PASSWORD.toCharArray()))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void theCallersPasswordArrayIsLeftAsItWas() {
        char[] password = PASSWORD.toCharArray();
        Pkcs12Custody.open(Vectors.read("USER.p12"), password, "USER.p12");
        assertThat(new String(password)).isEqualTo(PASSWORD);
    }
}
