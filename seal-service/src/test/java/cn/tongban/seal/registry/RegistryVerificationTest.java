package cn.tongban.seal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.seal.ofd.OfdSignatureVerifier;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.ofd.SignatureReport;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** Verification consults the registry for the seal's status at the signing time. */
class RegistryVerificationTest {

    private static final SealWorld WORLD = new SealWorld(KeyAlgorithm.SM2);
    private static final byte[] DOC = OfdSamples.document(1, "registry");

    // The signer certificate is valid from now − 1 h (TestPki); everything happens inside the last 50 minutes.
    private final Instant t0 = Instant.now().minus(50, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    private final Registries.MovableClock clock = new Registries.MovableClock(t0);
    private final javax.sql.DataSource database = Registries.database();
    // as the server runs it: entries reused for a few seconds (changes through this instance take effect at once)
    private final SealRegistry registry = Registries.on(database, clock, SealRegistry.DEFAULT_STATUS_REUSE);
    private final OfdSignatureVerifier verifier = new OfdSignatureVerifier(WORLD.judge(), OfdLimits.DEFAULT, registry);

    private byte[] stampAt(Instant at) {
        return new OfdStamper(Clock.fixed(at, ZoneOffset.UTC))
                .stamp(DOC, WORLD.seal, WORLD.signer, new StampPosition(1, 20, 20));
    }

    private Check registryCheck(byte[] ofd) {
        SignatureReport s = verifier.verify(ofd).signatures().get(0);
        return s.checks().stream()
                .filter(c -> c.rule().equals("SEAL_REGISTRY"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anActiveRegisteredSealPasses() {
        registry.register(SealRegistryTest.USCC, "x", WORLD.seal, "admin");
        byte[] ofd = stampAt(t0.plusSeconds(60));

        assertThat(verifier.verify(ofd).indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(registryCheck(ofd).detail()).contains("active");
    }

    @Test
    void aSealRevokedBeforeTheSigningTimeFails() {
        String id = registry.register(SealRegistryTest.USCC, "x", WORLD.seal, "admin")
                .esId();
        clock.set(t0.plusSeconds(1200));
        registry.revoke(id, "key compromised", t0.plusSeconds(600), "admin");
        byte[] ofd = stampAt(t0.plusSeconds(900));

        assertThat(verifier.verify(ofd).indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(registryCheck(ofd).subIndication()).isEqualTo(SubIndication.SEAL_REVOKED);
        assertThat(registryCheck(ofd).detail()).contains("revoked", "key compromised");
    }

    @Test
    void aSealSuspendedAtTheSigningTimeFails() {
        String id = registry.register(SealRegistryTest.USCC, "x", WORLD.seal, "admin")
                .esId();
        clock.set(t0.plusSeconds(1200));
        registry.suspend(id, "under investigation", t0.plusSeconds(600), "admin");
        registry.reinstate(id, "cleared", t0.plusSeconds(1000), "admin");

        byte[] whileSuspended = stampAt(t0.plusSeconds(700));
        byte[] afterReinstated = stampAt(t0.plusSeconds(1100));

        assertThat(registryCheck(whileSuspended).subIndication()).isEqualTo(SubIndication.SEAL_SUSPENDED);
        assertThat(registryCheck(whileSuspended).detail()).contains("suspended");
        assertThat(verifier.verify(afterReinstated).indication()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void aSealRevokedAfterTheSigningTimePassesWithANote() {
        String id = registry.register(SealRegistryTest.USCC, "x", WORLD.seal, "admin")
                .esId();
        byte[] ofd = stampAt(t0.plusSeconds(300));
        clock.set(t0.plusSeconds(1200));
        registry.revoke(id, "organisation dissolved", t0.plusSeconds(600), "admin");

        assertThat(verifier.verify(ofd).indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(registryCheck(ofd).detail()).contains("after signing", "organisation dissolved");
    }

    @Test
    void anUnregisteredSealIsIndeterminate() {
        byte[] ofd = stampAt(t0.plusSeconds(60));

        assertThat(verifier.verify(ofd).indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(registryCheck(ofd).subIndication()).isEqualTo(SubIndication.SEAL_NOT_REGISTERED);
    }

    @Test
    void anotherSealUnderTheRegisteredEsIdFails() {
        byte[] other = WORLD.makeSeal(
                "tb-seal-sm2",
                WORLD.signer,
                Instant.now().minus(2, ChronoUnit.DAYS),
                Instant.now().plus(300, ChronoUnit.DAYS),
                SealWorld.picture());
        registry.register(SealRegistryTest.USCC, "x", other, "admin");
        byte[] ofd = stampAt(t0.plusSeconds(60));

        assertThat(registryCheck(ofd).status()).isEqualTo(Check.Status.FAILED);
        assertThat(registryCheck(ofd).subIndication()).isEqualTo(SubIndication.SEAL_NOT_REGISTERED);
    }

    @Test
    void aRevocationTakesEffectAtOnceThoughTheSealsEntryWasJustReused() {
        String id = registry.register(SealRegistryTest.USCC, "x", WORLD.seal, "admin")
                .esId();
        clock.set(t0.plusSeconds(1200));
        byte[] ofd = stampAt(t0.plusSeconds(900));
        assertThat(verifier.verify(ofd).indication()).isEqualTo(Indication.TOTAL_PASSED); // entry now cached

        registry.revoke(id, "key compromised", t0.plusSeconds(600), "admin");

        assertThat(registryCheck(ofd).subIndication()).isEqualTo(SubIndication.SEAL_REVOKED);
    }

    @Test
    void aRevocationByAnotherClusterMemberIsSeenWithinTheReuseTime() {
        SealRegistry otherMember = Registries.on(database, clock, SealRegistry.DEFAULT_STATUS_REUSE);
        String id = registry.register(SealRegistryTest.USCC, "x", WORLD.seal, "admin")
                .esId();
        clock.set(t0.plusSeconds(1200));
        byte[] ofd = stampAt(t0.plusSeconds(900));
        assertThat(verifier.verify(ofd).indication()).isEqualTo(Indication.TOTAL_PASSED);

        otherMember.revoke(id, "key compromised", t0.plusSeconds(600), "admin");
        clock.set(t0.plusSeconds(1200).plus(SealRegistry.DEFAULT_STATUS_REUSE).minusMillis(1));
        assertThat(registryCheck(ofd).subIndication()).isNull(); // still the entry read before the change

        clock.set(t0.plusSeconds(1200).plus(SealRegistry.DEFAULT_STATUS_REUSE));
        assertThat(verifier.verify(ofd).indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(registryCheck(ofd).subIndication()).isEqualTo(SubIndication.SEAL_REVOKED);
    }

    @Test
    void withoutReuseEveryVerificationReadsTheRegistry() {
        SealRegistry uncached = Registries.on(database, clock, java.time.Duration.ZERO);
        OfdSignatureVerifier v = new OfdSignatureVerifier(WORLD.judge(), OfdLimits.DEFAULT, uncached);
        String id = registry.register(SealRegistryTest.USCC, "x", WORLD.seal, "admin")
                .esId();
        clock.set(t0.plusSeconds(1200));
        byte[] ofd = stampAt(t0.plusSeconds(900));
        assertThat(v.verify(ofd).indication()).isEqualTo(Indication.TOTAL_PASSED);

        registry.revoke(id, "key compromised", t0.plusSeconds(600), "admin");

        assertThat(v.verify(ofd).indication()).isEqualTo(Indication.TOTAL_FAILED);
    }
}
