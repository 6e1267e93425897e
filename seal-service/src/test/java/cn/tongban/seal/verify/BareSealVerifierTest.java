package cn.tongban.seal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.tongban.fixtures.seal.SealFiles;
import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SealPicture;
import cn.tongban.seal.codec.Vectors;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** A bare seal file judged at a validation time, GM/T 0031-2014 §6.1.2 step by step, on the vectors and seals made from them. */
class BareSealVerifierTest {

    static final Instant IN_2021 = Instant.parse("2021-06-01T00:00:00Z");
    static final Instant NOW = Instant.now();
    static final X509Certificate ROOT = SealFiles.ofdrwRoot();

    /** A stand-in for path validation: certificates issued by ofdrw's root and valid at the time pass. */
    static final CertificateJudge ROOT_JUDGE = (cert, at, purpose) -> {
        try {
            cert.verify(ROOT.getPublicKey(), new org.bouncycastle.jce.provider.BouncyCastleProvider());
        } catch (GeneralSecurityException e) {
            return CertificateJudge.Judgement.indeterminate(
                    SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "not issued by the root");
        }
        return at.isAfter(cert.getNotAfter().toInstant())
                ? CertificateJudge.Judgement.failed(SubIndication.EXPIRED, "expired at " + at)
                : CertificateJudge.Judgement.passed(purpose + " chains to the root at " + at);
    };

    final BareSealVerifier verifier = new BareSealVerifier(ROOT_JUDGE, null);

