package cn.tongban.licence.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.tongban.fixtures.seal.SealFiles;
import cn.tongban.licence.DocumentVerifiers;
import cn.tongban.licence.LicenceWorld;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.TrustAnchors;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Bare GB/T 38540 seal files through the one verification entry point (sniffed by content), judged with real path
 * validation: ofdrw's root is the {@code seal-maker} anchor, as the vectors' README says.
 */
class SealFileVerifierTest {

    static final Instant IN_2021 = Instant.parse("2021-06-01T00:00:00Z");
    static final LicenceWorld WORLD = new LicenceWorld(KeyAlgorithm.SM2, Clock.systemUTC());
    static final DocumentTrust MAKER_TRUSTED =
            WORLD.trust(TrustAnchors.of(new TrustAnchorSet(DocumentTrust.SEAL_MAKERS, Set.of(SealFiles.ofdrwRoot()))));
    static final DocumentTrust NOTHING_TRUSTED = WORLD.trust(TrustAnchors.of());

    static VerificationReport verify(DocumentTrust trust, byte[] file, Instant at) {
        return DocumentVerifiers.standard(trust, null, OfdLimits.DEFAULT)
                .verify(file, new VerificationOptions(at, List.of(), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UserV1.esl", "UserV4.esl"})
    void theV1AndV4VectorsPassAt2021WithTheirMakerAndPictureReported(String file) {
        VerificationReport r = verify(MAKER_TRUSTED, SealFiles.vector(file), IN_2021);

        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(r.documentType()).isEqualTo("SEAL");
        assertThat(r.validationTime()).isEqualTo(IN_2021);
        assertThat(r.checks()).extracting(Check::rule).containsExactly("SEAL_FORMAT");
        assertThat(r.signatures()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("SEAL");
            assertThat(s.indication()).isEqualTo(Indication.TOTAL_PASSED);
            assertThat(s.signer()).contains("CN=Test Certificate");
            assertThat(s.signatureAlgorithm()).isEqualTo("SM3withSM2");
            assertThat(s.signingTime()).isEqualTo(IN_2021);
            assertThat(s.timeSource()).isEqualTo("VALIDATION_TIME");
            assertThat(s.seal().validFrom())
                    .isEqualTo(
                            Instant.parse(file.equals("UserV1.esl") ? "2020-04-22T02:18:07Z" : "2020-04-22T02:09:00Z"));
            assertThat(s.seal().maker()).isEqualTo(s.signer());
            assertThat(s.checks())
                    .extracting(Check::rule)
                    .containsExactly("SEAL_SIGNATURE", "SEAL_PICTURE", "SEAL_VALIDITY", "SEAL_MAKER_CERTIFICATE");
            assertThat(s.checks()).allSatisfy(c -> assertThat(c.clause()).isNotBlank());
        });
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("revocation not checked"));
    }

    @Test
    void theV5VectorIsInsideItsValidityTodayYetFailsOnItsMakerCertificateWhichExpiredIn2022() {
        VerificationReport r = verify(MAKER_TRUSTED, SealFiles.vector("UserV5.esl"), null);

        List<Check> checks = r.signatures().get(0).checks();
        assertThat(checks)
                .filteredOn(c -> !c.rule().equals("SEAL_MAKER_CERTIFICATE"))
                .allSatisfy(c -> assertThat(c.status()).as(c.rule()).isEqualTo(Check.Status.PASSED));
        assertThat(r.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
        assertThat(r.rule()).isEqualTo("SEAL_MAKER_CERTIFICATE");
        assertThat(r.subIndication()).isEqualTo(SubIndication.EXPIRED);
    }

    @Test
    void aPictureFlippedAfterSigningFailsTheMakersSignature() {
        assertFailed(
                verify(MAKER_TRUSTED, SealFiles.v4WithTamperedPicture(), IN_2021),
                SubIndication.SIG_CRYPTO_FAILURE,
                "SEAL_SIGNATURE");
    }

    @Test
    void aMakerWithoutAnAnchorIsIndeterminateNoChain() {
        VerificationReport r = verify(NOTHING_TRUSTED, SealFiles.vector("UserV4.esl"), IN_2021);
        assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(r.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(r.rule()).isEqualTo("SEAL_MAKER_CERTIFICATE");
    }

    @Test
    void theRootGivenForOneCallTrustsTheMakerAsTheCliTrustOptionDoes() {
        VerificationReport r = DocumentVerifiers.standard(NOTHING_TRUSTED, null, OfdLimits.DEFAULT)
                .verify(
                        SealFiles.vector("UserV4.esl"),
                        new VerificationOptions(IN_2021, List.of(SealFiles.ofdrwRoot()), false));
        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void aSealPastItsValidEndFailsAtTodaysTime() {
        assertFailed(
                verify(MAKER_TRUSTED, SealFiles.vector("UserV4.esl"), null),
                SubIndication.SIG_CONSTRAINTS_FAILURE,
                "SEAL_VALIDITY");
    }

    @Test
    void aPictureThatIsNotTheTypeItDeclaresIsAFormatFailure() {
        VerificationReport r = verify(MAKER_TRUSTED, SealFiles.v4DeclaringPictureAs("JPG"), IN_2021);
        assertFailed(r, SubIndication.FORMAT_FAILURE, "SEAL_PICTURE");
        assertThat(r.signatures().get(0).checks())
                .filteredOn(c -> c.rule().equals("SEAL_SIGNATURE"))
                .singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(Check.Status.PASSED));
    }

    @Test
    void aTruncatedSealIsAFormatFailureOfTheSealFile() {
        byte[] v4 = SealFiles.vector("UserV4.esl");
        VerificationReport r = verify(MAKER_TRUSTED, Arrays.copyOf(v4, 2000), IN_2021);
        assertFailed(r, SubIndication.FORMAT_FAILURE, "SEAL_FORMAT");
        assertThat(r.documentType()).isEqualTo("SEAL");
        assertThat(r.signatures()).isEmpty();
    }

    @Test
    void garbageIsNeitherADocumentNorASealAndAFormatFailure() {
        byte[] garbage = "\u0001\u0002 garbage, not DER, not a PDF, not a ZIP".getBytes(StandardCharsets.US_ASCII);
        assertThat(DocumentVerifiers.sniff(garbage)).isEqualTo(DocumentVerifiers.Kind.UNKNOWN);
        VerificationReport r = verify(MAKER_TRUSTED, garbage, IN_2021);
        assertFailed(r, SubIndication.FORMAT_FAILURE, "DOCUMENT_TYPE");
        assertThat(r.checks().get(0).detail()).contains("GB/T 38540 seal file");
    }

    @Test
    void sealFilesOfEveryVersionAreSniffedAsSeals() {
        for (String v : List.of("UserV1.esl", "UserV4.esl", "UserV5.esl")) {
            assertThat(DocumentVerifiers.sniff(SealFiles.vector(v))).as(v).isEqualTo(DocumentVerifiers.Kind.SEAL);
        }
        assertThat(DocumentVerifiers.sniff(SealFiles.vector("allprotected.ofd")))
                .isEqualTo(DocumentVerifiers.Kind.OFD);
    }

    static void assertFailed(VerificationReport r, SubIndication why, String rule) {
        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(r.subIndication()).isEqualTo(why);
        assertThat(r.rule()).isEqualTo(rule);
    }
}
