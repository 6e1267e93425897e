package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.fixtures.pdf.SignSpec;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.validation.AnchorSetPolicy;
import cn.tongban.trust.validation.CertificateSource;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.RevocationCache;
import cn.tongban.trust.validation.RevocationChecker;
import cn.tongban.trust.validation.RevocationMode;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.TrustAnchors;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * A licence signed under an authority whose CA publishes no revocation (no cRLDistributionPoints, no OCSP access
 * method): refused as not concluded under the default {@code revocation=required}, trusted on purpose under
 * {@code when-declared}, and the certificate left unchecked always reported as a WARNING check.
 */
class PdfRevocationModesTest {

    private static final Clock CLOCK = Clock.systemUTC();
    /** No publication base: no certificate of this PKI declares a revocation source. */
    private static final TestPki SILENT =
            TestPki.builder(CLOCK, KeyAlgorithm.EC_P256).build();

    private static final byte[] PDF = LicencePdfs.sign(
            LicencePdfs.unsigned(),
            SILENT.documentSigner(),
            SignSpec.at(CLOCK.instant().minusSeconds(60)));

    private static VerificationReport verify(RevocationMode mode) {
        AnchorSetPolicy policy = AnchorSetPolicy.DEFAULT.withRevocation(mode);
        TrustAnchors anchors = TrustAnchors.of(Set.of(
                        DocumentTrust.LICENCE_ISSUERS,
                        DocumentTrust.SIGNERS,
                        DocumentTrust.SEAL_MAKERS,
                        DocumentTrust.TIMESTAMPING)
                .stream()
                .map(n -> new TrustAnchorSet(n, Set.of(SILENT.root().certificate()), policy))
                .toArray(TrustAnchorSet[]::new));
        RevocationChecker nothing =
                new RevocationChecker((c, i) -> Optional.empty(), p -> Optional.empty(), RevocationCache.none(), CLOCK);
        DocumentTrust trust = new DocumentTrust(
                anchors,
                new PathValidator(
                        CertificateSource.of(List.of(SILENT.intermediate().certificate())), nothing),
                CLOCK);
        return new PdfLicenceVerifier(trust, null).verify(PDF, VerificationOptions.defaults());
    }

    private static List<Check> signatureChecks(VerificationReport r) {
        return r.signatures().get(0).checks();
    }

    @Test
    void byDefaultACertificateWithoutRevocationSourcesIsNotConcluded() {
        VerificationReport r = verify(RevocationMode.REQUIRED);

        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.INDETERMINATE);
        assertThat(r.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(r.rule()).isEqualTo("SIGNER_CERTIFICATE");
        assertThat(signatureChecks(r))
                .anySatisfy(c -> assertThat(c.detail()).contains("REVOCATION_NOT_DECLARED", "revocation=required"));
    }

    @Test
    void whenDeclaredTrustsItOnPurposeAndReportsAWarningCheck() {
        VerificationReport r = verify(RevocationMode.WHEN_DECLARED);

        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(signatureChecks(r))
                .filteredOn(c -> c.status() == Check.Status.WARNING)
                .extracting(Check::rule)
                .containsOnly("REVOCATION_NOT_DECLARED")
                .hasSize(2);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("REVOCATION_NOT_DECLARED"));
    }

    @Test
    void offTrustsItWithAWarningForEachCertificate() {
        VerificationReport r = verify(RevocationMode.OFF);

        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(signatureChecks(r))
                .filteredOn(c -> c.status() == Check.Status.WARNING)
                .extracting(Check::rule)
                .containsOnly("REVOCATION_OFF");
    }
}
