package cn.tongban.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TreeHeadTest {

    private static final Instant T = Instant.parse("2026-11-22T10:15:30.123456Z");

    @BeforeAll
    static void bouncyCastleForSm2() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static KeyPair sm2() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        return g.generateKeyPair();
    }

    private static TreeHead head() {
        return new TreeHead(42, NaiveMerkle.sha256("root".getBytes(StandardCharsets.UTF_8)), T);
    }

    @Test
    void ecdsaP256SignedHeadVerifies() throws Exception {
        KeyPair keys = p256();
        SignedTreeHead sth = new TreeHeadSigner(keys.getPrivate()).sign(head());
        assertThat(sth.algorithm()).isEqualTo("SHA256withECDSA");
        assertThat(sth.verify(keys.getPublic())).isTrue();
        assertThat(sth.head().time()).isEqualTo(Instant.parse("2026-11-22T10:15:30.123Z"));
    }

    @Test
    void sm2SignedHeadVerifies() throws Exception {
        KeyPair keys = sm2();
        SignedTreeHead sth = new TreeHeadSigner(keys.getPrivate()).sign(head());
        assertThat(sth.algorithm()).isEqualTo("SM3withSM2");
        assertThat(sth.verify(keys.getPublic())).isTrue();
        assertThat(sth.verify(p256().getPublic())).isFalse();
    }

    @Test
    void headWithChangedSizeRootOrTimeIsRejected() throws Exception {
        KeyPair keys = p256();
        SignedTreeHead sth = new TreeHeadSigner(keys.getPrivate()).sign(head());
        TreeHead h = sth.head();
        byte[] otherRoot = h.root();
        otherRoot[31] ^= 1;
        for (TreeHead forged : new TreeHead[] {
            new TreeHead(43, h.root(), h.time()),
            new TreeHead(42, otherRoot, h.time()),
            new TreeHead(42, h.root(), h.time().plusMillis(1))
        }) {
            assertThat(new SignedTreeHead(forged, sth.algorithm(), sth.signature()).verify(keys.getPublic()))
                    .as("%s", forged)
                    .isFalse();
        }
    }

    @Test
    void signatureByAnotherKeyOrMalformedIsRejected() throws Exception {
        KeyPair keys = p256();
        SignedTreeHead sth = new TreeHeadSigner(keys.getPrivate()).sign(head());
        assertThat(sth.verify(p256().getPublic())).isFalse();
        byte[] garbage = sth.signature();
        garbage[garbage.length - 1] ^= 0x55;
        assertThat(new SignedTreeHead(sth.head(), sth.algorithm(), garbage).verify(keys.getPublic()))
                .isFalse();
        assertThat(new SignedTreeHead(sth.head(), sth.algorithm(), new byte[] {1, 2, 3}).verify(keys.getPublic()))
                .isFalse();
    }

    @Test
    void recordedAlgorithmOtherThanTheKeysIsRejected() throws Exception {
        KeyPair keys = p256();
        SignedTreeHead sth = new TreeHeadSigner(keys.getPrivate()).sign(head());
        assertThat(new SignedTreeHead(sth.head(), "SHA512withECDSA", sth.signature()).verify(keys.getPublic()))
                .isFalse();
    }

    @Test
    void keysOtherThanP256OrSm2AreRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThatThrownBy(() -> new TreeHeadSigner(rsa.generateKeyPair().getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        assertThatThrownBy(() -> new TreeHeadSigner(p384.generateKeyPair().getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBeSignedIsFixedLayout() {
        byte[] tbs = head().toBeSigned();
        // uint8 context length, 20-byte context, uint64 ms, uint64 size, uint8 root length, 32-byte root
        assertThat(tbs).hasSize(1 + 20 + 8 + 8 + 1 + 32);
        assertThat(new TreeHead(42, head().root(), T.plusMillis(1)).toBeSigned())
                .isNotEqualTo(tbs);
    }
}
