package cn.tongban.seal.stamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.seal.ofd.OfdReport;
import cn.tongban.seal.ofd.OfdSignatureVerifier;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Indication;

/**
 * Random mutations (fixed seed) of the SignedValue.dat of a stamped OFD: no exception escapes the verifier, and no
 * mutated signature passes. Stamped PDFs are fuzzed through the verifier the server uses, in license-verify's
 * {@code StampedPdfFuzzTest}.
 */
class StampedFilesFuzzTest {

    private static final SealWorld WORLD = new SealWorld(KeyAlgorithm.SM2);
    private static final CertificateJudge ACCEPT = (cert, at, purpose) -> CertificateJudge.Judgement.passed("test");

    @Test
    void mutatedSignedValuesNeverThrowAndNeverPass() throws IOException {
        byte[] ofd = new OfdStamper(Clock.systemUTC())
                .stamp(
                        OfdSamples.document(1, "fuzz"),
                        WORLD.seal,
                        WORLD.signer,
                        new cn.tongban.seal.stamp.StampPosition(1, 10, 10));
        byte[] signedValue = entry(ofd, "Doc_0/Signs/Sign_0/SignedValue.dat");
        OfdSignatureVerifier verifier = new OfdSignatureVerifier(ACCEPT, OfdLimits.DEFAULT);
        assertThat(verifier.verify(ofd).indication()).isEqualTo(Indication.TOTAL_PASSED);
        SplittableRandom random = new SplittableRandom(38540);
        for (int i = 0; i < 150; i++) {
            byte[] mutated = signedValue.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            }
            if (random.nextInt(4) == 0) {
                mutated = java.util.Arrays.copyOf(mutated, random.nextInt(mutated.length));
            }
            OfdReport report = verifier.verify(replace(ofd, "Doc_0/Signs/Sign_0/SignedValue.dat", mutated));
            assertThat(report.indication()).as("mutation %d", i).isNotEqualTo(Indication.TOTAL_PASSED);
        }
    }

    static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(name);
    }

    static byte[] replace(byte[] zip, String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] c = in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals(name) ? content : c);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
