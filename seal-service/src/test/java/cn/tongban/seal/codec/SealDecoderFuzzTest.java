package cn.tongban.seal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SignatureCheck;

/**
 * Random mutations of real files (fixed seed): bit flips, insertions, deletions and changes to DER length
 * octets. Every decode returns Ok or Malformed without an exception, the defensive catch-all never fires, and
 * checks on whatever still decodes return a value. No wall-clock bound: its time depends on the machine, not on
 * the decoder; the decoder's own budgets (input size, ASN.1 depth, picture size) are asserted by their own tests.
 */
class SealDecoderFuzzTest {

    private static final int SEAL_MUTATIONS = 20_000;
    private static final int SIGNATURE_MUTATIONS = 5_000;

    @ParameterizedTest
    @ValueSource(strings = {"UserV1.esl", "UserV4.esl", "UserV5.esl", "SESealData.DER"})
    void mutatedSealsNeverThrow(String file) {
        fuzz(
                Vectors.read(file),
                SEAL_MUTATIONS,
                file.hashCode(),
                SealDecoder::decodeSeal,
                seal -> SealSignatures.verifySeal(seal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"signedFile.ofd", "allprotected.ofd", "n.ofd"})
    void mutatedSignaturesNeverThrow(String ofd) {
        fuzz(
                Vectors.signedValue(ofd),
                SIGNATURE_MUTATIONS,
                ofd.hashCode(),
                SealDecoder::decodeSignature,
                sig -> SealSignatures.verifySignature(sig));
    }

    private static <T> void fuzz(
            byte[] original,
            int rounds,
            long seed,
            Function<byte[], Decoded<T>> decoder,
            Function<T, SignatureCheck> check) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> lengthOctets = lengthOctets(original);
        int ok = 0;
        int malformed = 0;
        for (int i = 0; i < rounds; i++) {
            byte[] mutated = mutate(original, lengthOctets, random);
            Decoded<T> decoded = decoder.apply(mutated);
            if (decoded instanceof Decoded.Ok<T> value) {
                ok++;
                if (i % 200 == 0) { // signature checks are slow; sample them
                    assertThat(check.apply(value.value())).isNotNull();
                }
            } else if (decoded instanceof Decoded.Malformed<T> m) {
                malformed++;
                assertThat(m.reason()).as("mutation %d", i).doesNotStartWith(SealDecoder.INTERNAL_ERROR);
                assertThat(m.path()).isNotBlank();
            }
        }
        assertThat(ok + malformed).isEqualTo(rounds);
        assertThat(malformed).as("mutations must reach the format checks").isGreaterThan(rounds / 10);
    }

    private static byte[] mutate(byte[] original, List<Integer> lengthOctets, SplittableRandom random) {
        byte[] b = original.clone();
        int pos = random.nextInt(b.length);
        switch (random.nextInt(5)) {
            case 0 -> b[pos] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 1);
                out.write(b, 0, pos);
                out.write(random.nextInt(256));
                out.write(b, pos, b.length - pos);
                b = out.toByteArray();
            }
            case 2 -> {
                byte[] shorter = new byte[b.length - 1];
                System.arraycopy(b, 0, shorter, 0, pos);
                System.arraycopy(b, pos + 1, shorter, pos, b.length - pos - 1);
                b = shorter;
            }
            case 3 -> {
                int at = lengthOctets.get(random.nextInt(lengthOctets.size()));
                int[] choices = {b[at] + 1, b[at] - 1, 0x00, 0x7F, 0x80, 0x81, 0x84, 0x85, 0xFF, random.nextInt(256)};
                b[at] = (byte) choices[random.nextInt(choices.length)];
            }
            default -> b[lengthOctets.get(random.nextInt(lengthOctets.size()))] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    /** Offsets of every length octet in a well-formed DER tree (so mutations hit structure, not only data). */
    private static List<Integer> lengthOctets(byte[] der) {
        List<Integer> out = new ArrayList<>();
        walk(der, 0, der.length, out);
        return out;
    }

    private static void walk(byte[] der, int pos, int end, List<Integer> out) {
        while (pos < end) {
            int tag = der[pos] & 0xFF;
            int first = der[pos + 1] & 0xFF;
            int header = 2;
            int length = first;
            out.add(pos + 1);
            if (first > 0x80) {
                int n = first & 0x7F;
                length = 0;
                for (int i = 0; i < n; i++) {
                    out.add(pos + 2 + i);
                    length = (length << 8) | (der[pos + 2 + i] & 0xFF);
                }
                header += n;
            }
            if ((tag & 0x20) != 0) {
                walk(der, pos + header, pos + header + length, out);
            }
            pos += header + length;
        }
    }
}
