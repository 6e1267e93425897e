package cn.tongban.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.fixtures.pdf.PdfSamples;
import cn.tongban.fixtures.pki.Issued;
import cn.tongban.fixtures.pki.LeafProfile;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.Pem;

/**
 * The {@code seal make} and {@code stamp} CLI contracts: every exit code (0, 64, 65, 66, 73), and a seal made and
 * stamped here on an OFD and a PDF verifies through {@code verify}. Test PKI (SM2) made now, valid around now.
 */
class SealCommandsTest {

    static final String MAKER_PW = "maker-secret-7";
    static final String SIGNER_PW = "signer-secret-9";

    @TempDir
    static Path dir;

    static TestPki pki;
    static Path maker;
    static Path signer;
    static Path signerCert;
    static Path stranger;
    static Path rootPem;
    static Path png;
    static Path ofd;
    static Path pdf;
    static Path seal;
    static String today = LocalDate.now().minusDays(1).toString();
    static String nextYear = LocalDate.now().plusYears(1).toString();

    record Run(int exit, String out, String err) {}

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

    @BeforeAll
    static void files() throws Exception {
        pki = TestPki.builder(Clock.systemUTC(), KeyAlgorithm.SM2).build();
        maker = Files.write(dir.resolve("maker.p12"), pki.keyStore(pki.sealMaker(), "maker", MAKER_PW.toCharArray()));
        Issued s = pki.documentSigner();
        signer = Files.write(dir.resolve("signer.p12"), pki.keyStore(s, "signer", SIGNER_PW.toCharArray()));
        signerCert = Files.writeString(dir.resolve("signer.pem"), Pem.write(s.certificate()));
        Issued other = pki.issueLeaf("someone else", LeafProfile.DOCUMENT_SIGNER);
        stranger = Files.write(dir.resolve("stranger.p12"), pki.keyStore(other, "x", SIGNER_PW.toCharArray()));
        // GB/T 38540 signatures carry the signer certificate only: the issuing CA comes with the anchors
        rootPem = Files.writeString(
                dir.resolve("cas.pem"),
                Pem.write(pki.root().certificate(), pki.intermediate().certificate()));
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.drawOval(2, 2, 196, 96);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        png = Files.write(dir.resolve("seal.png"), bytes.toByteArray());
        ofd = Files.write(dir.resolve("doc.ofd"), OfdSamples.document(2, "营业执照"));
        pdf = Files.write(dir.resolve("doc.pdf"), PdfSamples.document(2, "business licence"));
        seal = dir.resolve("company.esl");
        Run made = make(seal, "--name", "上海示例餐饮有限公司");
        assertThat(made.exit()).as(made.err()).isZero();
    }

    static Run make(Path out, String... overrides) {
        java.util.Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put("--maker", maker.toString());
        o.put("--maker-password", MAKER_PW);
        o.put("--signer-cert", signerCert.toString());
        o.put("--picture", png.toString());
        o.put("--valid-from", today);
        o.put("--valid-to", nextYear);
        o.put("--out", out.toString());
        return run(args(o, List.of("seal", "make"), overrides));
    }

    static String[] args(java.util.Map<String, String> o, List<String> words, String... overrides) {
        for (int i = 0; i < overrides.length; i++) {
            boolean flag = i + 1 == overrides.length || overrides[i + 1].startsWith("--");
            o.put(overrides[i], flag ? null : overrides[++i]);
        }
        java.util.List<String> args = new java.util.ArrayList<>(words);
        o.forEach((k, v) -> {
            args.add(k);
            if (v != null) {
                args.add(v);
            }
        });
        return args.toArray(String[]::new);
    }

    static Run stamp(Path in, Path out, String... overrides) {
        java.util.Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put("--in", in.toString());
        o.put("--seal", seal.toString());
        o.put("--key", signer.toString());
        o.put("--password", SIGNER_PW);
        o.put("--page", "1");
        o.put("--x", "120");
        o.put("--y", "200");
        o.put("--out", out.toString());
        return run(args(o, List.of("stamp"), overrides));
    }

    static JsonNode verify(Path file) throws IOException {
        Run r = run("verify", file.toString(), "--trust", rootPem.toString(), "--no-revocation");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        return VerifyCommand.JSON.readTree(r.out());
    }

