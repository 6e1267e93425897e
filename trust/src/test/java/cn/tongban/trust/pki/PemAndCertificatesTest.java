package cn.tongban.trust.pki;

import static cn.tongban.trust.pki.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemAndCertificatesTest {

    @Test
    void certificateChainPemParsesBackInOrder() throws Exception {
        X509Certificate root = Fixtures.root(KeyAlgorithm.EC_P256);
        X509Certificate leaf = KeyStoresTest.leaf(KeyAlgorithm.EC_P256);

        String pem = Pem.write(leaf, root);

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        java.util.Collection<? extends java.security.cert.Certificate> parsed = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(java.util.List.<Object>copyOf(parsed)).containsExactly(leaf, root);
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"RSA_2048", "EC_P256", "SM2"})
    void privateKeyPemIsUnencryptedPkcs8(KeyAlgorithm algorithm) throws Exception {
        KeyPair key = Fixtures.key(algorithm, 1);

        String pem = Pem.write(key.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory factory = algorithm == KeyAlgorithm.SM2
                ? KeyFactory.getInstance("EC", Providers.bc())
                : KeyFactory.getInstance(key.getPrivate().getAlgorithm());
        assertThat(factory.generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)))
                        .getEncoded())
                .isEqualTo(key.getPrivate().getEncoded());
    }

    @Test
    void crlPemUsesTheRfc7468Label() {
        X509CRL crl = CrlBuilder.issuedBy(
                        Fixtures.root(KeyAlgorithm.EC_P256),
                        Fixtures.key(KeyAlgorithm.EC_P256, 0).getPrivate())
                .updates(CLOCK.instant(), CLOCK.instant().plus(Duration.ofDays(1)))
                .build();

        assertThat(Pem.write(crl)).startsWith("-----BEGIN X509 CRL-----");
    }

    @Test
    void fingerprintIsLowerCaseHexSha256OfTheDerEncoding() throws Exception {
        X509Certificate root = Fixtures.root(KeyAlgorithm.EC_P256);
        X509Certificate other = Fixtures.root(KeyAlgorithm.RSA_2048);

        String fingerprint = Certificates.sha256Fingerprint(root);

        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(HexFormat.of().parseHex(fingerprint))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
        assertThat(Certificates.sha256Fingerprint(other)).isNotEqualTo(fingerprint);
    }
}
