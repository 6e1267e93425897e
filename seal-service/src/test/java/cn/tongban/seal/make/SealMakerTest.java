package cn.tongban.seal.make;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.CertList;
import cn.tongban.seal.codec.ExtData;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SealVersion;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.codec.TestSeals;
import cn.tongban.seal.codec.Vectors;
import cn.tongban.seal.verify.SealSignatures;

/** Seals made here decode with SealDecoder and verify with SealSignatures (GB/T 38540 v4, docs/STANDARDS.md §1.1, §1.3). */
class SealMakerTest {

    static final String SM3_WITH_SM2 = "1.2.156.10197.1.501";

    @Test
    void sm2SealFromTheOfdrwTestKeysRoundTrips() {
        X509Certificate user = p12("USER.p12").certificate;
        SealRequests r = SealRequests.forSigners(user);
        r.extDatas.add(new ExtData("1.2.156.112562.1.1", true, Bytes.of(new byte[] {1, 2})));

        SesSeal seal = decode(sealBuilder().make(r.build()));

        assertThat(seal.version()).isEqualTo(SealVersion.V4);
        assertThat(seal.header().id()).isEqualTo("ES");
        assertThat(seal.header().version()).isEqualTo(4);
        assertThat(seal.header().vid()).isEqualTo("TongbanTest");
        assertThat(seal.esId()).isEqualTo("tb-0001");
        assertThat(seal.signatureAlgorithm()).isEqualTo(SM3_WITH_SM2);
        assertThat(seal.property().name()).isEqualTo("通办测试章");
        assertThat(seal.property().type()).isEqualTo(1);
        assertThat(seal.property().certListType()).isEqualTo(1);
        assertThat(((CertList.Certificates) seal.property().certList()).certificates())
                .containsExactlyElementsOf(r.signers);
        assertThat(seal.property().createDate()).isEqualTo(r.createDate);
        assertThat(seal.property().validStart()).isEqualTo(r.validStart);
        assertThat(seal.property().validEnd()).isEqualTo(r.validEnd);
        assertThat(seal.picture().type()).isEqualTo("PNG");
        assertThat(seal.picture().data()).isEqualTo(Bytes.of(SealRequests.PNG));
        assertThat(seal.picture().widthMm()).isEqualTo(40);
        assertThat(seal.extDatas()).containsExactlyElementsOf(r.extDatas);
        assertThat(SealSignatures.verifySeal(seal).valid()).isTrue();
        assertThat(SealSignatures.signerMatchesSeal(r.signers.get(0), seal).valid())
                .isTrue();
    }

    @Test
    void certificateDigestListIsMatchedBySm3OfTheSignerCertificate() {
        SealRequests r = SealRequests.forSigners(p12("USER.p12").certificate);
        r.certListType = SealRequest.CertListType.DIGESTS;

        SesSeal seal = decode(sealBuilder().make(r.build()));

        assertThat(seal.property().certListType()).isEqualTo(2);
        assertThat(((CertList.Digests) seal.property().certList()).digests())
                .singleElement()
                .satisfies(d -> assertThat(d.type()).isEqualTo("SM3"));
        assertThat(SealSignatures.signerMatchesSeal(r.signers.get(0), seal).valid())
                .isTrue();
        assertThat(SealSignatures.signerMatchesSeal(Bytes.of(TestSeals.sm2().certificateDer()), seal)
                        .valid())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDSA", "RSA", "SM2"})
    void sealsMadeWithFreshKeysOfEachAlgorithmVerify(String algorithm) {
        TestSeals.Signer maker =
                switch (algorithm) {
                    case "ECDSA" -> TestSeals.ecdsa();
                    case "RSA" -> TestSeals.rsa();
                    default -> TestSeals.sm2();
                };
        SealRequests r = SealRequests.forSigners(TestSeals.ecdsa().certificate());

        SesSeal seal = decode(new SealMaker(maker.keys().getPrivate(), maker.certificate()).make(r.build()));

        assertThat(seal.signatureAlgorithm()).isEqualTo(maker.oid());
        assertThat(SealSignatures.verifySeal(seal).valid()).isTrue();
    }

    @Test
    void makerKeyThatDoesNotMatchItsCertificateIsRefused() {
        SealMaker wrong = new SealMaker(p12("USER.p12").key, p12("SealBuilder.p12").certificate);

        assertThatThrownBy(() -> wrong.make(
                        SealRequests.forSigners(p12("USER.p12").certificate).build()))
                .isInstanceOf(InvalidSealRequestException.class)
                .hasMessageContaining("does not match");
    }

    static SealMaker sealBuilder() {
        Entry maker = p12("SealBuilder.p12");
        return new SealMaker(maker.key, maker.certificate);
    }

    static SesSeal decode(byte[] der) {
        return SealDecoder.decodeSeal(der).orElseThrow();
    }

    record Entry(PrivateKey key, X509Certificate certificate) {}

    /** ofdrw's USER.p12 / SealBuilder.p12: alias "private", password 777777, read with Bouncy Castle's PKCS12. */
    private static final java.util.Map<String, Entry> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    static Entry p12(String name) {
        return KEYS.computeIfAbsent(name, SealMakerTest::load);
    }

    private static Entry load(String name) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12", TestSeals.BC);
            ks.load(new ByteArrayInputStream(Vectors.read(name)), "777777".toCharArray());
            return new Entry((PrivateKey) ks.getKey("private", "777777".toCharArray()), (X509Certificate)
                    ks.getCertificate("private"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> violations(SealRequests r) {
        try {
            sealBuilder().make(r.build());
        } catch (InvalidSealRequestException e) {
            return e.violations();
        }
        return List.of();
    }
}
