package cn.tongban.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.fixtures.ofd.OfdPackageAttacks;
import cn.tongban.trust.pki.Pem;

/** The {@code verify} CLI contract: every exit code, both formats, anchors from PEM and DER, on the GB/T 38540 vectors. */
class VerifyCommandTest {

    @TempDir
    static Path dir;

    static Path allprotected;
    static Path edited;
    static Path taxSigned;
    static Path rootPem;
    static Path rootDer;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return VerifyCommand.JSON.readTree(out);
        }
    }

    @BeforeAll
    static void files() throws Exception {
        allprotected = Files.write(dir.resolve("allprotected.ofd"), vector("allprotected.ofd"));
        edited = Files.write(dir.resolve("n.ofd"), vector("n.ofd"));
        taxSigned = Files.write(dir.resolve("signedFile.ofd"), vector("signedFile.ofd"));
        KeyStore ks = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
        ks.load(new ByteArrayInputStream(vector("ROOT.p12")), "123456".toCharArray());
        X509Certificate root = (X509Certificate) ks.getCertificate("private");
        rootPem = Files.writeString(dir.resolve("root.pem"), Pem.write(root));
        rootDer = Files.write(dir.resolve("root.cer"), root.getEncoded());
    }

    static byte[] vector(String name) throws IOException {
        try (InputStream in = VerifyCommandTest.class.getResourceAsStream("/vectors/gbt38540/" + name)) {
            return in.readAllBytes();
        }
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

    @Test
    void passedIsExitZeroWithTheReportAsJson() throws Exception {
        Run r = run("verify", allprotected.toString(), "--trust", rootPem.toString(), "--no-revocation");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(json.has("subIndication")).isTrue();
        assertThat(json.get("subIndication").isNull()).isTrue();
        assertThat(json.get("signatures").get(0).get("seal").get("esId").asText())
                .isEqualTo("51f044b76510434e9bc67a1185c2fba5");
        assertThat(json.get("warnings").toString()).contains("revocation not checked");
    }

    @Test
    void aDerAnchorWorksAsWellAsPem() {
        assertThat(run("verify", allprotected.toString(), "--trust", rootDer.toString(), "--no-revocation")
                        .exit())
                .isZero();
    }

    @Test
    void withoutTheAnchorTheChainIsIndeterminateExitTwo() throws Exception {
        Run r = run("verify", allprotected.toString(), "--no-revocation");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.json().get("indication").asText()).isEqualTo("INDETERMINATE");
        assertThat(r.json().get("subIndication").asText()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
        assertThat(r.err()).contains("INDETERMINATE");
    }

    @Test
    void aDocumentEditedAfterSigningIsExitOne() throws Exception {
        Run r = run("verify", edited.toString(), "--no-revocation", "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.json().get("indication").asText()).isEqualTo("TOTAL_FAILED");
    }

    @Test
    void aValidationTimeIsTakenAndReported() throws Exception {
        Run r = run(
                "verify", taxSigned.toString(), "--no-revocation", "--validation-time", "2026-01-01T00:00:00+08:00");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.json().get("validationTime").asText()).isEqualTo("2025-12-31T16:00:00Z");
    }

    @Test
    void textFormatSaysTheIndicationAndEveryRule() {
        Run r = run(
                "verify", allprotected.toString(), "--trust", rootPem.toString(), "--no-revocation", "--format=text");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("indication: TOTAL_PASSED", "PASSED DATA_HASH", "seal: ", "warning: revocation");
    }

    @Test
    void unreadableInputIsSixtySix() {
        assertThat(run("verify", dir.resolve("missing.ofd").toString()).exit()).isEqualTo(66);
        assertThat(run("verify", dir.toString()).exit()).isEqualTo(66);
        Run r = run(
                "verify",
                allprotected.toString(),
                "--trust",
                dir.resolve("missing.pem").toString());
        assertThat(r.exit()).isEqualTo(66);
        assertThat(r.err()).contains("missing.pem");
    }

    @Test
    void usageErrorsAreSixtyFour() throws IOException {
        assertThat(run("verify").exit()).isEqualTo(64);
        assertThat(run("verify", allprotected.toString(), "--format", "xml").exit())
                .isEqualTo(64);
        assertThat(run("verify", allprotected.toString(), "--validation-time", "yesterday")
                        .exit())
                .isEqualTo(64);
        assertThat(run("verify", allprotected.toString(), "--colour").exit()).isEqualTo(64);
        assertThat(run("verify", allprotected.toString(), edited.toString()).exit())
                .isEqualTo(64);
        Path notACert = Files.writeString(dir.resolve("not-a-cert.pem"), "hello");
        Run r = run("verify", allprotected.toString(), "--trust", notACert.toString());
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).contains("usage: java -jar tongban.jar verify FILE");
    }

    @Test
    void anOfdWhoseCentralDirectoryPointsAtAReplacedPageIsExitOneNamingThePackageRule() throws Exception {
        String content = "Doc_0/Pages/Page_0/Content.xml";
        Path forged = Files.write(
                dir.resolve("forged.ofd"),
                OfdPackageAttacks.forgedCentralDirectory(
                        vector("allprotected.ofd"), content, "<ofd:Page/>".getBytes(StandardCharsets.UTF_8), content));
        Run r = run("verify", forged.toString(), "--trust", rootPem.toString(), "--no-revocation");
        assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(1);
        assertThat(r.json().get("subIndication").asText()).isEqualTo("FORMAT_FAILURE");
        assertThat(r.json().get("rule").asText()).isEqualTo("OFD_PACKAGE");
        assertThat(r.err()).contains("TOTAL_FAILED FORMAT_FAILURE (rule OFD_PACKAGE)");
    }

    @Test
    void anOfdCutOffBeforeItsCentralDirectoryIsExitOneNamingThePackageRule() throws Exception {
        Path cut = Files.write(
                dir.resolve("cut.ofd"), OfdPackageAttacks.truncatedBeforeCentralDirectory(vector("allprotected.ofd")));
        Run r = run("verify", cut.toString(), "--trust", rootPem.toString(), "--no-revocation", "--format", "text");
        assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(1);
        assertThat(r.out()).contains("indication: TOTAL_FAILED", "OFD_PACKAGE");
        assertThat(r.err()).contains("rule OFD_PACKAGE").doesNotContain("Exception");
    }

    @Test
    void somethingThatIsNeitherPdfNorOfdIsAFormatFailure() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.txt"), "just text");
        Run r = run("verify", junk.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.json().get("subIndication").asText()).isEqualTo("FORMAT_FAILURE");
    }

    @Test
    void aPdfWhoseContentsNestBerTooDeepExitsOneWithTheBudgetNamedAndNoStackTrace() throws Exception {
        byte[] pdf = cn.tongban.fixtures.pdf.HostilePdfs.signedWithContents(
                cn.tongban.fixtures.pdf.PdfSamples.document(1, "nested"),
                cn.tongban.fixtures.pdf.HostilePdfs.nestedBer(100_000));
        Path file = Files.write(dir.resolve("nested-ber.pdf"), pdf);

        Run r = run("verify", file.toString(), "--no-revocation", "--format", "text");

        assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(1);
        assertThat(r.err()).contains("TOTAL_FAILED FORMAT_FAILURE (rule PDF_BUDGET)");
        assertThat(r.out()).contains("max-asn1-depth");
        assertThat(r.err() + r.out()).doesNotContain("StackOverflowError").doesNotContain("\tat ");
    }
}
