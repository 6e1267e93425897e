package cn.tongban.seal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.codec.SesSignature;
import cn.tongban.seal.codec.TestSeals;
import cn.tongban.seal.codec.Vectors;
import cn.tongban.seal.verify.SignatureCheck.Code;

/** Seal-maker signature (GM/T 0031-2014 §6.1.2 step 2), TBS_Sign signature (§6.2.3 step 2), signer in seal (step 3). */
class SealSignaturesTest {

    private static TestSeals.Signer sm2;
    private static TestSeals.Signer rsa;

    @BeforeAll
    static void keys() {
        sm2 = TestSeals.sm2();
        rsa = TestSeals.rsa();
    }

    private static SesSeal seal(byte[] der) {
        return SealDecoder.decodeSeal(der).orElseThrow();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void flippedBitInSignedValueIsInvalid() {
        byte[] der = Vectors.read("UserV4.esl");
        der[der.length - 1] ^= 0x01; // last octet of s in SEQUENCE{r, s} of signedValue

        SignatureCheck check = SealSignatures.verifySeal(seal(der));

        assertThat(check.valid()).isFalse();
        assertThat(check.code()).isEqualTo(Code.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UserV1.esl", "UserV4.esl", "UserV5.esl"})
    void flippedPictureByteBreaksTheMakerSignature(String file) {
        byte[] der = Vectors.read(file);
        int png = indexOf(der, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        der[png + 200] ^= (byte) 0xFF;
        SesSeal seal = seal(der);
        assertThat(seal.picture().data().value()[200]).isEqualTo((byte) (Vectors.read(file)[png + 200] ^ 0xFF));

        SignatureCheck check = SealSignatures.verifySeal(seal);

        assertThat(check.valid()).isFalse();
        assertThat(check.code()).isEqualTo(Code.SIGNATURE_INVALID);
    }

    @Test
    void generatedSealsVerifyWithEachSupportedAlgorithm() {
        for (TestSeals.Signer maker : new TestSeals.Signer[] {sm2, TestSeals.ecdsa(), rsa}) {
            SignatureCheck check = SealSignatures.verifySeal(seal(TestSeals.v4Seal(maker, sm2.certificateDer())));
            assertThat(check.valid())
                    .as(maker.jcaName() + ": " + check.detail())
                    .isTrue();
        }
    }

    @Test
    void unknownAlgorithmOidIsAClearResult() {
        SesSeal seal = seal(TestSeals.v4Seal(sm2, sm2.certificateDer()));
        SignatureCheck check =
                SealSignatures.verify("1.2.3.4", seal.makerCertificate(), seal.toBeSigned(), seal.signedValue());
        assertThat(check)
                .extracting(SignatureCheck::valid, SignatureCheck::code)
                .containsExactly(false, Code.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void keyOfTheWrongKindIsAMismatch() {
        SesSeal seal = seal(TestSeals.v4Seal(sm2, sm2.certificateDer()));
        SignatureCheck check = SealSignatures.verify(
                TestSeals.SM3_WITH_SM2, Bytes.of(rsa.certificateDer()), seal.toBeSigned(), seal.signedValue());
        assertThat(check.code()).isEqualTo(Code.KEY_ALGORITHM_MISMATCH);
    }

    @Test
    void unparseableCertificateAndGarbageSignatureAreResults() {
        SesSeal seal = seal(TestSeals.v4Seal(sm2, sm2.certificateDer()));
        assertThat(SealSignatures.verify(
                                TestSeals.SM3_WITH_SM2,
                                Bytes.of(new byte[] {0x30, 0x00}),
                                seal.toBeSigned(),
                                seal.signedValue())
                        .code())
                .isEqualTo(Code.CERTIFICATE_UNPARSEABLE);
        byte[] trailing = Arrays.copyOf(sm2.certificateDer(), sm2.certificateDer().length + 1);
        assertThat(SealSignatures.verify(
                                TestSeals.SM3_WITH_SM2, Bytes.of(trailing), seal.toBeSigned(), seal.signedValue())
                        .code())
                .isEqualTo(Code.CERTIFICATE_UNPARSEABLE);
        SignatureCheck garbage = SealSignatures.verify(
                TestSeals.SM3_WITH_SM2, seal.makerCertificate(), seal.toBeSigned(), Bytes.of(new byte[] {1, 2, 3}));
        assertThat(garbage.valid()).isFalse();
        assertThat(garbage.code()).isIn(Code.SIGNATURE_MALFORMED, Code.SIGNATURE_INVALID);
    }

    @Test
    void bareRConcatSSm2ValueIsAccepted() {
        byte[] raw;
        SesSeal seal;
        do { // a raw value starting with 0x30 would be read as DER; retry the rare case (1 in 256)
            seal = seal(TestSeals.v4Seal(sm2, sm2.certificateDer()));
            ASN1Sequence rs = ASN1Sequence.getInstance(seal.signedValue().value());
            raw = new byte[64];
            for (int i = 0; i < 2; i++) {
                byte[] v = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(
                        32, ASN1Integer.getInstance(rs.getObjectAt(i)).getValue());
                System.arraycopy(v, 0, raw, 32 * i, 32);
            }
        } while (raw[0] == 0x30);

        SignatureCheck check = SealSignatures.verify(
                TestSeals.SM3_WITH_SM2, seal.makerCertificate(), seal.toBeSigned(), Bytes.of(raw));

        assertThat(check.valid()).as(check.detail()).isTrue();
        raw[63] ^= 1;
        assertThat(SealSignatures.verify(
                                TestSeals.SM3_WITH_SM2, seal.makerCertificate(), seal.toBeSigned(), Bytes.of(raw))
                        .code())
                .isEqualTo(Code.SIGNATURE_INVALID);
    }

    @Test
    void tbsSignSignatureOfAGeneratedV4SignatureVerifiesAndDetectsTampering() {
        TestSeals.Signer signer = TestSeals.sm2();
        byte[] sealDer = TestSeals.v4Seal(sm2, signer.certificateDer());
        byte[] sigDer = TestSeals.v4Signature(sealDer, signer);
        SesSignature sig = SealDecoder.decodeSignature(sigDer).orElseThrow();

        assertThat(SealSignatures.verifySignature(sig).valid()).isTrue();
        assertThat(SealSignatures.signerMatchesSeal(sig).code()).isEqualTo(Code.SIGNER_IN_SEAL);

        int hash = indexOf(sigDer, "/Doc_0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) - 3;
        sigDer[hash] ^= 0x01; // last octet of dataHash
        SesSignature tampered = SealDecoder.decodeSignature(sigDer).orElseThrow();
        assertThat(tampered.dataHash()).isNotEqualTo(sig.dataHash());
        assertThat(SealSignatures.verifySignature(tampered).code()).isEqualTo(Code.SIGNATURE_INVALID);
        assertThat(SealSignatures.verifySeal(tampered.seal()).valid()).isTrue();
    }

    @Test
    void signerNotListedInSealDoesNotMatch() {
        SesSeal seal = seal(TestSeals.v4Seal(sm2, sm2.certificateDer()));
        SignatureCheck check =
                SealSignatures.signerMatchesSeal(Bytes.of(TestSeals.ecdsa().certificateDer()), seal);
        assertThat(check)
                .extracting(SignatureCheck::valid, SignatureCheck::code)
                .containsExactly(false, Code.SIGNER_NOT_IN_SEAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SM3", "SHA1", "SHA256", "SHA-256", "sm3"})
    void certificateDigestListMatchesByTheNamedAlgorithm(String type) throws Exception {
        String jca = type.toUpperCase(Locale.ROOT).replace("-", "").replace("SHA", "SHA-");
        byte[] digest = MessageDigest.getInstance(jca, TestSeals.BC).digest(sm2.certificateDer());
        SesSeal seal = digestSeal(type, digest);

        assertThat(SealSignatures.signerMatchesSeal(Bytes.of(sm2.certificateDer()), seal)
                        .code())
                .isEqualTo(Code.SIGNER_IN_SEAL);
        byte[] other = TestSeals.ecdsa().certificateDer();
        assertThat(SealSignatures.signerMatchesSeal(Bytes.of(other), seal).code())
                .isEqualTo(Code.SIGNER_NOT_IN_SEAL);
    }

    @Test
    void unsupportedDigestTypeIsNamed() {
        SesSeal seal = digestSeal("MD5", new byte[16]);
        SignatureCheck check = SealSignatures.signerMatchesSeal(Bytes.of(sm2.certificateDer()), seal);
        assertThat(check.code()).isEqualTo(Code.UNSUPPORTED_DIGEST);
        assertThat(check.detail()).contains("MD5");
    }

    private static SesSeal digestSeal(String type, byte[] digest) {
        ASN1Encodable info = TestSeals.sealInfo(
                TestSeals.header(4),
                TestSeals.propertyFields(2, TestSeals.digest(type, digest)),
                TestSeals.pictureFields(),
                null);
        Decoded<SesSeal> d = SealDecoder.decodeSeal(TestSeals.seal(info, sm2));
        SesSeal seal = d.orElseThrow();
        assertThat(seal.property().certListType()).isEqualTo(2);
        assertThat(SealSignatures.verifySeal(seal).valid()).isTrue();
        return seal;
    }

    @Test
    void tamperedRealSignatureFailsWhileItsSealStillVerifies() {
        byte[] der = Vectors.signedValue("allprotected.ofd");
        der[17039 + 2 + 5] ^= 0x10; // inside TBS_Sign.dataHash (offset from openssl asn1parse)
        SesSignature sig = SealDecoder.decodeSignature(der).orElseThrow();
        assertThat(SealSignatures.verifySignature(sig).code()).isEqualTo(Code.SIGNATURE_INVALID);
        assertThat(SealSignatures.verifySeal(sig.seal()).valid()).isTrue();
        assertThat(Arrays.equals(sig.tbsSign().value(), Arrays.copyOfRange(der, 4, 4 + 4 + 17101)))
                .isTrue();
    }

    /** Found by SealCodecFuzzTest: a maker certificate Bouncy Castle parses but whose key it cannot build. */
    @Test
    void aCertificateWhoseKeyCannotBeReadIsUnparseableNotAnException() throws Exception {
        byte[] found;
        try (var in = SealSignaturesTest.class.getResourceAsStream("/cn/tongban/seal/codec/SealCodecFuzzTestInputs/"
                + "signaturesDecodeOrAreMalformed/crash-maker-certificate-key-unreadable")) {
            found = in.readAllBytes();
        }
        SesSeal seal = SealDecoder.decodeSignature(found).orElseThrow().seal();
        assertThat(SealSignatures.parseCertificate(seal.makerCertificate())).isEmpty();
        SignatureCheck check = SealSignatures.verifySeal(seal);
        assertThat(check.valid()).isFalse();
        assertThat(check.code()).isEqualTo(Code.CERTIFICATE_UNPARSEABLE);
    }

    /** Found by SealCodecFuzzTest: a maker certificate whose subject name the JDK's X500Principal cannot read. */
    @Test
    void aCertificateWhoseNameTheJdkCannotReadIsUnparseableNotAnException() throws Exception {
        byte[] found;
        try (var in = SealSignaturesTest.class.getResourceAsStream("/cn/tongban/seal/codec/SealCodecFuzzTestInputs/"
                + "sealsDecodeOrAreMalformed/crash-maker-subject-unreadable-by-jdk")) {
            found = in.readAllBytes();
        }
        SesSeal seal = SealDecoder.decodeSeal(found).orElseThrow();
        assertThat(SealSignatures.parseCertificate(seal.makerCertificate())).isEmpty();
        cn.tongban.trust.verdict.Check maker = SealChecks.makerCertificate(
                cn.tongban.seal.report.CertificateJudge.unvalidated(),
                seal,
                java.time.Instant.parse("2021-06-01T00:00:00Z"));
        assertThat(maker.status()).isEqualTo(cn.tongban.trust.verdict.Check.Status.FAILED);
        assertThat(maker.subIndication()).isEqualTo(cn.tongban.trust.verdict.SubIndication.FORMAT_FAILURE);
    }
}
