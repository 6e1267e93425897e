package cn.tongban.seal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import cn.tongban.seal.SealWorld;
import cn.tongban.trust.pki.KeyAlgorithm;

/** Registry rules: GB 32100 owner codes, one seal per esID and per bytes, status transitions, history. */
class SealRegistryTest {

    static final String USCC = "91350100M000100Y43"; // docs/STANDARDS.md §3 example
    private static final SealWorld WORLD = new SealWorld(KeyAlgorithm.EC_P256);

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Registries.MovableClock clock = new Registries.MovableClock(t0);
    private final SealRegistry registry = Registries.fresh(clock);

    @Test
    void aSealIsRegisteredActiveForItsOrganisationWithItsHistory() {
        RegisteredSeal r = registry.register(USCC, "福州测试有限公司", WORLD.seal, "admin-1");

        assertThat(r.status()).isEqualTo(SealStatus.ACTIVE);
        assertThat(r.ownerUscc()).isEqualTo(USCC);
        assertThat(r.sealName()).isEqualTo("通办测试专用章");
        assertThat(registry.byOrganisation(USCC))
                .extracting(RegisteredSeal::esId)
                .containsExactly(r.esId());
        assertThat(registry.byOrganisation("91350100M000100Y43 ")).hasSize(1);
        assertThat(registry.sealBytes(r.esId()))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(WORLD.seal));
        assertThat(registry.history(r.esId()))
                .singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(SealStatus.ACTIVE));
    }

    @Test
    void anInvalidCreditCodeIsRefused() {
        assertThatThrownBy(() -> registry.register("91350100M000100Y44", "x", WORLD.seal, "admin"))
                .isInstanceOf(RegistryException.class)
                .satisfies(
                        e -> assertThat(((RegistryException) e).code()).isEqualTo(RegistryException.Code.INVALID_USCC));
    }

    @Test
    void bytesThatAreNotASealAreRefused() {
        assertThatThrownBy(() -> registry.register(USCC, "x", new byte[] {0x30, 0x03, 1, 2}, "admin"))
                .satisfies(
                        e -> assertThat(((RegistryException) e).code()).isEqualTo(RegistryException.Code.INVALID_SEAL));
    }

    @Test
    void aSealMadeElsewhereWhoseEsIdIsNoPathSegmentIsRefused() {
        // a maker that writes any IA5String: the DER of a good seal with its esID swapped for one of the same length
        byte[] evil = SealWorld.swapped(
                WORLD.makeSeal(
                        "tb-evil-0001",
                        WORLD.signer,
                        t0.minusSeconds(60),
                        t0.plus(30, ChronoUnit.DAYS),
                        SealWorld.picture()),
                "tb-evil-0001",
                "../../tmp/x1");
        assertThatThrownBy(() -> registry.register(USCC, "x", evil, "admin"))
                .satisfies(
                        e -> assertThat(((RegistryException) e).code()).isEqualTo(RegistryException.Code.INVALID_SEAL))
                .hasMessageContaining("esID must be 1-128 characters");
        assertThat(registry.byOrganisation(USCC)).isEmpty();
    }

    @Test
    void aSealMadeElsewhereWithAScriptInItsSvgPictureIsRefused() {
        String safe = "<svg xmlns=\"http://www.w3.org/2000/svg\"><desc>aaaaaaaaaaaaaaa</desc></svg>";
        String unsafe = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)//a</script></svg>";
        byte[] seal = WORLD.makeSvgSeal("tb-svg-0001", safe);
        assertThat(registry.register(USCC, "x", seal, "admin").esId()).isEqualTo("tb-svg-0001"); // the safe one
        byte[] evil = SealWorld.swapped(SealWorld.swapped(seal, safe, unsafe), "tb-svg-0001", "tb-svg-0002");
        assertThatThrownBy(() -> registry.register(USCC, "x", evil, "admin"))
                .satisfies(
                        e -> assertThat(((RegistryException) e).code()).isEqualTo(RegistryException.Code.INVALID_SEAL))
                .hasMessageContaining("must not contain <script>");
    }

    @Test
    void theSameSealCannotBeRegisteredTwice() {
        registry.register(USCC, "x", WORLD.seal, "admin");
        assertThatThrownBy(() -> registry.register(USCC, "x", WORLD.seal, "admin"))
                .satisfies(e ->
                        assertThat(((RegistryException) e).code()).isEqualTo(RegistryException.Code.DUPLICATE_SEAL));
    }

    @Test
    void suspendReinstateRevokeAreRecordedAndRevocationIsFinal() {
        String id = registry.register(USCC, "x", WORLD.seal, "admin").esId();
        clock.set(t0.plusSeconds(600));
        registry.suspend(id, "key holder on leave", t0.plusSeconds(100), "admin-2");
        registry.reinstate(id, "back", t0.plusSeconds(200), "admin-2");
        RegisteredSeal revoked = registry.revoke(id, "key compromised", t0.plusSeconds(300), "admin-3");

        assertThat(revoked.status()).isEqualTo(SealStatus.REVOKED);
        assertThat(revoked.statusReason()).isEqualTo("key compromised");
        assertThat(registry.history(id))
                .extracting(StatusChange::status)
                .containsExactly(SealStatus.ACTIVE, SealStatus.SUSPENDED, SealStatus.ACTIVE, SealStatus.REVOKED);
        assertThat(registry.statusAt(id, t0.plusSeconds(150))).isEqualTo(SealStatus.SUSPENDED);
        assertThat(registry.statusAt(id, t0.plusSeconds(250))).isEqualTo(SealStatus.ACTIVE);
        assertThat(registry.statusAt(id, t0.plusSeconds(300))).isEqualTo(SealStatus.REVOKED);
        assertThatThrownBy(() -> registry.reinstate(id, "oops", null, "admin"))
                .satisfies(e -> assertThat(((RegistryException) e).code())
                        .isEqualTo(RegistryException.Code.ILLEGAL_TRANSITION));
    }

    @Test
    void aChangeCannotTakeEffectInTheFutureOrBeforeTheCurrentStatus() {
        String id = registry.register(USCC, "x", WORLD.seal, "admin").esId();
        assertThatThrownBy(() -> registry.suspend(id, "r", t0.plusSeconds(60), "admin"))
                .satisfies(e ->
                        assertThat(((RegistryException) e).code()).isEqualTo(RegistryException.Code.INVALID_CHANGE));
        assertThatThrownBy(() -> registry.suspend(id, "r", t0.minusSeconds(60), "admin"))
                .hasMessageContaining("before the current status took effect");
        assertThatThrownBy(() -> registry.suspend(id, " ", null, "admin")).hasMessageContaining("reason");
    }

    @Test
    void anUnknownSealIsNamed() {
        assertThatThrownBy(() -> registry.revoke("nope", "r", null, "admin"))
                .satisfies(
                        e -> assertThat(((RegistryException) e).code()).isEqualTo(RegistryException.Code.UNKNOWN_SEAL));
    }
}
