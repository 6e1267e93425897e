package cn.tongban.seal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SignatureCheck;

/** The real seal files of vectors/gbt38540 parse as their README says and their maker signatures verify. */
class VectorSealsTest {

    static Stream<Arguments> sealFiles() {
        return Stream.of(
                Arguments.of(
                        "UserV1.esl",
                        SealVersion.V1,
                        "OFDRW测试用印章",
                        "OFDR&WTest",
                        "2020-04-22T02:18:07Z",
                        "2022-04-22T02:18:07Z"),
                Arguments.of(
                        "UserV4.esl",
                        SealVersion.V4,
                        "OFD R&W 测试用印章",
                        "OFDR&WTest",
                        "2020-04-22T02:09:00Z",
                        "2022-04-22T02:09:00Z"),
                Arguments.of(
                        "UserV5.esl",
                        SealVersion.V5,
                        "OFD R&W V5测试用印章",
                        "OFDR&WTestV5",
                        "2026-04-24T08:53:23Z",
                        "2028-04-24T08:53:23Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sealFiles")
    void parsesWithVersionNameValidityAndAValidMakerSignature(
            String file, SealVersion version, String name, String vid, String start, String end) {
        byte[] der = Vectors.read(file);

        SesSeal seal = SealDecoder.decodeSeal(der).orElseThrow();

        assertThat(seal.version()).isEqualTo(version);
        assertThat(seal.header().id()).isEqualTo("ES");
        assertThat(seal.header().vid()).isEqualTo(vid);
        assertThat(seal.property().name()).isEqualTo(name);
        assertThat(seal.property().validStart()).isEqualTo(Instant.parse(start));
        assertThat(seal.property().validEnd()).isEqualTo(Instant.parse(end));
        assertThat(seal.property().certListType()).isEqualTo(1);
        assertThat(seal.property().certList())
                .isInstanceOfSatisfying(
                        CertList.Certificates.class,
                        c -> assertThat(c.certificates()).hasSize(1));
        assertThat(seal.picture().type()).isEqualTo("PNG");
        assertThat(seal.picture().widthMm()).isEqualTo(40);
        assertThat(seal.picture().heightMm()).isEqualTo(40);
        assertThat(seal.signatureAlgorithm()).isEqualTo("1.2.156.10197.1.501");
        assertThat(seal.timeStamp()).isEmpty();
        assertThat(seal.encoded().value()).isEqualTo(der);
        assertThat(SealSignatures.parseCertificate(seal.makerCertificate())).isPresent();

        SignatureCheck check = SealSignatures.verifySeal(seal);

        assertThat(check.valid()).as(check.detail()).isTrue();
        assertThat(check.code()).isEqualTo(SignatureCheck.Code.VALID);
    }

    @Test
    void v4SignsTheOriginalSealInfoBytes() {
        byte[] der = Vectors.read("UserV4.esl");
        SesSeal seal = SealDecoder.decodeSeal(der).orElseThrow();
        // SES_SealInfo is the first element of SESeal: 4 header octets in, 16389 content octets + 4 header.
        assertThat(seal.toBeSigned().value()).isEqualTo(java.util.Arrays.copyOfRange(der, 4, 4 + 4 + 16389));
    }

    @Test
    void v1SignsSequenceOfSealInfoCertAndAlgorithm() {
        SesSeal seal = SealDecoder.decodeSeal(Vectors.read("UserV1.esl")).orElseThrow();
        byte[] tbs = seal.toBeSigned().value();
        // docs/STANDARDS.md §1.3: SEQUENCE { SES_SealInfo, cert, signatureAlgorithm }, ending with the SM3withSM2 OID.
        assertThat(tbs[0]).isEqualTo((byte) 0x30);
        assertThat(seal.property().createDate()).isEqualTo(Instant.parse("2020-04-22T02:18:07Z"));
        assertThat(java.util.HexFormat.of().formatHex(tbs, tbs.length - 10, tbs.length))
                .isEqualTo("06082a811ccf55018375");
    }

    @Test
    void vendorSampleParsesButItsSignatureDoesNotVerify() {
        SesSeal seal = SealDecoder.decodeSeal(Vectors.read("SESealData.DER")).orElseThrow();

        assertThat(seal.version()).isEqualTo(SealVersion.V4);
        assertThat(seal.header().vid()).isEqualTo("Vid HebeiGede");
        assertThat(seal.esId()).isEqualTo("esID130600");
        assertThat(seal.property().name()).isEqualTo("测试单位名称 合同专用章");
        assertThat(seal.property().validEnd()).isEqualTo(Instant.parse("2021-04-16T09:45:58Z"));
        assertThat(seal.picture().type()).isEqualTo("GIF");
        // untagged SES_SealInfo.extDatas (docs/STANDARDS.md §1.1)
        assertThat(seal.extDatas())
                .extracting(ExtData::extnId)
                .containsExactly("1.2.156.112600.7.1", "1.2.156.112600.7.2", "1.2.156.112600.7.3");
        assertThat(seal.extDatas()).extracting(ExtData::critical).containsExactly(false, true, false);

        SignatureCheck check = SealSignatures.verifySeal(seal);

        assertThat(check.valid()).isFalse();
        assertThat(check.code()).isEqualTo(SignatureCheck.Code.SIGNATURE_INVALID);
    }
}
