package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import cn.tongban.licence.LicenceWorld;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Indication;

/**
 * Coverage-guided fuzzing (Jazzer) of the whole PDF verification, {@code DocumentVerifier.verify} on bytes. The
 * property: any bytes give a report (a PDF that is not one is a FORMAT_FAILURE in it), never an exception, never an
 * {@link Error} (OutOfMemoryError, StackOverflowError), within the time bound per input. The plain test run replays
 * the corpus under {@code src/test/resources/cn/tongban/licence/pdf/PdfVerifierFuzzTestInputs/<method>/} (signed,
 * stamped and attacked licences); {@code -Pfuzz} fuzzes (README).
 */
class PdfVerifierFuzzTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final PdfLicenceVerifier VERIFIER = new PdfLicenceVerifier(
            new LicenceWorld(KeyAlgorithm.EC_P256, Clock.systemUTC())
                    .trust(
                            DocumentTrust.LICENCE_ISSUERS,
                            DocumentTrust.SIGNERS,
                            DocumentTrust.SEAL_MAKERS,
                            DocumentTrust.TIMESTAMPING),
            null);
    /** No network: revocation is not fetched (a warning in the report). */
    private static final VerificationOptions OPTIONS = new VerificationOptions(AT, List.of(), false);

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void pdfVerificationAnswersWithAReport(byte[] data) {
        VerificationReport r = VERIFIER.verify(data, OPTIONS);
        assertThat(r.documentType()).isEqualTo("PDF");
        assertThat(r.indication()).isNotNull();
        assertThat(r.subIndication() == null).isEqualTo(r.indication() == Indication.TOTAL_PASSED);
        assertThat(r.validationTime()).isEqualTo(AT);
    }
}