    @ParameterizedTest
    @ValueSource(strings = {"UserV1.esl", "UserV4.esl"})
    void theV1AndV4VectorsPassEveryCheckIn2021(String file) {
        BareSealReport r = verifier.verify(Vectors.read(file), IN_2021);

        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(r.subIndication()).isEmpty();
        assertThat(r.checks())
                .extracting(Check::rule)
                .containsExactly(
                        "SEAL_FORMAT", "SEAL_SIGNATURE", "SEAL_PICTURE", "SEAL_VALIDITY", "SEAL_MAKER_CERTIFICATE");
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.clause()).isNotBlank());
        assertThat(r.checks())
                .filteredOn(c -> c.rule().equals("SEAL_PICTURE"))
                .singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("PNG", "40 x 40 mm"));
        assertThat(r.seal()).isPresent();
        assertThat(r.maker())
                .hasValueSatisfying(
                        m -> assertThat(m.getSubjectX500Principal().getName()).contains("Test Certificate"));
        assertThat(r.at()).isEqualTo(IN_2021);
    }

    @Test
    void theV5VectorIsInsideItsValidityTodayButItsMakerCertificateExpiredIn2022() {
        BareSealReport r = verifier.verify(Vectors.read("UserV5.esl"), NOW);

        for (String passed : List.of("SEAL_FORMAT", "SEAL_SIGNATURE", "SEAL_PICTURE", "SEAL_VALIDITY")) {
            assertThat(check(r, passed).status()).as(passed).isEqualTo(Check.Status.PASSED);
        }
        assertThat(check(r, "SEAL_MAKER_CERTIFICATE").subIndication()).isEqualTo(SubIndication.EXPIRED);
        assertThat(r.indication()).isEqualTo(Indication.TOTAL_FAILED);
    }

    @Test
    void theV5VectorIsNotYetValidIn2021() {
        BareSealReport r = verifier.verify(Vectors.read("UserV5.esl"), IN_2021);
        assertFailed(r, "SEAL_VALIDITY", SubIndication.SIG_CONSTRAINTS_FAILURE);
        assertThat(check(r, "SEAL_VALIDITY").detail()).contains("before the seal's validity");
    }

    @Test
    void aPictureAlteredAfterSigningBreaksTheMakersSignature() {
        BareSealReport r = verifier.verify(SealFiles.v4WithTamperedPicture(), IN_2021);
        assertFailed(r, "SEAL_SIGNATURE", SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void aPictureDeclaredAsGifThatIsAPngIsAFormatFailureThoughTheMakerSignedIt() {
        BareSealReport r = verifier.verify(SealFiles.v4DeclaringPictureAs("GIF"), IN_2021);
        assertThat(check(r, "SEAL_SIGNATURE").status()).isEqualTo(Check.Status.PASSED);
        assertFailed(r, "SEAL_PICTURE", SubIndication.FORMAT_FAILURE);
        assertThat(check(r, "SEAL_PICTURE").detail()).contains("magic bytes of GIF", "starts as PNG does");
    }

    @Test
    void aPictureTypeOutsideTheStandardAndASizeOfZeroMillimetresFailTheRule() {
        Bytes png = SealDecoder.decodeSeal(Vectors.read("UserV4.esl"))
                .orElseThrow()
                .picture()
                .data();
        Check tiff = SealChecks.picture(new SealPicture("TIFF", png, 40, 40));
        Check flat = SealChecks.picture(new SealPicture("PNG", png, 40, 0));
        assertThat(tiff.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(tiff.detail()).contains("must be one of GIF, BMP, JPG, PNG, SVG");
        assertThat(flat.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(flat.detail()).contains("picture.height must be 1..500 mm, was 0");
    }

    @Test
    void aSealPastItsValidEndFailsAtTodaysValidationTime() {
        BareSealReport r = verifier.verify(Vectors.read("UserV4.esl"), NOW);
        assertFailed(r, "SEAL_VALIDITY", SubIndication.SIG_CONSTRAINTS_FAILURE);
        assertThat(check(r, "SEAL_VALIDITY").detail()).contains("validated at", "after the seal's validity");
    }

    @Test
    void aMakerNoAnchorVouchesForIsIndeterminateWithoutAChain() {
        BareSealReport r =
                new BareSealVerifier(CertificateJudge.unvalidated(), null).verify(Vectors.read("UserV4.esl"), IN_2021);
        assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(r.subIndication()).contains(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(check(r, "SEAL_MAKER_CERTIFICATE").status()).isEqualTo(Check.Status.INDETERMINATE);
    }

    @Test
    void truncatedOrForeignBytesAreAFormatFailureWithNoOtherCheck() {
        byte[] v4 = Vectors.read("UserV4.esl");
        for (byte[] bad : List.of(
                Arrays.copyOf(v4, v4.length - 40), "not a seal".getBytes(StandardCharsets.US_ASCII), new byte[0])) {
            BareSealReport r = verifier.verify(bad, IN_2021);
            assertFailed(r, "SEAL_FORMAT", SubIndication.FORMAT_FAILURE);
            assertThat(r.checks()).hasSize(1);
            assertThat(r.seal()).isEmpty();
        }
    }

    @Test
    void theRegistrysStatusAtTheValidationTimeDecidesWhenTheSealIsRegistered() {
        BareSealVerifier revoked = new BareSealVerifier(
                ROOT_JUDGE,
                (seal, at) -> CertificateJudge.Judgement.failed(SubIndication.SEAL_REVOKED, "revoked before " + at));
        BareSealReport r = revoked.verify(Vectors.read("UserV4.esl"), IN_2021);
        assertFailed(r, "SEAL_REGISTRY", SubIndication.SEAL_REVOKED);
        assertThat(check(r, "SEAL_REGISTRY").detail()).contains(IN_2021.toString());
    }

    @Test
    void aRegistryThatFailsMakesTheSealIndeterminateTryLater() {
        BareSealVerifier down = new BareSealVerifier(ROOT_JUDGE, (seal, at) -> {
            throw new IllegalStateException("database down");
        });
        BareSealReport r = down.verify(Vectors.read("UserV4.esl"), IN_2021);
        assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(r.subIndication()).contains(SubIndication.TRY_LATER);
    }

    @Test
    void sealFilesAreToldFromSignaturesPdfsAndZipsByTheirFirstOctets() {
        for (String v : List.of("UserV1.esl", "UserV4.esl", "UserV5.esl", "SESealData.DER")) {
            assertThat(SealDecoder.startsLikeSeal(Vectors.read(v))).as(v).isTrue();
        }
        assertThat(SealDecoder.startsLikeSeal(Vectors.signedValue("allprotected.ofd")))
                .as("SES_Signature")
                .isFalse();
        assertThat(SealDecoder.startsLikeSeal(Vectors.read("allprotected.ofd"))).isFalse();
        assertThat(SealDecoder.startsLikeSeal("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(SealDecoder.startsLikeSeal(new byte[] {0x30, (byte) 0x80, 0x30, 0x00}))
                .isFalse();
        assertThat(SealDecoder.startsLikeSeal(new byte[0])).isFalse();
        assertThat(SealDecoder.startsLikeSeal(null)).isFalse();
    }

    static Check check(BareSealReport r, String name) {
        return r.checks().stream()
                .filter(c -> c.rule().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + r.checks()));
    }

    static void assertFailed(BareSealReport r, String rule, SubIndication why) {
        assertThat(r.indication()).as(r.checks().toString()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(r.subIndication()).contains(why);
        assertThat(r.checks().stream()
                        .filter(c -> c.status() == Check.Status.FAILED)
                        .findFirst()
                        .orElseThrow()
                        .rule())
                .isEqualTo(rule);
    }
}
