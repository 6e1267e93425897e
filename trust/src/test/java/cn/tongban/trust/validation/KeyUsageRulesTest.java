package cn.tongban.trust.validation;

import static cn.tongban.trust.validation.TestPki.AT;
import static cn.tongban.trust.validation.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.pki.Pem;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * RFC 5280 §4.2.1.3 read as written: a certificate without keyUsage is not restricted; one with it must assert a
 * signing bit; an anchor set may demand the extension ({@code key-usage-required}, rule KEY_USAGE_REQUIRED).
 */
class KeyUsageRulesTest {

    private static X509Certificate leafWithoutKeyUsage(TestPki pki) {
        return CertificateBuilder.create()
                .subject("CN=No KeyUsage Signer,O=Tongban Test,C=CN")
                .publicKey(pki.leafKey.getPublic())
                .issuer(pki.ca, pki.caKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)))
                .crlDistributionPoint(TestPki.CA_CRL)
                .build();
    }

    private static PathValidationResult validate(TestPki pki, X509Certificate leaf, AnchorSetPolicy policy)
            throws Exception {
        return pki.goodCrls()
                .validator()
                .validate(
                        leaf,
                        List.of(pki.ca),
                        pki.anchors().withPolicy(policy),
                        AT,
                        ValidationPolicy.documentSigning());
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void aSignerCertificateWithoutKeyUsageIsUnrestrictedAndPasses(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = PathValidatorTest.pki(algorithm);
        X509Certificate leaf = leafWithoutKeyUsage(pki);
        assertThat(leaf.getKeyUsage()).isNull();

        PathValidationResult result = validate(pki, leaf, AnchorSetPolicy.DEFAULT);

        assertThat(result.passed()).as(String.join("; ", result.reasons())).isTrue();
    }

    @Test
    void aKeyUsageAssertingNeitherSigningBitStillFails() throws Exception {
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        X509Certificate agreementOnly = CertificateBuilder.create()
                .subject("CN=Key Agreement Only,O=Tongban Test,C=CN")
                .publicKey(pki.leafKey.getPublic())
                .issuer(pki.ca, pki.caKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)))
                .keyUsage(KeyUsage.KEY_AGREEMENT, KeyUsage.KEY_ENCIPHERMENT)
                .crlDistributionPoint(TestPki.CA_CRL)
                .build();

        PathValidationResult failed = validate(pki, agreementOnly, AnchorSetPolicy.DEFAULT);
        PathValidationResult passed = validate(pki, pki.leaf, AnchorSetPolicy.DEFAULT);

        assertThat(failed.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(failed.reasons()).anySatisfy(r -> assertThat(r).contains("asserts none of", "§4.2.1.3"));
        assertThat(passed.passed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void anAnchorSetDemandingKeyUsageRefusesACertificateWithoutIt(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = PathValidatorTest.pki(algorithm);

        PathValidationResult result = validate(pki, leafWithoutKeyUsage(pki), new AnchorSetPolicy(true));

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(result.leafFacts().orElseThrow().violations())
                .singleElement()
                .satisfies(r -> assertThat(r).startsWith("KEY_USAGE_REQUIRED: ").contains("§4.2.1.3"));
    }

    @Test
    void anAnchorSetDemandingKeyUsageAcceptsACertificateWithIt() throws Exception {
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);

        PathValidationResult result = validate(pki, pki.leaf, new AnchorSetPolicy(true));

        assertThat(result.passed()).as(String.join("; ", result.reasons())).isTrue();
    }

    @Test
    void anAnchorSetDemandingKeyUsageAlsoRefusesAnIntermediateWithoutIt() throws Exception {
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        var key = TestPki.key(KeyAlgorithm.EC_P256, 4);
        X509Certificate bareCa = RawCertificates.issue(
                "CN=CA Without KeyUsage,O=Tongban Test,C=CN",
                key.getPublic(),
                pki.root,
                pki.rootKey.getPrivate(),
                null,
                0,
                0);
        X509Certificate leaf =
                pki.leafTemplate().issuer(bareCa, key.getPrivate()).build();
        TrustAnchorSet demanding = pki.anchors().withPolicy(new AnchorSetPolicy(true));

        PathValidationResult plain = new FakeSources()
                .validator()
                .validate(
                        leaf,
                        List.of(bareCa),
                        pki.anchors(),
                        AT,
                        ValidationPolicy.documentSigning().withoutRevocation());
        PathValidationResult strict = new FakeSources()
                .validator()
                .validate(
                        leaf,
                        List.of(bareCa),
                        demanding,
                        AT,
                        ValidationPolicy.documentSigning().withoutRevocation());

        assertThat(plain.passed()).as(String.join("; ", plain.reasons())).isTrue();
        assertThat(strict.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(strict.facts().get(1).violations())
                .anySatisfy(r -> assertThat(r).startsWith("KEY_USAGE_REQUIRED"));
    }

    @Test
    void theSettingIsReadFromTheAnchorSetDirectoryAndIsNotTakenForACertificate(@TempDir Path root) throws Exception {
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        Path strict = Files.createDirectories(root.resolve("licence-type_0001"));
        Files.writeString(strict.resolve("root.pem"), Pem.write(pki.root), StandardCharsets.US_ASCII);
        Files.writeString(strict.resolve(AnchorSetPolicy.FILE), "key-usage-required = true\n");
        Path plain = Files.createDirectories(root.resolve("signer"));
        Files.write(plain.resolve("root.der"), pki.root.getEncoded());

        TrustAnchors anchors = TrustAnchors.load(root);

        assertThat(anchors.get("licence-type:0001").orElseThrow().policy().keyUsageRequired())
                .isTrue();
        assertThat(anchors.get("licence-type:0001").orElseThrow().certificates())
                .hasSize(1);
        assertThat(anchors.get("signer").orElseThrow().policy()).isEqualTo(AnchorSetPolicy.DEFAULT);
    }

    @Test
    void aMisspelledOrInvalidSettingIsRefusedWithItsName(@TempDir Path root) throws Exception {
        Path set = Files.createDirectories(root.resolve("signer"));
        Files.writeString(set.resolve(AnchorSetPolicy.FILE), "key-usage-requred=true\n");
        Path other = Files.createDirectories(root.resolve("other").resolve("seal-maker"));
        Files.writeString(other.resolve(AnchorSetPolicy.FILE), "key-usage-required=yes\n");

        assertThatThrownBy(() -> TrustAnchors.load(root)).hasMessageContaining("key-usage-requred");
        assertThatThrownBy(() -> TrustAnchors.load(root.resolve("other"))).hasMessageContaining("true or false");
    }
}
