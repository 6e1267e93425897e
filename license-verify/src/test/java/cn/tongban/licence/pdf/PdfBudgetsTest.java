package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pdf.HostilePdfs;
import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.fixtures.pdf.SignSpec;
import cn.tongban.licence.LicenceWorld;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.pdf.PdfBudget;
import cn.tongban.seal.pdf.PdfLimits;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The budgets of one PDF (seal-service {@code PdfLimits}): each hostile document is a TOTAL_FAILED /
 * FORMAT_FAILURE report whose rule is {@value PdfBudget#RULE} and whose detail names the budget, never an
 * exception; a genuine licence is within every default budget. The gigabyte attachment bomb is
 * {@link PdfAttachmentBombTest}, run in a 256 MiB JVM.
 */
class PdfBudgetsTest {

    static final Clock CLOCK = Clock.systemUTC();
    static final LicenceWorld EC = new LicenceWorld(KeyAlgorithm.EC_P256, CLOCK);
    static final DocumentTrust TRUST = EC.trust(
            DocumentTrust.LICENCE_ISSUERS,
            DocumentTrust.SIGNERS,
            DocumentTrust.SEAL_MAKERS,
            DocumentTrust.TIMESTAMPING);
    static final PdfLicenceVerifier VERIFIER = new PdfLicenceVerifier(TRUST, null);
    static final byte[] UNSIGNED = LicencePdfs.unsigned();
    static final byte[] SIGNED = LicencePdfs.sign(
            UNSIGNED, EC.pki.documentSigner(), SignSpec.at(CLOCK.instant().minusSeconds(60)));

    static VerificationReport verify(byte[] pdf) {
        return VERIFIER.verify(pdf, VerificationOptions.defaults());
    }

    /** The report is refused for a budget, and some check names it with {@code detail}. */
    static void assertOverBudget(VerificationReport r, String detail) {
        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(r.subIndication()).as(r.toString()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(r.rule()).as(r.toString()).isEqualTo(PdfBudget.RULE);
        Stream<Check> all =
                Stream.concat(r.checks().stream(), r.signatures().stream().flatMap(s -> s.checks().stream()));
        assertThat(all.filter(c -> c.rule().equals(PdfBudget.RULE)).toList())
                .as(r.toString())
                .anySatisfy(c -> {
                    assertThat(c.detail()).contains(detail);
                    assertThat(c.clause()).isNotBlank();
                });
    }

    @Test
    void aGenuineLicenceIsWithinEveryDefaultBudget() {
        VerificationReport r = verify(SIGNED);

        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void aHundredThousandNestedBerOctetStringsInContentsAreRefusedBeforeBouncyCastleParsesThem() {
        byte[] pdf = HostilePdfs.signedWithContents(UNSIGNED, HostilePdfs.nestedBer(100_000));

        assertOverBudget(verify(pdf), "over budget (max-asn1-depth)");
    }

    @Test
    void aPageTreeWhoseKidsPointAtTheirAncestorIsRefused() {
        assertOverBudget(verify(HostilePdfs.loopingPageTree(SIGNED)), "the page tree loops");
    }

    @Test
    void aPageThatIsItsOwnParentIsRefused() {
        assertOverBudget(verify(HostilePdfs.parentLoop(SIGNED)), "loops");
    }

    @Test
    void aSignatureWithMoreReferencesThanTheDefaultBudgetIsRefused() {
        byte[] pdf = HostilePdfs.signatureWithReferences(SIGNED, PdfLimits.DEFAULT.maxReferences() + 1);

        assertOverBudget(verify(pdf), "has 17 /Reference entries, over budget 16 (max-references)");
    }

    @Test
    void moreObjectsThanTheBudgetAreRefused() {
        PdfLimits small = new PdfLimits(32L << 20, 256L << 20, 1_000, 100, 100, 100, 16, 10_000);
        byte[] pdf = HostilePdfs.manyObjects(SIGNED, 1_000);

        VerificationReport r = new PdfLicenceVerifier(TRUST, null, small).verify(pdf, VerificationOptions.defaults());

        assertOverBudget(r, "over budget 1000 (max-objects)");
    }

    @Test
    void moreSignatureFieldsThanTheDefaultBudgetAreRefusedBeforeAnyIsVerified() {
        byte[] pdf = HostilePdfs.manySignatureFields(SIGNED, PdfLimits.DEFAULT.maxSignatures() + 1);

        VerificationReport r = verify(pdf);

        assertOverBudget(r, "over budget 100 (max-signatures)");
        assertThat(r.signatures()).isEmpty();
    }

    @Test
    void arraysNestedDeeperThanTheBudgetAreRefused() {
        assertOverBudget(verify(HostilePdfs.deeplyNestedArray(SIGNED, 400)), "(max-nesting)");
    }

    @Test
    void anAttachmentInflatingBeyondOneStreamsBudgetIsRefused() {
        byte[] pdf = HostilePdfs.attachmentBomb(SIGNED, 64L << 20);

        assertOverBudget(verify(pdf), "the embedded file licence.json");
        assertOverBudget(verify(pdf), "over budget 33554432 for one stream (max-stream-bytes)");
    }

    @Test
    void decodedStreamsOfAllRevisionsTogetherAreHeldToTheDocumentsBudget() {
        PdfLimits small = new PdfLimits(32L << 20, 2L << 20, 100_000, 100, 100, 100, 16, 10_000);
        byte[] pdf = HostilePdfs.attachmentBomb(SIGNED, 8L << 20);

        VerificationReport r = new PdfLicenceVerifier(TRUST, null, small).verify(pdf, VerificationOptions.defaults());

        assertOverBudget(r, "over budget 2097152 for the document (max-total-bytes)");
    }

    @Test
    void aLicenceSavedWithObjectAndCrossReferenceStreamsIsWithinEveryDefaultBudget() throws Exception {
        byte[] compressed;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(UNSIGNED)) {
            var out = new java.io.ByteArrayOutputStream();
            doc.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.DEFAULT_COMPRESSION);
            compressed = out.toByteArray();
        }
        byte[] pdf = LicencePdfs.sign(
                compressed, EC.pki.documentSigner(), SignSpec.at(CLOCK.instant().minusSeconds(60)));

        VerificationReport r = verify(pdf);

        Stream<Check> all =
                Stream.concat(r.checks().stream(), r.signatures().stream().flatMap(s -> s.checks().stream()));
        assertThat(all.map(Check::rule)).as(r.toString()).doesNotContain(PdfBudget.RULE);
        assertThat(r.licence()).as("licence.json read from its object stream").isNotNull();
    }
}
