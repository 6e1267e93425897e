package cn.tongban.seal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SignatureCheck;

/** SignedValue.dat of each signed OFD vector: decodes, embedded seal verifies, TBS_Sign signature as README. */
class VectorSignaturesTest {

    static Stream<Arguments> signedOfds() {
        return Stream.of(
                Arguments.of("signedFile.ofd", SealVersion.V4, "2020-10-04T07:28:55Z", true, true),
                Arguments.of("v4signed.ofd", SealVersion.V4, "2020-10-10T07:11:20Z", true, true),
                Arguments.of("allprotected.ofd", SealVersion.V4, "2020-10-23T11:45:37Z", true, true),
                Arguments.of("SESV4SignDoc.ofd", SealVersion.V4, "2026-08-04T02:08:09Z", true, true),
                // README: third-party v1 signature over an edited document: TBS signature invalid.
                // Its seal lists IA5String "1" instead of a certificate, so the signer matches nothing.
                Arguments.of("n.ofd", SealVersion.V1, "2020-01-25T07:31:56.377Z", false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedOfds")
    void signedValueDecodesAndVerifiesAsTheReadmeSays(
            String ofd, SealVersion version, String signingTime, boolean tbsValid, boolean signerInSeal) {
        SesSignature sig = SealDecoder.decodeSignature(Vectors.signedValue(ofd)).orElseThrow();

        assertThat(sig.version()).isEqualTo(version);
        assertThat(sig.signingTime()).isEqualTo(Instant.parse(signingTime));
        assertThat(sig.timeInfoText())
                .isEqualTo(version == SealVersion.V1 ? signingTime : signingTime.replaceAll("[-:T]", ""));
        assertThat(sig.propertyInfo()).isEqualTo("/Doc_0/Signs/Sign_0/Signature.xml");
        assertThat(sig.dataHash().size()).isEqualTo(32);
        assertThat(sig.signatureAlgorithm()).isEqualTo("1.2.156.10197.1.501");

        SignatureCheck seal = SealSignatures.verifySeal(sig.seal());
        assertThat(seal.valid()).as(seal.detail()).isTrue();

        SignatureCheck tbs = SealSignatures.verifySignature(sig);
        assertThat(tbs.valid()).as(tbs.detail()).isEqualTo(tbsValid);
        assertThat(tbs.code()).isEqualTo(tbsValid ? SignatureCheck.Code.VALID : SignatureCheck.Code.SIGNATURE_INVALID);

        SignatureCheck match = SealSignatures.signerMatchesSeal(sig);
        assertThat(match.valid()).as(match.detail()).isEqualTo(signerInSeal);
        assertThat(match.code())
                .isEqualTo(signerInSeal ? SignatureCheck.Code.SIGNER_IN_SEAL : SignatureCheck.Code.SIGNER_NOT_IN_SEAL);

        // docs/STANDARDS.md §1.6: a stored Seal.esl is byte-equal to the DER of TBS_Sign.eseal.
        Optional<byte[]> stored = Vectors.sealFile(ofd);
        stored.ifPresent(bytes -> assertThat(sig.seal().encoded().value()).isEqualTo(bytes));
    }
}
