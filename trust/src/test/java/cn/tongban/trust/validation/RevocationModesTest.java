package cn.tongban.trust.validation;

import static cn.tongban.trust.validation.TestPki.AT;
import static cn.tongban.trust.validation.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The anchor set's revocation mode (required | when-declared | off) for certificates that declare no revocation
 * source (RFC 5280 §4.2.1.13, §4.2.2.1, §6.3): each mode's verdict, and the warning that always reports what was
 * not checked.
 */
class RevocationModesTest {

    private static final TestPki PKI = PathValidatorTest.pki(KeyAlgorithm.EC_P256);

    /** A signer certificate with neither cRLDistributionPoints nor authorityInfoAccess. */
    private static final X509Certificate SILENT = CertificateBuilder.create()
            .subject("CN=Signer Without Revocation,O=Tongban Test,C=CN")
            .publicKey(PKI.leafKey.getPublic())
            .issuer(PKI.ca, PKI.caKey.getPrivate())
            .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)))
            .keyUsage(KeyUsage.DIGITAL_SIGNATURE)
            .build();

    private static PathValidationResult validate(X509Certificate leaf, RevocationMode mode, FakeSources sources) {
        TrustAnchorSet anchors = PKI.anchors().withPolicy(AnchorSetPolicy.DEFAULT.withRevocation(mode));
        return sources.validator().validate(leaf, List.of(PKI.ca), anchors, AT, ValidationPolicy.documentSigning());
    }

    @Test
    void requiredRefusesACertificateThatDeclaresNoSourceAsNotConcluded() throws Exception {
        PathValidationResult result = validate(SILENT, RevocationMode.REQUIRED, PKI.goodCrls());

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.reasons())
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .startsWith("REVOCATION_NOT_DECLARED: ")
                        .contains("revocation=required", "§4.2.1.13"));
    }

    @Test
    void requiredPassesACertificateWithAFreshStatusAndWarnsOfNothing() throws Exception {
        PathValidationResult result = validate(PKI.leaf, RevocationMode.REQUIRED, PKI.goodCrls());

        assertThat(result.passed()).isTrue();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void whenDeclaredPassesACertificateThatDeclaresNoSourceWithAWarning() throws Exception {
        PathValidationResult result = validate(SILENT, RevocationMode.WHEN_DECLARED, PKI.goodCrls());

        assertThat(result.passed()).as(String.join("; ", result.reasons())).isTrue();
        assertThat(result.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w)
                        .startsWith("REVOCATION_NOT_DECLARED: ")
                        .contains("revocation=when-declared", "region:310000"));
        assertThat(result.leafFacts().orElseThrow().revocation()).isInstanceOf(RevocationStatus.NotChecked.class);
        // The issuing CA declares its CRL, and it was checked.
        assertThat(result.facts().get(1).revocation()).isInstanceOf(RevocationStatus.Good.class);
    }

    @Test
    void whenDeclaredStillRequiresTheStatusOfACertificateThatDeclaresASource() {
        PathValidationResult result = validate(PKI.leaf, RevocationMode.WHEN_DECLARED, new FakeSources());

        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void offChecksNothingAndWarnsForEveryCertificateBelowTheAnchor() {
        FakeSources none = new FakeSources();

        PathValidationResult result = validate(PKI.leaf, RevocationMode.OFF, none);

        assertThat(result.passed()).as(String.join("; ", result.reasons())).isTrue();
        assertThat(none.ocspCalls.get() + none.crlCalls.get()).isZero();
        assertThat(result.warnings())
                .hasSize(2)
                .allSatisfy(w -> assertThat(w).startsWith("REVOCATION_OFF: ").contains("revocation=off"));
    }

    @Test
    void offStillFailsARuleOtherThanRevocation() {
        X509Certificate expired = PKI.leafTemplate()
                .validity(NOW.minus(Duration.ofDays(60)), AT.minusSeconds(3600))
                .build();

        PathValidationResult result = validate(expired, RevocationMode.OFF, new FakeSources());

        assertThat(result.subIndication()).isEqualTo(SubIndication.EXPIRED);
    }

    @Test
    void theModeIsReadFromTheAnchorSetFileAndABadValueIsRefused(@TempDir Path root) throws Exception {
        Path set = Files.createDirectories(root.resolve("licence-issuer"));
        Files.write(set.resolve("root.der"), PKI.root.getEncoded());
        Files.writeString(set.resolve(AnchorSetPolicy.FILE), "revocation=when-declared\n");
        Path bad = Files.createDirectories(root.resolve("bad").resolve("signer"));
        Files.writeString(bad.resolve(AnchorSetPolicy.FILE), "revocation=sometimes\n");

        assertThat(TrustAnchors.load(root)
                        .get("licence-issuer")
                        .orElseThrow()
                        .policy()
                        .revocation())
                .isEqualTo(RevocationMode.WHEN_DECLARED);
        assertThatThrownBy(() -> TrustAnchors.load(root.resolve("bad")))
                .hasMessageContaining("required, when-declared or off")
                .hasMessageContaining("sometimes");
        assertThat(AnchorSetPolicy.DEFAULT.revocation()).isEqualTo(RevocationMode.REQUIRED);
    }
}
