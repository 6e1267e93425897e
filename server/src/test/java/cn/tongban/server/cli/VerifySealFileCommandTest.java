package cn.tongban.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.fixtures.seal.SealFiles;
import cn.tongban.trust.pki.Pem;

/** {@code verify FILE.esl}: bare GB/T 38540 seal files through the same command, report and exit codes. */
class VerifySealFileCommandTest {

    static final String IN_2021 = "2021-06-01T00:00:00Z";

    @TempDir
    static Path dir;

    static Path rootPem;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return VerifyCommand.JSON.readTree(out);
        }
    }

    @BeforeAll
    static void files() throws Exception {
        rootPem = Files.writeString(dir.resolve("ofdrw-root.pem"), Pem.write(SealFiles.ofdrwRoot()));
        for (String v : new String[] {"UserV1.esl", "UserV4.esl", "UserV5.esl"}) {
            Files.write(dir.resolve(v), SealFiles.vector(v));
        }
        Files.write(dir.resolve("tampered.esl"), SealFiles.v4WithTamperedPicture());
        Files.write(dir.resolve("declared-gif.esl"), SealFiles.v4DeclaringPictureAs("GIF"));
        byte[] v4 = SealFiles.vector("UserV4.esl");
        Files.write(dir.resolve("truncated.esl"), Arrays.copyOf(v4, v4.length / 2));
        Files.write(dir.resolve("garbage.esl"), "garbage, not a seal".getBytes(StandardCharsets.US_ASCII));
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CommandLine.standard()
                .run(
                        args,
                        InputStream.nullInputStream(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run verify(String file, String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "verify";
        args[1] = dir.resolve(file).toString();
        args[2] = "--no-revocation";
        System.arraycopy(more, 0, args, 3, more.length);
        return run(args);
    }

    @Test
    void theV1AndV4VectorsPassAt2021WithOfdrwsRootTrustedExitZero() throws Exception {
        for (String v : new String[] {"UserV1.esl", "UserV4.esl"}) {
            Run r = verify(v, "--trust", rootPem.toString(), "--validation-time", IN_2021);
            assertThat(r.exit()).as(v + r.err() + r.out()).isZero();
            JsonNode json = r.json();
            assertThat(json.get("documentType").asText()).isEqualTo("SEAL");
            assertThat(json.get("indication").asText()).isEqualTo("TOTAL_PASSED");
            assertThat(json.get("validationTime").asText()).isEqualTo(IN_2021);
            assertThat(json.get("signatures").get(0).get("kind").asText()).isEqualTo("SEAL");
            assertThat(json.get("signatures").get(0).get("timeSource").asText()).isEqualTo("VALIDATION_TIME");
        }
    }

    @Test
    void theV5VectorTodayIsExitOneItsMakerCertificateExpired() throws Exception {
        Run r = verify("UserV5.esl", "--trust", rootPem.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.json().get("rule").asText()).isEqualTo("SEAL_MAKER_CERTIFICATE");
        assertThat(r.json().get("subIndication").asText()).isEqualTo("EXPIRED");
        JsonNode validity = null;
        for (JsonNode c : r.json().get("signatures").get(0).get("checks")) {
            if (c.get("rule").asText().equals("SEAL_VALIDITY")) {
                validity = c;
            }
        }
        assertThat(validity).isNotNull();
        assertThat(validity.get("status").asText()).isEqualTo("PASSED");
    }

    @Test
    void withoutTheMakersAnchorTheSealIsIndeterminateExitTwo() throws Exception {
        Run r = verify("UserV4.esl", "--validation-time", IN_2021);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.json().get("subIndication").asText()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
        assertThat(r.err()).contains("INDETERMINATE", "SEAL_MAKER_CERTIFICATE");
    }

    @Test
    void aSealPastItsValidityTodayATamperedPictureAndALyingPictureTypeAreExitOne() throws Exception {
        Run expired = verify("UserV4.esl", "--trust", rootPem.toString());
        assertThat(expired.exit()).isEqualTo(1);
        assertThat(expired.json().get("rule").asText()).isEqualTo("SEAL_VALIDITY");

        Run tampered = verify("tampered.esl", "--trust", rootPem.toString(), "--validation-time", IN_2021);
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.json().get("subIndication").asText()).isEqualTo("SIG_CRYPTO_FAILURE");

        Run lying = verify("declared-gif.esl", "--trust", rootPem.toString(), "--validation-time", IN_2021);
        assertThat(lying.exit()).isEqualTo(1);
        assertThat(lying.json().get("rule").asText()).isEqualTo("SEAL_PICTURE");
    }

    @Test
    void truncatedAndGarbageFilesAreFormatFailuresExitOne() throws Exception {
        Run truncated = verify("truncated.esl");
        assertThat(truncated.exit()).isEqualTo(1);
        assertThat(truncated.json().get("rule").asText()).isEqualTo("SEAL_FORMAT");
        assertThat(truncated.json().get("subIndication").asText()).isEqualTo("FORMAT_FAILURE");

        Run garbage = verify("garbage.esl");
        assertThat(garbage.exit()).isEqualTo(1);
        assertThat(garbage.json().get("subIndication").asText()).isEqualTo("FORMAT_FAILURE");
        assertThat(garbage.err()).doesNotContain("Exception");
    }

    @Test
    void textFormatNamesTheSealAndEveryRule() {
        Run r = verify("UserV4.esl", "--trust", rootPem.toString(), "--validation-time", IN_2021, "--format", "text");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "SEAL document sha256",
                        "indication: TOTAL_PASSED",
                        "PASSED SEAL_SIGNATURE",
                        "PASSED SEAL_PICTURE",
                        "PASSED SEAL_MAKER_CERTIFICATE",
                        "seal: OFD R&W 测试用印章");
    }

    @Test
    void aMissingSealFileIsSixtySix() {
        assertThat(verify("missing.esl").exit()).isEqualTo(66);
    }
}
