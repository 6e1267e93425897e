package cn.tongban.seal.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.seal.ofd.OfdReport;
import cn.tongban.seal.ofd.OfdSignatureVerifier;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Indication;

/**
 * Interoperability with ofdrw 2.3.3, an independent GB/T 38540 implementation (run in its own class loader, see
 * {@link OfdrwLoader}): what Tongban stamps, ofdrw's OFDValidator with SESV4ValidateContainer accepts; seals and
 * OFDs that ofdrw makes, Tongban verifies with full checks. Each direction also shows the other side rejecting a
 * tampered file, so the tests can fail.
 */
class OfdrwInteropTest {

    private static final SealWorld WORLD = new SealWorld(KeyAlgorithm.SM2);

    @TempDir
    Path dir;

    static String ofdrwValidate(Path file) throws Exception {
        return (String) OfdrwLoader.call("validate", file);
    }

    @Test
    void ofdsStampedByTongbanValidateWithOfdrw() throws Exception {
        OfdStamper stamper = new OfdStamper(Clock.systemUTC());
        byte[] once = stamper.stamp(
                OfdSamples.document(2, "interop"), WORLD.seal, WORLD.signer, new StampPosition(1, 30, 40));
        byte[] twice = stamper.stamp(once, WORLD.seal, WORLD.signer, new StampPosition(2, 60, 80));
        Path file = Files.write(dir.resolve("tongban.ofd"), twice);

        assertThat(ofdrwValidate(file)).isNull();

        Path tampered = Files.write(
                dir.resolve("tampered.ofd"), rewrite(twice, "Doc_0/Pages/Page_1/Content.xml", "page 2", "page 3"));
        assertThat(ofdrwValidate(tampered)).contains("FileIntegrityException");
    }

    @Test
    void sealsMadeByTongbanParseAndVerifyWithOfdrwsAsn1Model() throws Exception {
        String[] facts = (String[]) OfdrwLoader.call("parseAndVerifySeal", (Object) WORLD.seal);

        assertThat(facts).containsExactly("tb-seal-sm2", "PNG", "true", "true"); // esID, type, signature, same DER
        byte[] tampered = WORLD.seal.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(((String[]) OfdrwLoader.call("parseAndVerifySeal", (Object) tampered))[2])
                .isEqualTo("false");
    }

    @Test
    void sealsAndOfdsMadeByOfdrwVerifyWithTongban() throws Exception {
        byte[] seal = (byte[]) OfdrwLoader.call(
                "makeSeal",
                "ofdrw-made-1",
                WORLD.maker.certificate().getEncoded(),
                WORLD.pki.sealMaker().privateKey().getEncoded(),
                WORLD.signer.certificate().getEncoded(),
                SealWorld.picture());

        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(seal);
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        assertThat(SealSignatures.verifySeal(decoded.orElseThrow()).valid()).isTrue();

        Path in = Files.write(dir.resolve("in.ofd"), OfdSamples.document(1, "ofdrw signs"));
        Path out = dir.resolve("ofdrw.ofd");
        OfdrwLoader.call(
                "sign",
                in,
                out,
                seal,
                WORLD.signer.certificate().getEncoded(),
                WORLD.pki.documentSigner().privateKey().getEncoded());
        assertThat(ofdrwValidate(out)).isNull();
        byte[] signed = Files.readAllBytes(out);

        OfdReport report = new OfdSignatureVerifier(WORLD.judge(), OfdLimits.DEFAULT).verify(signed);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.signatures().get(0).esId()).contains("ofdrw-made-1");

        byte[] tampered = rewrite(signed, "Doc_0/Pages/Page_0/Content.xml", "page 1", "page 9");
        assertThat(new OfdSignatureVerifier(WORLD.judge(), OfdLimits.DEFAULT)
                        .verify(tampered)
                        .indication())
                .isEqualTo(Indication.TOTAL_FAILED);
    }

    /** The OFD with {@code from} replaced by {@code to} in one entry. */
    static byte[] rewrite(byte[] zip, String entry, String from, String to) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    String text = new String(content, StandardCharsets.UTF_8);
                    assertThat(text).contains(from);
                    content = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
