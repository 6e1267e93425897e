package cn.tongban.seal.ofd;

import static cn.tongban.seal.ofd.OfdFixtures.rewrite;
import static cn.tongban.seal.ofd.OfdFixtures.vector;
import static cn.tongban.seal.ofd.OfdVectorsTest.check;
import static cn.tongban.seal.ofd.OfdVectorsTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** allprotected.ofd altered one way at a time: each rule of docs/STANDARDS.md §1.6 / §1.5 caught by its own check. */
class OfdTamperingTest {

    private static final String SIGN = "Doc_0/Signs/Sign_0/";

    private final OfdSignatureVerifier verifier = new OfdSignatureVerifier();

    @Test
    void alteredContentFileIsAHashFailureOfItsReference() {
        byte[] ofd = rewrite(
                "allprotected.ofd",
                e -> e.put(
                        "Doc_0/Pages/Page_0/Content.xml",
                        concat(e.get("Doc_0/Pages/Page_0/Content.xml"), " ".getBytes(StandardCharsets.US_ASCII))));

        OfdReport report = verifier.verify(ofd);

        assertFailed(report, SubIndication.HASH_FAILURE);
        assertThat(check(only(report), "REFERENCE /Doc_0/Pages/Page_0/Content.xml")
                        .subIndication())
                .isEqualTo(SubIndication.HASH_FAILURE);
        assertThat(check(only(report), "DATA_HASH").status()).isEqualTo(Check.Status.PASSED);
    }

