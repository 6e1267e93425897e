package cn.tongban.trust.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.Pem;
import cn.tongban.trust.verdict.SubIndication;

/** Named trust-anchor sets and their loading from PEM and DER files. */
class TrustAnchorsTest {

    @Test
    void loadsOneSetPerDirectoryFromPemAndDerIncludingSm2(@TempDir Path root) throws Exception {
        TestPki rsa = PathValidatorTest.pki(KeyAlgorithm.RSA_2048);
        TestPki sm2 = PathValidatorTest.pki(KeyAlgorithm.SM2);
        TestPki ec = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        Path region = Files.createDirectories(root.resolve("region_310000"));
        Files.writeString(region.resolve("roots.pem"), Pem.write(rsa.root, sm2.root), StandardCharsets.US_ASCII);
        Path sealMaker = Files.createDirectories(root.resolve("seal-maker"));
        Files.write(sealMaker.resolve("root.der"), ec.root.getEncoded());

        TrustAnchors anchors = TrustAnchors.load(root);

        assertThat(anchors.names()).containsExactlyInAnyOrder("region:310000", "seal-maker");
        TrustAnchorSet regional = anchors.get("region:310000").orElseThrow();
        assertThat(regional.contains(rsa.root)).isTrue();
        assertThat(regional.contains(sm2.root)).isTrue();
        assertThat(regional.contains(ec.root)).isFalse();
        assertThat(anchors.get("seal-maker").orElseThrow().contains(ec.root)).isTrue();
        assertThat(anchors.get("licence-type:0001")).isEmpty();
    }

    @Test
    void anotherRegionsAnchorsCanBeAddedForCrossRegionServices() throws Exception {
        TestPki home = PathValidatorTest.pki(KeyAlgorithm.SM2);
        TestPki partner = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        TrustAnchorSet shanghai = new TrustAnchorSet("region:310000", Set.of(home.root));
        TrustAnchorSet guangdong = new TrustAnchorSet("region:440000", Set.of(partner.root));

        PathValidationResult alone = partner.goodCrls()
                .validator()
                .validate(
                        partner.leaf,
                        java.util.List.of(partner.ca),
                        shanghai,
                        TestPki.AT,
                        ValidationPolicy.documentSigning());
        PathValidationResult crossRegion = partner.goodCrls()
                .validator()
                .validate(
                        partner.leaf,
                        java.util.List.of(partner.ca),
                        shanghai.union(guangdong),
                        TestPki.AT,
                        ValidationPolicy.documentSigning());

        assertThat(alone.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(crossRegion.passed()).isTrue();
    }

    @Test
    void duplicateSetNamesAreRejected() {
        TrustAnchorSet a = new TrustAnchorSet("seal-maker", Set.of());
        assertThatThrownBy(() -> TrustAnchors.of(a, a)).isInstanceOf(IllegalArgumentException.class);
    }
}
