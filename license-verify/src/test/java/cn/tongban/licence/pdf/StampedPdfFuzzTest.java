package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pdf.PdfSamples;
import cn.tongban.licence.DocumentVerifiers;
import cn.tongban.licence.LicenceWorld;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.seal.pdf.PdfStamper;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;

/**
 * Random bit flips (fixed seed) inside the signed byte ranges of a seal-stamped PDF, verified by the verifier the
 * server uses ({@link DocumentVerifiers}): every answer is a report with an indication and a rule on every check,
 * no exception escapes, and a file whose signed bytes changed never passes.
 */
class StampedPdfFuzzTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final LicenceWorld SM2 = new LicenceWorld(KeyAlgorithm.SM2, CLOCK);
    private static final DocumentVerifiers VERIFIER = DocumentVerifiers.standard(
            SM2.trust(
                    DocumentTrust.LICENCE_ISSUERS,
                    DocumentTrust.SIGNERS,
                    DocumentTrust.SEAL_MAKERS,
                    DocumentTrust.TIMESTAMPING),
            null,
            OfdLimits.DEFAULT);
    private static final Pattern BYTE_RANGE =
            Pattern.compile("/ByteRange\\s*\\[\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)");

    @Test
    void flippedSignedBytesAlwaysGiveAReportThatDoesNotPass() {
        byte[] pdf = new PdfStamper(CLOCK)
                .stamp(PdfSamples.document(1, "fuzz"), SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        assertThat(VERIFIER.verify(pdf, VerificationOptions.defaults()).indication())
                .isEqualTo(Indication.TOTAL_PASSED);
        Matcher m = BYTE_RANGE.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        assertThat(m.find()).as("the stamped PDF has a /ByteRange").isTrue();
        int firstLength = Integer.parseInt(m.group(2));
        int secondStart = Integer.parseInt(m.group(3));
        int secondLength = Integer.parseInt(m.group(4));
        SplittableRandom random = new SplittableRandom(32000);
        for (int i = 0; i < 60; i++) {
            byte[] mutated = pdf.clone();
            for (int f = 0; f < 1 + random.nextInt(4); f++) {
                int k = random.nextInt(firstLength + secondLength);
                int pos = k < firstLength ? k : secondStart + (k - firstLength);
                mutated[pos] ^= (byte) (1 << random.nextInt(8));
            }
            int round = i;
            assertThatCode(() -> {
                        VerificationReport r = VERIFIER.verify(mutated, VerificationOptions.defaults());
                        assertThat(r.indication())
                                .as("mutation %d", round)
                                .isNotNull()
                                .isNotEqualTo(Indication.TOTAL_PASSED);
                        assertThat(r.checks())
                                .as("mutation %d", round)
                                .allSatisfy(c -> assertThat(c.rule()).isNotBlank());
                        r.signatures()
                                .forEach(s -> assertThat(s.checks())
                                        .extracting(Check::rule)
                                        .doesNotContainNull());
                    })
                    .as("mutation %d", i)
                    .doesNotThrowAnyException();
        }
    }
}
