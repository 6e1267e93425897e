package cn.tongban.seal.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.tongban.seal.SealWorld;
import cn.tongban.seal.codec.PictureType;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.make.InvalidSealRequestException;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.trust.pki.KeyAlgorithm;

class SealIssuanceTest {

    private static final SealWorld WORLD = new SealWorld(KeyAlgorithm.SM2);
    private static final Instant NOW = Instant.parse("2026-03-01T08:15:30.750Z");

    private final SealIssuance issuance = new SealIssuance(Clock.fixed(NOW, ZoneOffset.UTC));

    private static SealOrder order(String esId, byte[] picture, Instant from, Instant to) {
        return new SealOrder(
                "TongbanTest",
                esId,
                1,
                "通办测试专用章",
                false,
                List.of(WORLD.signer.certificate()),
                from,
                to,
                picture,
                40,
                40);
    }

    @Test
    void anOrderIsMadeIntoASealSignedByTheMakerCreatedNowInWholeSeconds() {
        SealIssuance.Made made =
                issuance.make(WORLD.maker, order("order-1", SealWorld.picture(), NOW, NOW.plus(30, ChronoUnit.DAYS)));

        SesSeal seal = SealDecoder.decodeSeal(made.der()).orElseThrow();
        assertThat(made.esId()).isEqualTo("order-1").isEqualTo(seal.esId());
        assertThat(made.pictureType()).isEqualTo(PictureType.PNG);
        assertThat(seal.property().createDate()).isEqualTo(NOW.truncatedTo(ChronoUnit.SECONDS));
        assertThat(seal.picture().type()).isEqualTo("PNG");
        assertThat(SealSignatures.verifySeal(seal).valid()).isTrue();
    }

    @Test
    void anOrderWithoutAnEsIdGetsARandomHexOne() {
        SealIssuance.Made made =
                issuance.make(WORLD.maker, order(null, SealWorld.picture(), NOW, NOW.plus(30, ChronoUnit.DAYS)));

        assertThat(made.esId()).matches("[0-9a-f]{32}");
        assertThat(SealIssuance.newEsId()).matches("[0-9a-f]{32}").isNotEqualTo(made.esId());
    }

    @Test
    void anOrderEndingBeforeItStartsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> issuance.make(
                        WORLD.maker, order("order-2", SealWorld.picture(), NOW, NOW.minus(1, ChronoUnit.DAYS))))
                .isInstanceOfSatisfying(
                        InvalidSealRequestException.class,
                        e -> assertThat(e.violations())
                                .anyMatch(v -> v.startsWith("property.validStart must be before property.validEnd")));
    }

    @Test
    void aPictureOfNoKnownTypeIsRefused() {
        assertThatThrownBy(() -> issuance.make(
                        WORLD.maker,
                        order("order-3", "not an image".getBytes(StandardCharsets.US_ASCII), NOW, NOW.plusSeconds(60))))
                .isInstanceOfSatisfying(
                        InvalidSealRequestException.class,
                        e -> assertThat(e.violations()).anyMatch(v -> v.startsWith("picture")));
    }

    @Test
    void aFileWithoutCertificatesHoldsNone() {
        assertThat(SealIssuance.certificates("no certificate here".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
        assertThat(SealIssuance.certificates(new byte[0])).isEmpty();
    }
}