    @Test
    void aMadeSealDecodesWithItsNameValiditySignerAndSizeFromThePicture() throws Exception {
        SesSeal decoded = SealDecoder.decodeSeal(Files.readAllBytes(seal)).orElseThrow();
        assertThat(decoded.property().name()).isEqualTo("上海示例餐饮有限公司");
        assertThat(decoded.property().type()).isEqualTo(1);
        assertThat(decoded.picture().type()).isEqualTo("PNG");
        assertThat(decoded.picture().widthMm()).isEqualTo(40);
        assertThat(decoded.picture().heightMm()).isEqualTo(20); // the 200 x 100 picture's aspect
        assertThat(decoded.property().validEnd()).isAfter(decoded.property().validStart());
        Run sized = make(
                dir.resolve("sized.esl"),
                "--name",
                "合同专用章",
                "--width",
                "42",
                "--height",
                "42",
                "--type",
                "2",
                "--esid",
                "310000TEST0001",
                "--digests");
        assertThat(sized.exit()).as(sized.err()).isZero();
        SesSeal s = SealDecoder.decodeSeal(Files.readAllBytes(dir.resolve("sized.esl")))
                .orElseThrow();
        assertThat(s.esId()).isEqualTo("310000TEST0001");
        assertThat(s.picture().widthMm()).isEqualTo(42);
        assertThat(s.property().certListType()).isEqualTo(2);
        assertThat(sized.out()).contains("310000TEST0001").doesNotContain(MAKER_PW);
    }

