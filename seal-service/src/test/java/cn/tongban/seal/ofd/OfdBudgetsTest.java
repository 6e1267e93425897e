package cn.tongban.seal.ofd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** The signature budgets of {@link OfdLimits}: refused before the costly work, named in the report. */
class OfdBudgetsTest {

    private static final SealWorld SM2 = new SealWorld(KeyAlgorithm.SM2);
    private static final String LIST = "Doc_0/Signs/Signatures.xml";
    private static final String SIGNATURE = "Doc_0/Signs/Sign_0/Signature.xml";
    private static final byte[] STAMPED = new OfdStamper(Clock.systemUTC())
            .stamp(OfdSamples.document(1, "budgets"), SM2.seal, SM2.signer, new StampPosition(1, 10, 10));

    private final OfdSignatureVerifier verifier = new OfdSignatureVerifier(SM2.judge(), OfdLimits.DEFAULT);

    /**
     * 20,000 entries of Signatures.xml naming the one genuine Signature.xml: each passes, and verifying them all
     * took 6.8 s of CPU here with the budget lifted (0.09 s refused). The budget refuses the list before the first.
     */
    @Test
    void twentyThousandListedSignaturesAreRefusedBeforeAnyIsVerified() {
        byte[] many = listed(20_000);

        OfdReport[] report = new OfdReport[1];
        long cpu = cpuNanos(() -> report[0] = verifier.verify(many));

        OfdPackageTest.assertRefused(
                report[0], OfdLimits.RULE, "max-signatures budget (64) exceeded: " + LIST + " lists 20000 signatures");
        assertThat(cpu).as("CPU ns to refuse").isLessThan(1_000_000_000L);
    }

    @Test
    void signaturesWithinTheBudgetAreEachVerified() {
        OfdReport report = verifier.verify(listed(OfdLimits.DEFAULT.maxSignatures()));

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.signatures()).hasSize(OfdLimits.DEFAULT.maxSignatures());
    }

    @Test
    void aSignatureListingMoreReferencesThanTheBudgetIsAFormatFailureNamingIt() {
        byte[] ofd = edit(STAMPED, SIGNATURE, xml -> {
            Matcher first =
                    Pattern.compile("<ofd:Reference .*?</ofd:Reference>").matcher(xml);
            assertThat(first.find()).isTrue();
            return xml.replace(first.group(), first.group().repeat(5_000));
        });

        // 5,000 copies of one reference compress 200 times: lift that budget to reach this one.
        OfdReport report =
                new OfdSignatureVerifier(SM2.judge(), OfdLimits.DEFAULT.withMaxCompressionRatio(1000)).verify(ofd);

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).contains(SubIndication.FORMAT_FAILURE);
        Check budget = OfdVectorsTest.check(OfdVectorsTest.only(report), OfdLimits.RULE);
        assertThat(budget.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(budget.detail())
                .contains("max-references-per-signature budget (4096) exceeded")
                .containsPattern("lists 500\\d references");
    }

    @Test
    void anXmlPartOverTheBudgetIsRefusedBeforeItsTreeIsBuilt() {
        byte[] noise = new byte[5 * 1024 * 1024];
        new java.util.Random(7).nextBytes(noise);
        String padding = "<!-- " + java.util.Base64.getEncoder().encodeToString(noise) + " -->";
        byte[] ofd = edit(STAMPED, LIST, xml -> xml.replace("<ofd:Signature ", padding + "<ofd:Signature "));

        OfdPackageTest.assertRefused(
                verifier.verify(ofd), OfdLimits.RULE, "max-xml-size budget (4194304) exceeded: " + LIST + " has ");
    }

    @Test
    void aSignatureXmlOverTheXmlBudgetIsRefusedByThatBudget() {
        OfdReport report =
                new OfdSignatureVerifier(SM2.judge(), OfdLimits.DEFAULT.withMaxXmlBytes(1000)).verify(STAMPED);

        Check budget = OfdVectorsTest.check(OfdVectorsTest.only(report), OfdLimits.RULE);
        assertThat(budget.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(budget.detail()).startsWith("max-xml-size budget (1000) exceeded: " + SIGNATURE);
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
    }

    @Test
    void deeplyNestedXmlIsAFormatFailureNotAStackOverflow() {
        int depth = 200_000;
        byte[] ofd = edit(
                STAMPED,
                LIST,
                xml -> xml.replace(
                        "<ofd:Signature ",
                        "<ofd:Signature><x>".replace("<x>", "<x>".repeat(depth)) + "</x>".repeat(depth)
                                + "</ofd:Signature><ofd:Signature "));

        // Nested tags compress 1,000 times: lift that budget to reach the parser.
        OfdReport report =
                new OfdSignatureVerifier(SM2.judge(), OfdLimits.DEFAULT.withMaxCompressionRatio(10_000)).verify(ofd);

        OfdPackageTest.assertRefused(report, "SIGNATURES", "depth");
    }

    @Test
    void aDigestKeptForFilesReferencedManyTimesIsHandedOutAsACopy() throws OfdFormatException {
        OfdContainer container = OfdContainer.read(STAMPED, OfdLimits.DEFAULT);

        byte[] first = container.digest(Digests.SM3, "OFD.xml").orElseThrow();
        first[0] ^= 1;

        assertThat(container.digest(Digests.SM3, "OFD.xml"))
                .hasValueSatisfying(d -> assertThat(d)
                        .isEqualTo(Digests.digest(
                                Digests.SM3, container.file("OFD.xml").orElseThrow())));
        assertThat(container.digest(Digests.SM3, "absent.xml")).isEmpty();
    }

    /** The stamped OFD with its Signatures.xml listing its one signature {@code n} times. */
    private static byte[] listed(int n) {
        return edit(STAMPED, LIST, xml -> {
            Matcher entry = Pattern.compile("<ofd:Signature [^>]*/>").matcher(xml);
            assertThat(entry.find()).isTrue();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < n; i++) {
                all.append(entry.group().replaceFirst("ID=\"\\d+\"", "ID=\"" + (100 + i) + "\""));
            }
            return xml.replace(entry.group(), all);
        });
    }

    private static byte[] edit(byte[] ofd, String path, java.util.function.UnaryOperator<String> change) {
        Map<String, byte[]> files = OfdFixtures.entries(ofd);
        files.put(
                path,
                change.apply(new String(files.get(path), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        return OfdFixtures.zip(files);
    }

    /** CPU time of this thread spent in {@code work}. */
    static long cpuNanos(Runnable work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        work.run();
        return threads.getCurrentThreadCpuTime() - start;
    }
}
