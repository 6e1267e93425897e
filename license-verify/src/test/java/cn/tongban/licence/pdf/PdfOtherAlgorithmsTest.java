package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.cert.CRLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.fixtures.pdf.SignSpec;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.validation.CertificateSource;
import cn.tongban.trust.validation.InMemoryRevocationCache;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.RevocationChecker;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.TrustAnchors;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;

/**
 * Whole PDF licences signed under a PKI of each kind other producers use (P-384, P-521, Brainpool, Ed25519) pass,
 * with revocation from the PKI's CRLs, and the algorithm check names the table rows.
 */
class PdfOtherAlgorithmsTest {

    private static final Clock CLOCK = Clock.systemUTC();

    private static DocumentTrust trust(TestPki pki) {
        TrustAnchors anchors = TrustAnchors.of(new TrustAnchorSet(
                DocumentTrust.LICENCE_ISSUERS, Set.of(pki.root().certificate())));
        RevocationChecker revocation = new RevocationChecker(
                (cert, issuer) -> Optional.empty(),
                point -> {
                    try {
                        return Optional.of(
                                point.getPath().endsWith("root.crl")
                                        ? pki.root().currentCrl().getEncoded()
                                        : pki.currentCrl().getEncoded());
                    } catch (CRLException e) {
                        return Optional.empty();
                    }
                },
                new InMemoryRevocationCache(pki.clock()),
                pki.clock());
        return new DocumentTrust(
                anchors,
                new PathValidator(
                        CertificateSource.of(List.of(pki.intermediate().certificate())), revocation),
                pki.clock());
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"EC_P384", "EC_P521", "BRAINPOOL_P256", "BRAINPOOL_P384", "BRAINPOOL_P512", "ED25519"})
    void aLicenceSignedWithTheKeysOfAnotherProducerPasses(KeyAlgorithm algorithm) {
        TestPki pki = TestPki.builder(CLOCK, algorithm)
                .publishedAt(URI.create("http://pki.invalid/"))
                .build();
        byte[] pdf = LicencePdfs.sign(
                LicencePdfs.unsigned(),
                pki.documentSigner(),
                SignSpec.at(CLOCK.instant().minusSeconds(60)));

        VerificationReport r = new PdfLicenceVerifier(trust(pki), null).verify(pdf, VerificationOptions.defaults());

        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
        Check algorithms = r.signatures().get(0).checks().stream()
                .filter(c -> c.rule().equals("CMS_ALGORITHM_POLICY"))
                .findFirst()
                .orElseThrow();
        assertThat(algorithms.detail()).contains("row ", "no end date");
    }
}