    @Test
    void stampedOfdAndPdfVerifyAndASecondStampKeepsTheFirst() throws Exception {
        Path once = dir.resolve("once.ofd");
        Run r = stamp(ofd, once);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("OFD").doesNotContain(SIGNER_PW);
        JsonNode report = verify(once);
        assertThat(report.get("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(report.get("signatures").get(0).get("seal").get("name").asText())
                .isEqualTo("上海示例餐饮有限公司");

        Path twice = dir.resolve("twice.ofd");
        assertThat(stamp(once, twice, "--page", "2", "--x", "10", "--y", "10").exit())
                .isZero();
        assertThat(verify(twice).get("signatures")).hasSize(2);

        Path stampedPdf = dir.resolve("stamped.pdf");
        Run p = stamp(pdf, stampedPdf, "--page", "2");
        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(verify(stampedPdf).get("indication").asText()).isEqualTo("TOTAL_PASSED");
    }

    @Test
    void usageErrorsAre64() {
        Run missing = run("seal", "make", "--maker", maker.toString());
        assertThat(missing.exit()).isEqualTo(64);
        assertThat(missing.err()).contains("usage: java -jar tongban.jar seal make");
        assertThat(make(dir.resolve("x.esl"), "--name", "x", "--valid-to", "next year")
                        .exit())
                .isEqualTo(64);
        assertThat(make(dir.resolve("x.esl"), "--name", "x", "--width", "wide").exit())
                .isEqualTo(64);
        assertThat(stamp(ofd, dir.resolve("x.ofd"), "--page", "one").exit()).isEqualTo(64);
        assertThat(stamp(ofd, dir.resolve("x.ofd"), "--page", "0").exit()).isEqualTo(64);
        assertThat(stamp(ofd, dir.resolve("x.ofd"), "--x", "-5").exit()).isEqualTo(64);
        assertThat(run("stamp", "--in", ofd.toString()).exit()).isEqualTo(64);
        assertThat(Files.exists(dir.resolve("x.ofd"))).isFalse();
    }

    @Test
    void badSealInputsAre65AndWriteNothing() throws Exception {
        Path text = Files.writeString(dir.resolve("not-an-image.png"), "hello");
        Path out = dir.resolve("bad.esl");
        Run picture = run(
                "seal",
                "make",
                "--maker",
                maker.toString(),
                "--maker-password",
                MAKER_PW,
                "--signer-cert",
                signerCert.toString(),
                "--picture",
                text.toString(),
                "--valid-from",
                today,
                "--valid-to",
                nextYear,
                "--name",
                "x",
                "--out",
                out.toString());
        assertThat(picture.exit()).isEqualTo(65);
        assertThat(picture.err()).contains("not a PNG, JPG, GIF, BMP or SVG");

        Run password = run(
                "seal",
                "make",
                "--maker",
                maker.toString(),
                "--maker-password",
                "wrong-pw-123",
                "--signer-cert",
                signerCert.toString(),
                "--picture",
                png.toString(),
                "--valid-from",
                today,
                "--valid-to",
                nextYear,
                "--name",
                "x",
                "--out",
                out.toString());
        assertThat(password.exit()).isEqualTo(65);
        assertThat(password.err()).contains("wrong password").doesNotContain("wrong-pw-123");

        Run dates = make(out, "--name", "x", "--valid-from", nextYear, "--valid-to", today);
        assertThat(dates.exit()).isEqualTo(65);
        assertThat(dates.err()).contains("validStart must be before");

        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        Run cert = run(
                "seal",
                "make",
                "--maker",
                maker.toString(),
                "--maker-password",
                MAKER_PW,
                "--signer-cert",
                garbage.toString(),
                "--picture",
                png.toString(),
                "--valid-from",
                today,
                "--valid-to",
                nextYear,
                "--name",
                "x",
                "--out",
                out.toString());
        assertThat(cert.exit()).isEqualTo(65);
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void badStampInputsAre65AndWriteNothing() throws Exception {
        Path out = dir.resolve("refused.ofd");
        Run notSigner = stamp(ofd, out, "--key", stranger.toString());
        assertThat(notSigner.exit()).isEqualTo(65);
        assertThat(notSigner.err()).contains("not one of the seal's signers");

        Path laterSeal = dir.resolve("later.esl");
        assertThat(make(
                                laterSeal,
                                "--name",
                                "新章",
                                "--valid-from",
                                nextYear,
                                "--valid-to",
                                LocalDate.now().plusYears(2).toString())
                        .exit())
                .isZero();
        Run expired = stamp(ofd, out, "--seal", laterSeal.toString());
        assertThat(expired.exit()).isEqualTo(65);
        assertThat(expired.err()).contains("outside the seal's validity");

        assertThat(stamp(ofd, out, "--page", "9").err()).contains("page 9");
        assertThat(stamp(ofd, out, "--page", "9").exit()).isEqualTo(65);
        assertThat(stamp(pdf, out, "--page", "9").exit()).isEqualTo(65);
        assertThat(stamp(pdf, out, "--x", "5000").exit()).isEqualTo(65); // does not fit on the page
        assertThat(stamp(png, out).exit()).isEqualTo(65); // neither PDF nor OFD
        assertThat(stamp(ofd, out, "--seal", png.toString()).exit()).isEqualTo(65); // not a seal
        Run password = stamp(ofd, out, "--password", "not-it-42");
        assertThat(password.exit()).isEqualTo(65);
        assertThat(password.err()).doesNotContain("not-it-42");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aPdfWhosePageTreeLoopsIs65WithTheBudgetNamedAndWritesNothing() throws Exception {
        Path looping = Files.write(
                dir.resolve("looping.pdf"),
                cn.tongban.fixtures.pdf.HostilePdfs.loopingPageTree(Files.readAllBytes(pdf)));
        Path out = dir.resolve("looping-stamped.pdf");

        Run r = stamp(looping, out);

        assertThat(r.exit()).as(r.err()).isEqualTo(65);
        assertThat(r.err())
                .contains("PDF_BUDGET")
                .contains("the page tree loops")
                .doesNotContain("\tat ");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void unreadableInputIs66AndUnwritableOutputIs73() {
        assertThat(stamp(dir.resolve("missing.ofd"), dir.resolve("y.ofd")).exit())
                .isEqualTo(66);
        assertThat(stamp(
                                ofd,
                                dir.resolve("y.ofd"),
                                "--seal",
                                dir.resolve("missing.esl").toString())
                        .exit())
                .isEqualTo(66);
        assertThat(stamp(dir, dir.resolve("y.ofd")).exit()).isEqualTo(66);
        Run picture = run(
                "seal",
                "make",
                "--maker",
                maker.toString(),
                "--maker-password",
                MAKER_PW,
                "--signer-cert",
                signerCert.toString(),
                "--picture",
                dir.resolve("none.png").toString(),
                "--valid-from",
                today,
                "--valid-to",
                nextYear,
                "--name",
                "x",
                "--out",
                dir.resolve("z.esl").toString());
        assertThat(picture.exit()).isEqualTo(66);
        assertThat(picture.err()).contains("no such file");
        Run cannotWrite = stamp(ofd, dir.resolve("no-such-dir").resolve("y.ofd"));
        assertThat(cannotWrite.exit()).isEqualTo(73);
    }
}
