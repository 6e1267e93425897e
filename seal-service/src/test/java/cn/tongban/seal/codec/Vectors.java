package cn.tongban.seal.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The GB/T 38540 vectors copied from ofdrw (Apache-2.0) into test-fixtures/src/main/resources/vectors/gbt38540. */
public final class Vectors {

    private static final Pattern SIGNED_VALUE = Pattern.compile("(?:^|.*/)Signs/[^/]+/SignedValue\\.dat");
    private static final Pattern SEAL = Pattern.compile("(?:^|.*/)Signs/[^/]+/Seal\\.esl");

    private Vectors() {}

    public static byte[] read(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/gbt38540/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code Signs/<id>/SignedValue.dat} (a SES_Signature) in an OFD (a ZIP). */
    public static byte[] signedValue(String ofd) {
        return zipEntry(ofd, SIGNED_VALUE).orElseThrow(() -> new IllegalArgumentException("no SignedValue in " + ofd));
    }

    /** The stored seal file, when the OFD has one. */
    public static Optional<byte[]> sealFile(String ofd) {
        return zipEntry(ofd, SEAL);
    }

    private static Optional<byte[]> zipEntry(String ofd, Pattern name) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(read(ofd)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (name.matcher(e.getName()).matches()) {
                    return Optional.of(zip.readAllBytes());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
