package cn.tongban.seal.ofd;

import static cn.tongban.seal.ofd.OfdVectorsTest.check;
import static cn.tongban.seal.ofd.OfdVectorsTest.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.CRLReason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** Stamping OFDs (GB/T 33190 §18, GB/T 38540; docs/STANDARDS.md §1.6) and verifying each stamp with full checks. */
class OfdStamperTest {

    private static final SealWorld SM2 = new SealWorld(KeyAlgorithm.SM2);
    private static final byte[] DOC = OfdSamples.document(3, "通办 stamping test");

    private final OfdStamper stamper = new OfdStamper(Clock.systemUTC());

    private static OfdSignatureVerifier verifier(SealWorld world) {
        return new OfdSignatureVerifier(world.judge(), OfdLimits.DEFAULT);
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"SM2", "EC_P256", "RSA_2048"})
    void aStampVerifiesWithFullChecksForEveryKeyAlgorithm(KeyAlgorithm algorithm) {
        SealWorld world = algorithm == KeyAlgorithm.SM2 ? SM2 : new SealWorld(algorithm);

        byte[] stamped = stamper.stamp(DOC, world.seal, world.signer, new StampPosition(2, 100, 150.5));

        OfdReport report = verifier(world).verify(stamped);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        SignatureReport s = only(report);
        assertThat(s.checks()).allMatch(c -> c.status() == Check.Status.PASSED);
        assertThat(s.esId()).contains("tb-seal-" + algorithm.name().toLowerCase(Locale.ROOT));
        assertThat(check(s, "SIGNER_CERTIFICATE").detail()).contains("test-root");
    }

    @Test
    void theStampAnnotationNamesThePageIdAndTheBoundaryInMillimetres() {
        byte[] stamped = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(2, 100, 150.5));

        Map<String, byte[]> files = OfdFixtures.entries(stamped);
        String signature = new String(files.get("Doc_0/Signs/Sign_0/Signature.xml"), StandardCharsets.UTF_8);
        // OfdSamples gives page 2 the ID 5 (font 1; page 1: 2,3,4); the seal picture is 40 x 40 mm.
        assertThat(signature)
                .contains(
                        "PageRef=\"5\"",
                        "Boundary=\"100 150.5 40 40\"",
                        "CheckMethod=\"1.2.156.10197.1.401\"",
                        "<ofd:BaseLoc>/Doc_0/Signs/Sign_0/Seal.esl</ofd:BaseLoc>");
        assertThat(signature).doesNotContain("Signatures.xml");
        assertThat(new String(files.get("OFD.xml"), StandardCharsets.UTF_8))
                .contains("Signatures>/Doc_0/Signs/Signatures.xml<");
        assertThat(files.get("Doc_0/Signs/Sign_0/Seal.esl")).isEqualTo(SM2.seal);
    }

    @Test
    void severalStampsOnOneDocumentEachVerify() {
        SealWorld ec = new SealWorld(KeyAlgorithm.EC_P256);
        byte[] once = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        byte[] twice = stamper.stamp(once, SM2.seal, SM2.signer, new StampPosition(2, 20, 20));
        byte[] thrice = stamper.stamp(twice, ec.seal, ec.signer, new StampPosition(3, 30, 30));

        OfdReport sm2View = verifier(SM2).verify(thrice);
        assertThat(sm2View.signatures()).hasSize(3);
        assertThat(sm2View.signatures().get(0).indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(sm2View.signatures().get(1).indication())
                .as(sm2View.signatures().get(1).checks().toString())
                .isEqualTo(Indication.TOTAL_PASSED);
        // The third is by another PKI: cryptographically intact, its chain unknown to the SM2 world's anchors.
        SignatureReport third = sm2View.signatures().get(2);
        assertThat(check(third, "SIGNATURE_VALUE").status()).isEqualTo(Check.Status.PASSED);
        assertThat(check(third, "SIGNER_CERTIFICATE").subIndication())
                .isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        SignatureReport ecView = verifier(ec).verify(thrice).signatures().get(2);
        assertThat(ecView.indication()).as(ecView.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(OfdFixtures.entries(thrice)).containsKeys("Doc_0/Signs/Sign_2/SignedValue.dat");
    }

    @Test
    void aPageThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(4, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("page 4 does not exist");
    }

    @Test
    void somethingThatIsNotAnOfdIsRefused() {
        assertThatThrownBy(() -> stamper.stamp(
                        "%PDF-1.7".getBytes(StandardCharsets.US_ASCII),
                        SM2.seal,
                        SM2.signer,
                        new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("not a usable OFD");
    }

    @Test
    void aSignerNotListedInTheSealIsRefusedByTheStamper() {
        assertThatThrownBy(() -> stamper.stamp(DOC, SM2.seal, SM2.otherSigner(), new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("not one of the seal's signers");
    }

    @Test
    void aSealOutsideItsValidityIsRefusedByTheStamper() {
        Instant now = Instant.now();
        byte[] expired = SM2.makeSeal(
                "tb-expired",
                SM2.signer,
                now.minus(30, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS),
                SealWorld.picture());
        assertThatThrownBy(() -> stamper.stamp(DOC, expired, SM2.signer, new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("outside the seal's validity");
    }

    @Test
    void aSealWhoseSvgPictureRunsAScriptIsNeverEmbeddedInADocument() {
        // registered before pictures were checked, or made by a maker that writes anything
        String safe = "<svg xmlns=\"http://www.w3.org/2000/svg\"><desc>aaaaaaaaaaaaaaa</desc></svg>";
        String unsafe = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)//a</script></svg>";
        byte[] seal = SealWorld.swapped(SM2.makeSvgSeal("tb-svg-stamp", safe), safe, unsafe);
        assertThatThrownBy(() -> stamper.stamp(DOC, seal, SM2.signer, new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("SVG picture")
                .hasMessageContaining("must not contain <script>");
    }

    // --- negative verification: documents made deliberately bad with the unchecked stamper ---

    private static final OfdStamper UNCHECKED = new OfdStamper(Clock.systemUTC(), OfdLimits.DEFAULT, false);

    @Test
    void signerNotInTheSealFailsSignerInSeal() {
        byte[] ofd = UNCHECKED.stamp(DOC, SM2.seal, SM2.otherSigner(), new StampPosition(1, 10, 10));

        SignatureReport s = only(verifier(SM2).verify(ofd));
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SIGNER_IN_SEAL").subIndication()).isEqualTo(SubIndication.SIG_CONSTRAINTS_FAILURE);
    }

    @Test
    void signingAfterTheSealsValidityFailsSealValidity() {
        Instant now = Instant.now();
        byte[] expired = SM2.makeSeal(
                "tb-expired",
                SM2.signer,
                now.minus(30, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS),
                SealWorld.picture());
        byte[] ofd = UNCHECKED.stamp(DOC, expired, SM2.signer, new StampPosition(1, 10, 10));

        SignatureReport s = only(verifier(SM2).verify(ofd));
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SEAL_VALIDITY").detail()).contains("after the seal's validity");
    }

    @Test
    void signingBeforeTheSealsValidityFailsSealValidity() {
        Instant now = Instant.now();
        byte[] future = SM2.makeSeal(
                "tb-future",
                SM2.signer,
                now.plus(2, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS),
                SealWorld.picture());
        byte[] ofd = UNCHECKED.stamp(DOC, future, SM2.signer, new StampPosition(1, 10, 10));

        assertThat(check(only(verifier(SM2).verify(ofd)), "SEAL_VALIDITY").detail())
                .contains("before the seal's validity");
    }

    @Test
    void aTamperedSealPictureBreaksTheSealMakersSignature() {
        byte[] seal = SM2.seal.clone();
        int at = indexOf(seal, SealWorld.picture());
        seal[at + 100] ^= 0x20; // one bit of the PNG inside SES_ESPictureInfo.data
        byte[] ofd = UNCHECKED.stamp(DOC, seal, SM2.signer, new StampPosition(1, 10, 10));

        SignatureReport s = only(verifier(SM2).verify(ofd));
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SEAL_SIGNATURE").subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(check(s, "SIGNATURE_VALUE").status()).isEqualTo(Check.Status.PASSED);
    }

    @Test
    void aSealMadeByAnUntrustedMakerHasNoChain() {
        SealWorld stranger = new SealWorld(KeyAlgorithm.SM2);
        // The stranger's maker makes a seal for our signer; our anchors do not know the stranger's root.
        byte[] seal = stranger.makeSeal(
                "tb-stranger",
                SM2.signer,
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(9, ChronoUnit.DAYS),
                SealWorld.picture());
        byte[] ofd = stamper.stamp(DOC, seal, SM2.signer, new StampPosition(1, 10, 10));

        SignatureReport s = only(verifier(SM2).verify(ofd));
        assertThat(s.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(check(s, "SEAL_MAKER_CERTIFICATE").subIndication())
                .isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(check(s, "SIGNER_CERTIFICATE").status()).isEqualTo(Check.Status.PASSED);
    }

    @Test
    void aSignerCertificateRevokedBeforeSigningFails() {
        SealWorld world = new SealWorld(KeyAlgorithm.SM2);
        world.pki.revoke(
                world.signer.certificate(), Instant.now().minus(1, ChronoUnit.MINUTES), CRLReason.KEY_COMPROMISE);
        byte[] ofd = stamper.stamp(DOC, world.seal, world.signer, new StampPosition(1, 10, 10));

        SignatureReport s = only(verifier(world).verify(ofd));
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SIGNER_CERTIFICATE").subIndication()).isEqualTo(SubIndication.REVOKED);
    }

    @Test
    void aSignerCertificateRevokedAfterSigningStillPasses() {
        Instant signing = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        SealWorld world = new SealWorld(KeyAlgorithm.SM2, Clock.fixed(Instant.now(), ZoneOffset.UTC));
        byte[] seal = world.makeSeal(
                "tb-early",
                world.signer,
                signing.minus(1, ChronoUnit.DAYS),
                signing.plus(10, ChronoUnit.DAYS),
                SealWorld.picture());
        // The signer certificate is valid from now − 1 h (TestPki); sign 30 minutes ago, revoke 10 minutes ago.
        Instant signedAt = Instant.now().minus(30, ChronoUnit.MINUTES);
        byte[] ofd = new OfdStamper(Clock.fixed(signedAt, ZoneOffset.UTC))
                .stamp(DOC, seal, world.signer, new StampPosition(1, 10, 10));
        world.pki.revoke(
                world.signer.certificate(), Instant.now().minus(10, ChronoUnit.MINUTES), CRLReason.KEY_COMPROMISE);

        SignatureReport s = only(verifier(world).verify(ofd));
        assertThat(s.indication()).as(s.toString()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void anAlteredPageFailsItsReference() {
        byte[] ofd = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        Map<String, byte[]> files = OfdFixtures.entries(ofd);
        files.put(
                "Doc_0/Pages/Page_1/Content.xml",
                new String(files.get("Doc_0/Pages/Page_1/Content.xml"), StandardCharsets.UTF_8)
                        .replace("page 2", "page 9")
                        .getBytes(StandardCharsets.UTF_8));

        SignatureReport s = only(verifier(SM2).verify(OfdFixtures.zip(files)));
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "REFERENCE /Doc_0/Pages/Page_1/Content.xml").subIndication())
                .isEqualTo(SubIndication.HASH_FAILURE);
    }

    @Test
    void aFlippedSignatureBitFailsTheSignatureValue() {
        byte[] ofd = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        Map<String, byte[]> files = OfdFixtures.entries(ofd);
        byte[] value = files.get("Doc_0/Signs/Sign_0/SignedValue.dat");
        value[value.length - 1] ^= 0x01;

        SignatureReport s = only(verifier(SM2).verify(OfdFixtures.zip(files)));
        assertThat(check(s, "SIGNATURE_VALUE").subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void aTruncatedSignedValueIsAFormatFailure() {
        byte[] ofd = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        Map<String, byte[]> files = OfdFixtures.entries(ofd);
        byte[] value = files.get("Doc_0/Signs/Sign_0/SignedValue.dat");
        files.put("Doc_0/Signs/Sign_0/SignedValue.dat", java.util.Arrays.copyOf(value, value.length - 7));

        SignatureReport s = only(verifier(SM2).verify(OfdFixtures.zip(files)));
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SIGNED_VALUE").subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
