package cn.tongban.seal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.tongban.seal.report.CertificateJudge.Judgement;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/** The registry's verdict from a seal's history and the signing time, one test per case. */
class SealStandingTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");

    private static StatusChange change(SealStatus status, String reason, long atSeconds, long recordedSeconds) {
        return new StatusChange(status, reason, T0.plusSeconds(atSeconds), "admin", T0.plusSeconds(recordedSeconds));
    }

    private static final StatusChange REGISTERED = change(SealStatus.ACTIVE, "registered", 0, 0);

    private static Judgement judge(long signedSeconds, StatusChange... history) {
        return SealStanding.judge("es-1", "91350100M000100Y43", List.of(history), T0.plusSeconds(signedSeconds));
    }

    @Test
    void aSealNeverChangedPassesAsActive() {
        Judgement j = judge(100, REGISTERED);

        assertThat(j.status()).isEqualTo(Check.Status.PASSED);
        assertThat(j.subIndication()).isEmpty();
        assertThat(j.detail()).contains("registered to 91350100M000100Y43 and active");
    }

    @Test
    void aSealSuspendedAtTheSigningTimeFailsAsSuspended() {
        Judgement j = judge(700, REGISTERED, change(SealStatus.SUSPENDED, "under investigation", 600, 600));

        assertThat(j.status()).isEqualTo(Check.Status.FAILED);
        assertThat(j.subIndication()).contains(SubIndication.SEAL_SUSPENDED);
        assertThat(j.detail())
                .contains("was suspended at " + T0.plusSeconds(600))
                .contains("under investigation");
    }

    @Test
    void aStampMadeWhileSuspendedStaysFailedAfterTheSealIsReinstated() {
        Judgement j = judge(
                700,
                REGISTERED,
                change(SealStatus.SUSPENDED, "under investigation", 600, 600),
                change(SealStatus.ACTIVE, "cleared", 1000, 1000));

        assertThat(j.status()).isEqualTo(Check.Status.FAILED);
        assertThat(j.subIndication()).contains(SubIndication.SEAL_SUSPENDED);
    }

    @Test
    void aStampMadeAfterReinstatementPasses() {
        Judgement j = judge(
                1100,
                REGISTERED,
                change(SealStatus.SUSPENDED, "under investigation", 600, 600),
                change(SealStatus.ACTIVE, "cleared", 1000, 1000));

        assertThat(j.status()).isEqualTo(Check.Status.PASSED);
        assertThat(j.detail()).contains("and active");
    }

    @Test
    void aSealRevokedBeforeTheSigningTimeFailsAsRevoked() {
        Judgement j = judge(700, REGISTERED, change(SealStatus.REVOKED, "key compromised", 600, 600));

        assertThat(j.status()).isEqualTo(Check.Status.FAILED);
        assertThat(j.subIndication()).contains(SubIndication.SEAL_REVOKED);
        assertThat(j.detail()).contains("was revoked").contains("key compromised");
    }

    @Test
    void aRevocationRecordedAfterSigningButBackDatedBeforeItFails() {
        Judgement j = judge(700, REGISTERED, change(SealStatus.REVOKED, "key compromised earlier", 600, 5000));

        assertThat(j.status()).isEqualTo(Check.Status.FAILED);
        assertThat(j.subIndication()).contains(SubIndication.SEAL_REVOKED);
    }

    @Test
    void aChangeThatTookEffectAfterSigningPassesWithANote() {
        Judgement j = judge(500, REGISTERED, change(SealStatus.REVOKED, "retired", 600, 600));

        assertThat(j.status()).isEqualTo(Check.Status.PASSED);
        assertThat(j.subIndication()).isEmpty();
        assertThat(j.detail())
                .contains("note: revoked since " + T0.plusSeconds(600))
                .contains("retired")
                .contains("after signing");
    }

    @Test
    void aSuspensionInEffectExactlyAtTheSigningTimeFails() {
        Judgement j = judge(600, REGISTERED, change(SealStatus.SUSPENDED, "lost", 600, 600));

        assertThat(j.subIndication()).contains(SubIndication.SEAL_SUSPENDED);
    }

    @Test
    void aStampClaimingATimeBeforeRegistrationIsJudgedActive() {
        StatusChange registeredLater = change(SealStatus.ACTIVE, "registered", 1000, 1000);

        assertThat(judge(500, registeredLater).status()).isEqualTo(Check.Status.PASSED);
    }

    @Test
    void aSealTheRegistryDoesNotHoldIsIndeterminateAndOtherBytesFail() {
        assertThat(SealStanding.notRegistered("es-1").status()).isEqualTo(Check.Status.INDETERMINATE);
        assertThat(SealStanding.notRegistered("es-1").subIndication()).contains(SubIndication.SEAL_NOT_REGISTERED);
        assertThat(SealStanding.otherBytes("es-1").status()).isEqualTo(Check.Status.FAILED);
        assertThat(SealStanding.otherBytes("es-1").subIndication()).contains(SubIndication.SEAL_NOT_REGISTERED);
    }
}
