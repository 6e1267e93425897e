package cn.tongban.seal.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.fixtures.pdf.PdfSamples;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** PDF seal stamps: PAdES B-B with the seal in a signed attribute and the seal picture as appearance. */
class PdfStamperTest {

    private static final SealWorld SM2 = new SealWorld(KeyAlgorithm.SM2);
    private static final byte[] DOC = PdfSamples.document(3, "Tongban PDF stamping");

    private final PdfStamper stamper = new PdfStamper(Clock.systemUTC());

    static Check check(PdfSignatureReport s, String name) {
        return s.checks().stream()
                .filter(c -> c.rule().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + s.checks()));
    }

    private static PdfSealVerifier verifier(SealWorld world) {
        return new PdfSealVerifier(world.judge(), null);
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"SM2", "EC_P256", "RSA_2048"})
    void aStampVerifiesWithFullChecksForEveryKeyAlgorithm(KeyAlgorithm algorithm) {
        SealWorld world = algorithm == KeyAlgorithm.SM2 ? SM2 : new SealWorld(algorithm);

        byte[] stamped = stamper.stamp(DOC, world.seal, world.signer, new StampPosition(2, 120, 200));

        PdfSealReport report = verifier(world).verify(stamped);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        PdfSignatureReport s = report.signatures().get(0);
        assertThat(s.checks()).allMatch(c -> c.status() == Check.Status.PASSED);
        assertThat(s.coversWholeFile()).isTrue();
        assertThat(s.esId()).contains("tb-seal-" + algorithm.name().toLowerCase(Locale.ROOT));
    }

    @Test
    void theSealPictureIsTheWidgetOnTheRequestedPageAtTheRequestedPlace() throws IOException {
        byte[] stamped = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(2, 120, 200));

        try (PDDocument doc = Loader.loadPDF(stamped)) {
            PDSignatureField field = doc.getSignatureFields().get(0);
            var widget = field.getWidgets().get(0);
            PDRectangle r = widget.getRectangle();
            float mm = 72f / 25.4f;
            assertThat(r.getLowerLeftX()).isCloseTo(120 * mm, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(r.getUpperRightY()).isCloseTo(841.89f - 200 * mm, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(r.getWidth()).isCloseTo(40 * mm, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(doc.getPage(1).getAnnotations()).anyMatch(a -> a.getCOSObject() == widget.getCOSObject());
            assertThat(field.getSignature().getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            var xobjects = widget.getAppearance()
                    .getNormalAppearance()
                    .getAppearanceStream()
                    .getResources()
                    .getXObjectNames();
            assertThat(xobjects).isNotEmpty();
        }
    }

    @Test
    void severalStampsOnOnePdfEachVerify() {
        SealWorld ec = new SealWorld(KeyAlgorithm.EC_P256);
        byte[] once = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        byte[] twice = stamper.stamp(once, ec.seal, ec.signer, new StampPosition(3, 100, 100));
        byte[] thrice = stamper.stamp(twice, SM2.seal, SM2.signer, new StampPosition(3, 10, 200));

        PdfSealReport sm2View = verifier(SM2).verify(thrice);
        assertThat(sm2View.signatures()).hasSize(3);
        assertThat(sm2View.signatures().get(0).indication())
                .as(sm2View.toString())
                .isEqualTo(Indication.TOTAL_PASSED);
        assertThat(sm2View.signatures().get(0).coversWholeFile()).isFalse();
        assertThat(sm2View.signatures().get(2).indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(verifier(ec).verify(thrice).signatures().get(1).indication()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void aSignerNotInTheSealIsRefusedAndFailsVerification() {
        assertThatThrownBy(() -> stamper.stamp(DOC, SM2.seal, SM2.otherSigner(), new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("not one of the seal's signers");
        byte[] bad = new PdfStamper(Clock.systemUTC(), false)
                .stamp(DOC, SM2.seal, SM2.otherSigner(), new StampPosition(1, 10, 10));
        PdfSignatureReport s = verifier(SM2).verify(bad).signatures().get(0);
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SIGNER_IN_SEAL").subIndication()).isEqualTo(SubIndication.SIG_CONSTRAINTS_FAILURE);
    }

    @Test
    void signingOutsideTheSealsValidityFails() {
        Instant now = Instant.now();
        byte[] expired = SM2.makeSeal(
                "tb-old",
                SM2.signer,
                now.minus(9, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS),
                SealWorld.picture());
        byte[] bad =
                new PdfStamper(Clock.systemUTC(), false).stamp(DOC, expired, SM2.signer, new StampPosition(1, 10, 10));
        assertThat(check(verifier(SM2).verify(bad).signatures().get(0), "SEAL_VALIDITY")
                        .subIndication())
                .isEqualTo(SubIndication.SIG_CONSTRAINTS_FAILURE);
    }

    @Test
    void aTamperedSealPictureFailsTheSealSignature() {
        byte[] seal = SM2.seal.clone();
        int at = indexOf(seal, SealWorld.picture());
        seal[at + SealWorld.picture().length - 1] ^= 0x20; // IEND's CRC: the picture still decodes, the seal changed
        byte[] bad =
                new PdfStamper(Clock.systemUTC(), false).stamp(DOC, seal, SM2.signer, new StampPosition(1, 10, 10));
        PdfSignatureReport s = verifier(SM2).verify(bad).signatures().get(0);
        assertThat(check(s, "SEAL_SIGNATURE").subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void anAlteredDocumentFailsTheMessageDigest() {
        byte[] stamped = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        byte[] altered = stamped.clone();
        int at = indexOf(altered, "page 2".getBytes(StandardCharsets.US_ASCII));
        altered[at + 5] = '7';

        PdfSignatureReport s = verifier(SM2).verify(altered).signatures().get(0);
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SIGNATURE_VALUE").subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
    }

    @Test
    void aFlippedBitInTheSignatureValueFails() {
        byte[] stamped = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        PdfSignatureReport good = verifier(SM2).verify(stamped).signatures().get(0);
        // The CMS is hex in /Contents; its signature value is the last BIT/OCTET STRING before the zero padding.
        int contentsStart = (int) (long) good.byteRange().get(1) + 1;
        int end = contentsStart;
        while (stamped[end] != '>') {
            end++;
        }
        int lastNonZero = end - 1;
        while (stamped[lastNonZero] == '0') {
            lastNonZero--;
        }
        byte[] flipped = stamped.clone();
        flipped[lastNonZero - 4] = (byte) (flipped[lastNonZero - 4] == 'A' ? 'B' : 'A');

        PdfSignatureReport s = verifier(SM2).verify(flipped).signatures().get(0);
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SIGNATURE_VALUE").subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void aTruncatedCmsIsAFormatFailure() {
        byte[] stamped = stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        PdfSignatureReport good = verifier(SM2).verify(stamped).signatures().get(0);
        int contentsStart = (int) (long) good.byteRange().get(1) + 1;
        byte[] truncated = stamped.clone();
        // Zero out the second half of the CMS hex: the DER ends early.
        for (int i = contentsStart + 400; truncated[i] != '>'; i++) {
            truncated[i] = '0';
        }
        PdfSignatureReport s = verifier(SM2).verify(truncated).signatures().get(0);
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "CMS").subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
    }

    @Test
    void aPageThatDoesNotExistAndNonPdfsAreRefused() {
        assertThatThrownBy(() -> stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(4, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("page 4 does not exist");
        assertThatThrownBy(() -> stamper.stamp(
                        "PK\3\4".getBytes(StandardCharsets.US_ASCII),
                        SM2.seal,
                        SM2.signer,
                        new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("not a readable PDF");
        assertThatThrownBy(() -> stamper.stamp(DOC, SM2.seal, SM2.signer, new StampPosition(1, 190, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("does not fit");
    }

    @Test
    void anSvgSealPictureCannotBeDrawnInAPdfAndIsRefused() throws Exception {
        byte[] svg =
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><circle cx=\"20\" cy=\"20\" r=\"18\" stroke=\"red\" fill=\"none\"/></svg>"
                        .getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        byte[] seal = new cn.tongban.seal.make.SealMaker(SM2.maker)
                .make(new cn.tongban.seal.make.SealRequest(
                        "TongbanTest",
                        "tb-svg",
                        1,
                        "SVG 章",
                        cn.tongban.seal.make.SealRequest.CertListType.CERTIFICATES,
                        java.util.List.of(cn.tongban.seal.codec.Bytes.of(
                                SM2.signer.certificate().getEncoded())),
                        now.minus(1, ChronoUnit.DAYS),
                        now.minus(1, ChronoUnit.DAYS),
                        now.plus(9, ChronoUnit.DAYS),
                        "SVG",
                        cn.tongban.seal.codec.Bytes.of(svg),
                        40,
                        40,
                        java.util.List.of()));

        assertThatThrownBy(() -> stamper.stamp(DOC, seal, SM2.signer, new StampPosition(1, 10, 10)))
                .isInstanceOf(StampException.class)
                .hasMessageContaining("SVG");
    }

    @Test
    void anUnsignedPdfHasNoSignatures() {
        PdfSealReport report = verifier(SM2).verify(DOC);
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(verifier(SM2)
                        .verify("garbage".getBytes(StandardCharsets.US_ASCII))
                        .subIndication())
                .contains(SubIndication.FORMAT_FAILURE);
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
        throw new AssertionError("not found: " + Arrays.toString(Arrays.copyOf(needle, 8)));
    }
}
