package cn.tongban.seal.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.seal.ofd.OfdReport;
import cn.tongban.seal.ofd.OfdSignatureVerifier;
import cn.tongban.seal.registry.RegisteredSeal;
import cn.tongban.seal.registry.SealStatus;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Indication;

class StampingTest {

    private static final SealWorld WORLD = new SealWorld(KeyAlgorithm.SM2);
    private static final StampPosition POSITION = new StampPosition(1, 20, 20);

    private final Stamping stamping = new Stamping(Clock.systemUTC());

    private static RegisteredSeal registered(SealStatus status) {
        Instant now = Instant.now();
        return new RegisteredSeal(
                "tb-seal-sm2",
                "91350100M000100Y43",
                "测试单位",
                "通办测试专用章",
                "00",
                now.minus(1, ChronoUnit.DAYS),
                now.plus(365, ChronoUnit.DAYS),
                status,
                status == SealStatus.ACTIVE ? "" : "key compromise",
                now.minusSeconds(60),
                now.minusSeconds(600));
    }

    @Test
    void aPreparedSealStampsAnOfdThatVerifies() {
        byte[] ofd = stamping.prepare(WORLD.seal, WORLD.signer)
                .stamp(Stamping.Format.OFD, OfdSamples.document(1, "stamping"), POSITION);

        OfdReport report = new OfdSignatureVerifier(
                        (cert, at, purpose) -> CertificateJudge.Judgement.passed("accepted for this test"),
                        OfdLimits.DEFAULT)
                .verify(ofd);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void aSealOutsideItsValidityIsRefusedBeforeAnyDocumentIsRead() {
        Instant now = Instant.now();
        byte[] expired = WORLD.makeSeal(
                "expired",
                WORLD.signer,
                now.minus(10, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS),
                SealWorld.picture());

        assertThatThrownBy(() -> stamping.prepare(expired, WORLD.signer))
                .isInstanceOfSatisfying(StampRefusal.class, e -> {
                    assertThat(e.reason()).isEqualTo(StampRefusal.Reason.SEAL_NOT_VALID_NOW);
                    assertThat(e.reasons()).singleElement().asString().contains("outside the seal's validity");
                });
    }

    @Test
    void aSignerNotInTheSealIsRefusedWithTheReason() {
        assertThatThrownBy(() -> stamping.prepare(WORLD.seal, WORLD.otherSigner()))
                .isInstanceOfSatisfying(StampRefusal.class, e -> {
                    assertThat(e.reason()).isEqualTo(StampRefusal.Reason.SIGNER_NOT_IN_SEAL);
                    assertThat(e.reasons())
                            .singleElement()
                            .asString()
                            .startsWith("the signer is not one of the seal's signers");
                });
    }

    @Test
    void aSealTheRegistryHoldsSuspendedIsRefusedWithItsStatus() {
        assertThatThrownBy(() -> stamping.prepare(registered(SealStatus.SUSPENDED), WORLD.seal, WORLD.signer))
                .isInstanceOfSatisfying(StampRefusal.class, e -> {
                    assertThat(e.reason()).isEqualTo(StampRefusal.Reason.SEAL_NOT_ACTIVE);
                    assertThat(e.reasons())
                            .singleElement()
                            .asString()
                            .contains("SUSPENDED")
                            .contains("key compromise");
                });
    }

    @Test
    void anActiveRegisteredSealIsPrepared() {
        assertThat(stamping.prepare(registered(SealStatus.ACTIVE), WORLD.seal, WORLD.signer))
                .isNotNull();
    }

    @Test
    void aSealWhoseMakerSignatureFailsIsRefusedWhenStampingNotWhenPreparing() {
        byte[] tampered = SealWorld.swapped(WORLD.seal, "tb-seal-sm2", "tb-seal-xx2");
        Stamping.Prepared prepared = stamping.prepare(tampered, WORLD.signer);

        assertThatThrownBy(() -> prepared.stamp(Stamping.Format.OFD, OfdSamples.document(1, "x"), POSITION))
                .isInstanceOfSatisfying(
                        StampException.class,
                        e -> assertThat(e.reasons())
                                .singleElement()
                                .asString()
                                .startsWith("the seal maker's signature does not verify"));
    }

    @Test
    void aDocumentThatIsNotAnOfdIsRefusedAsTheDocumentsProblem() {
        Stamping.Prepared prepared = stamping.prepare(WORLD.seal, WORLD.signer);

        assertThatThrownBy(() -> prepared.stamp(
                        Stamping.Format.OFD,
                        "not a zip".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        POSITION))
                .isInstanceOfSatisfying(
                        StampException.class,
                        e -> assertThat(e.reasons())
                                .singleElement()
                                .asString()
                                .startsWith("not a usable OFD document"));
    }
}