    @Test
    void alteredSignatureXmlIsADataHashFailure() {
        byte[] ofd = rewrite(
                "allprotected.ofd",
                e -> e.put(
                        SIGN + "Signature.xml",
                        new String(e.get(SIGN + "Signature.xml"), StandardCharsets.UTF_8)
                                .replace("50 50 40 40", "60 60 40 40")
                                .getBytes(StandardCharsets.UTF_8)));

        OfdReport report = verifier.verify(ofd);

        assertFailed(report, SubIndication.HASH_FAILURE);
        assertThat(check(only(report), "DATA_HASH").subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
        assertThat(check(only(report), "SIGNATURE_VALUE").status()).isEqualTo(Check.Status.PASSED);
    }

    @Test
    void flippedBitInTheSignatureValueIsASigCryptoFailure() {
        byte[] ofd = rewrite("allprotected.ofd", e -> {
            byte[] signedValue = e.get(SIGN + "SignedValue.dat");
            signedValue[signedValue.length - 1] ^= 0x01; // last octet of s in SEQUENCE{r, s}
            e.put(SIGN + "SignedValue.dat", signedValue);
        });

        OfdReport report = verifier.verify(ofd);

        assertFailed(report, SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(check(only(report), "SIGNATURE_VALUE").subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void truncatedSignedValueIsAFormatFailure() {
        byte[] ofd = rewrite(
                "allprotected.ofd",
                e -> e.put(SIGN + "SignedValue.dat", Arrays.copyOf(e.get(SIGN + "SignedValue.dat"), 1000)));

        OfdReport report = verifier.verify(ofd);

        assertFailed(report, SubIndication.FORMAT_FAILURE);
        assertThat(check(only(report), "SIGNED_VALUE").subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
    }

    @Test
    void storedSealDifferentFromTheSignedSealIsCaught() {
        byte[] ofd = rewrite("allprotected.ofd", e -> e.put(SIGN + "Seal.esl", vector("UserV1.esl")));

        SignatureReport s = only(verifier.verify(ofd));

        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SEAL_FILE").subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(check(s, "REFERENCE /Doc_0/Signs/Sign_0/Seal.esl").subIndication())
                .isEqualTo(SubIndication.HASH_FAILURE);
    }

    @Test
    void missingReferencedFileIsSignedDataNotFound() {
        SignatureReport s = only(verifier.verify(rewrite("allprotected.ofd", e -> e.remove("Doc_0/PublicRes.xml"))));

        assertThat(check(s, "REFERENCE /Doc_0/PublicRes.xml").subIndication())
                .isEqualTo(SubIndication.SIGNED_DATA_NOT_FOUND);
    }

    @Test
    void missingSignaturesXmlIsAFormatFailure() {
        OfdReport report = verifier.verify(rewrite("allprotected.ofd", e -> e.remove("Doc_0/Signs/Signatures.xml")));

        assertFailed(report, SubIndication.FORMAT_FAILURE);
        assertThat(report.signatures()).isEmpty();
        assertThat(report.checks()).anySatisfy(c -> assertThat(c.detail()).contains("Signatures.xml"));
    }

    @Test
    void missingSignatureXmlIsAFormatFailure() {
        OfdReport report = verifier.verify(rewrite("allprotected.ofd", e -> e.remove(SIGN + "Signature.xml")));

        assertFailed(report, SubIndication.FORMAT_FAILURE);
        assertThat(check(only(report), "SIGNATURE_XML").subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
    }

    @Test
    void unsignedDocumentIsAFormatFailure() {
        OfdReport report = verifier.verify(rewrite(
                "allprotected.ofd",
                e -> e.put(
                        "OFD.xml",
                        new String(e.get("OFD.xml"), StandardCharsets.UTF_8)
                                .replace("<ofd:Signatures>/Doc_0/Signs/Signatures.xml" + "</ofd:Signatures>", "")
                                .getBytes(StandardCharsets.UTF_8))));

        assertFailed(report, SubIndication.FORMAT_FAILURE);
        assertThat(report.checks()).anySatisfy(c -> assertThat(c.detail()).contains("no signatures"));
    }

    @Test
    void doctypeInAnXmlPartIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<ofd:Signatures xmlns:ofd=\"http://www.ofdspec.org/2016\">&e;</ofd:Signatures>";
        OfdReport report = verifier.verify(rewrite(
                "allprotected.ofd", e -> e.put("Doc_0/Signs/Signatures.xml", xxe.getBytes(StandardCharsets.UTF_8))));

        assertFailed(report, SubIndication.FORMAT_FAILURE);
        assertThat(report.checks()).anySatisfy(c -> assertThat(c.detail()).contains("DOCTYPE"));
    }

    @Test
    void zipSlipEntryNamesAreAFormatFailure() {
        for (String name : new String[] {
            "../evil.xml", "Doc_0/../../evil.xml", "/etc/evil.xml", "C:/evil.xml", "Doc_0\\..\\evil.xml"
        }) {
            OfdReport report = verifier.verify(rewrite("allprotected.ofd", e -> e.put(name, new byte[] {1})));

            assertFailed(report, SubIndication.FORMAT_FAILURE);
            assertThat(report.checks())
                    .anySatisfy(c -> assertThat(c.detail()).as(name).contains("unsafe ZIP entry"));
        }
    }

    @Test
    void referenceLeavingThePackageIsAFormatFailure() {
        byte[] ofd = rewrite(
                "allprotected.ofd",
                e -> e.put(
                        SIGN + "Signature.xml",
                        new String(e.get(SIGN + "Signature.xml"), StandardCharsets.UTF_8)
                                .replace("FileRef=\"/OFD.xml\"", "FileRef=\"../../../../OFD.xml\"")
                                .getBytes(StandardCharsets.UTF_8)));

        assertThat(check(only(verifier.verify(ofd)), "SIGNATURE_XML").detail()).contains("leaves the package");
    }

    @Test
    void archiveOverTheCompressionRatioLimitIsAFormatFailure() {
        OfdLimits tinyRatio = OfdLimits.DEFAULT.withMaxCompressionRatio(1.0);

        OfdReport report =
                new OfdSignatureVerifier(CertificateJudge.unvalidated(), tinyRatio).verify(vector("allprotected.ofd"));

        assertFailed(report, SubIndication.FORMAT_FAILURE);
        assertThat(report.checks()).anySatisfy(c -> assertThat(c.detail()).contains("ratio"));
    }

    @Test
    void zipBombIsStoppedWithDefaultLimits() {
        byte[] bomb = OfdFixtures.zip(Map.of("OFD.xml", new byte[32 * 1024 * 1024]));

        OfdReport report = verifier.verify(bomb);

        assertFailed(report, SubIndication.FORMAT_FAILURE);
        assertThat(report.checks()).anySatisfy(c -> assertThat(c.detail()).containsAnyOf("ratio", "expands"));
    }

    @Test
    void totalSizeAndEntryCountLimitsAreEnforced() {
        OfdReport big = new OfdSignatureVerifier(
                        CertificateJudge.unvalidated(), OfdLimits.DEFAULT.withMaxTotalBytes(10_000))
                .verify(vector("allprotected.ofd"));
        OfdReport many = new OfdSignatureVerifier(CertificateJudge.unvalidated(), OfdLimits.DEFAULT.withMaxEntries(5))
                .verify(vector("allprotected.ofd"));

        assertFailed(big, SubIndication.FORMAT_FAILURE);
        assertThat(big.checks()).anySatisfy(c -> assertThat(c.detail()).contains("max-total-size budget (10000)"));
        assertFailed(many, SubIndication.FORMAT_FAILURE);
        assertThat(many.checks()).anySatisfy(c -> assertThat(c.detail()).contains("max-entries budget (5)"));
    }

    @Test
    void nonZipInputIsAResultNotAnException() {
        assertFailed(verifier.verify(null), SubIndication.FORMAT_FAILURE);
        assertFailed(verifier.verify(new byte[0]), SubIndication.FORMAT_FAILURE);
        assertFailed(verifier.verify("not a zip".getBytes(StandardCharsets.US_ASCII)), SubIndication.FORMAT_FAILURE);
        assertFailed(verifier.verify(Arrays.copyOf(vector("allprotected.ofd"), 5000)), SubIndication.FORMAT_FAILURE);
    }

    @Test
    void judgeThatThrowsLeavesTheCertificateIndeterminate() {
        OfdReport report = new OfdSignatureVerifier(
                        (c, t, p) -> {
                            throw new IllegalStateException("boom");
                        },
                        OfdLimits.DEFAULT)
                .verify(vector("allprotected.ofd"));

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(check(only(report), "SIGNER_CERTIFICATE").detail()).contains("boom");
    }

    private static void assertFailed(OfdReport report, SubIndication expected) {
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).as(report.toString()).contains(expected);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
