package cn.tongban.seal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.verify.BareSealReport;
import cn.tongban.seal.verify.BareSealVerifier;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.trust.verdict.Check;

/**
 * Coverage-guided fuzzing (Jazzer) of the DER reader and the GB/T 38540 decoders, and of the checks run on what
 * decodes. The property: untrusted bytes give a value or a {@link DerException} / {@link Decoded.Malformed}, never
 * another exception, never the decoder's internal-error catch-all, never an {@link Error} (StackOverflowError,
 * OutOfMemoryError), within the time bound. The plain test run replays the corpus under
 * {@code src/test/resources/cn/tongban/seal/codec/SealCodecFuzzTestInputs/<method>/}; {@code -Pfuzz} fuzzes (README).
 */
class SealCodecFuzzTest {

    private static final Instant AT = Instant.parse("2021-06-01T00:00:00Z");
    private static final BareSealVerifier BARE = new BareSealVerifier(CertificateJudge.unvalidated(), null);
    /** Deep enough for any GB/T 38540 structure (the decoders read a fixed schema, at most 7 levels). */
    private static final int MAX_WALK_DEPTH = 64;

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void sealsDecodeOrAreMalformed(byte[] data) {
        SealDecoder.startsLikeSeal(data);
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(data);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            assertMalformedCleanly(m);
            return;
        }
        SesSeal seal = decoded.orElseThrow();
        assertThat(SealSignatures.verifySeal(seal)).isNotNull();
        BareSealReport report = BARE.verify(data, AT);
        assertThat(report.checks())
                .extracting(Check::rule)
                .contains("SEAL_FORMAT", "SEAL_SIGNATURE", "SEAL_PICTURE", "SEAL_VALIDITY", "SEAL_MAKER_CERTIFICATE");
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void signaturesDecodeOrAreMalformed(byte[] data) {
        Decoded<SesSignature> decoded = SealDecoder.decodeSignature(data);
        if (decoded instanceof Decoded.Malformed<SesSignature> m) {
            assertMalformedCleanly(m);
            return;
        }
        SesSignature signature = decoded.orElseThrow();
        assertThat(SealSignatures.verifySignature(signature)).isNotNull();
        assertThat(SealSignatures.signerMatchesSeal(signature)).isNotNull();
        assertThat(SealSignatures.verifySeal(signature.seal())).isNotNull();
    }

    /** The generic reader and every value decoder on every element: a value or a DerException. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void derReadsOrRefuses(byte[] data) {
        try {
            walk(Der.single(data, "fuzz"), 0);
        } catch (DerException e) {
            assertThat(e.path()).isNotBlank();
        }
    }

    private static void walk(Der.Tlv tlv, int depth) throws DerException {
        if ((tlv.tag() & 0x20) != 0) {
            if (depth < MAX_WALK_DEPTH) {
                List<Der.Tlv> children = tlv.elements();
                for (Der.Tlv child : children) {
                    walk(child, depth + 1);
                }
            }
            return;
        }
        for (ValueReader reader : READERS) {
            try {
                reader.read(tlv);
            } catch (DerException expected) {
                // a refusal is a result
            }
        }
    }

    private interface ValueReader {
        void read(Der.Tlv tlv) throws DerException;
    }

    private static final List<ValueReader> READERS = List.of(
            t -> DerValues.smallInt(t, Integer.MAX_VALUE),
            DerValues::ia5,
            DerValues::textName,
            DerValues::utf8,
            t -> DerValues.octets(t, SealDecoder.MAX_PICTURE_OCTETS),
            DerValues::bitStringOctets,
            DerValues::bool,
            DerValues::oid,
            DerValues::time);

    private static void assertMalformedCleanly(Decoded.Malformed<?> m) {
        assertThat(m.reason()).doesNotStartWith(SealDecoder.INTERNAL_ERROR);
        assertThat(m.path()).isNotBlank();
    }
}
