package cn.tongban.licence.ofd;

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
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Indication;

/**
 * Coverage-guided fuzzing (Jazzer) of the whole OFD verification, {@code DocumentVerifier.verify} on bytes: ZIP
 * container, XML, references, SES_Signature and seal, licence rules. The property: any bytes give a report, never an
 * exception, never an {@link Error} (OutOfMemoryError, StackOverflowError), within the time bound per input. The
 * plain test run replays {@code src/test/resources/cn/tongban/licence/ofd/OfdVerifierFuzzTestInputs/<method>/}
 * (stamped licences, the ofdrw and tax-authority vectors); {@code -Pfuzz} fuzzes (README).
 */
class OfdVerifierFuzzTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final OfdLicenceVerifier VERIFIER = new OfdLicenceVerifier(
            new LicenceWorld(KeyAlgorithm.SM2, Clock.systemUTC())
                    .trust(DocumentTrust.SEAL_MAKERS, DocumentTrust.LICENCE_ISSUERS, DocumentTrust.SIGNERS),
            OfdLimits.DEFAULT,
            null);
    /** No network: revocation is not fetched (a warning in the report). */
    private static final VerificationOptions OPTIONS = new VerificationOptions(AT, List.of(), false);

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void ofdVerificationAnswersWithAReport(byte[] data) {
        VerificationReport r = VERIFIER.verify(data, OPTIONS);
        assertThat(r.documentType()).isEqualTo("OFD");
        assertThat(r.indication()).isNotNull();
        assertThat(r.subIndication() == null).isEqualTo(r.indication() == Indication.TOTAL_PASSED);
        assertThat(r.validationTime()).isEqualTo(AT);
    }
}
