package cn.tongban.seal.ofd;

import static cn.tongban.seal.ofd.OfdFixtures.trustingRoot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.tongban.fixtures.ofd.RawZip;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;

/**
 * No false rejection: the genuine signed allprotected.ofd, packaged again by other ZIP writers in the shapes they
 * produce (data descriptors with and without signature, stored entries, directory entries, a comment, another
 * entry order), still verifies TOTAL_PASSED through the one ZIP view.
 */
class OfdPackageGenuineTest {

    private final OfdSignatureVerifier verifier = new OfdSignatureVerifier(trustingRoot(), OfdLimits.DEFAULT);

    private static Map<String, byte[]> files() {
        return OfdFixtures.entries(OfdPackageTest.genuine());
    }

    @Test
    void theVectorAsPublishedPasses() {
        assertPasses(OfdPackageTest.genuine());
    }

    @Test
    void rezippedByJavaUtilZipWithDataDescriptorsPasses() {
        assertPasses(OfdFixtures.zip(files()));
    }

    @Test
    void rezippedByJavaUtilZipStoredWithDirectoryEntriesAndACommentPasses() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setComment("made by another tool");
            out.putNextEntry(new ZipEntry("Doc_0/"));
            out.closeEntry();
            for (Map.Entry<String, byte[]> f : files().entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                e.setMethod(ZipEntry.STORED);
                CRC32 crc = new CRC32();
                crc.update(f.getValue());
                e.setCrc(crc.getValue());
                e.setSize(f.getValue().length);
                out.putNextEntry(e);
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        assertPasses(bytes.toByteArray());
    }

    @Test
    void rezippedByCommonsCompressToAStreamWithDataDescriptorsPasses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            writeAll(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertPasses(bytes.toByteArray());
    }

    @Test
    void rezippedByCommonsCompressToASeekableChannelInReverseOrderPasses() throws IOException {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(channel)) {
            out.setComment("another order, sizes written back into the local headers");
            List<Map.Entry<String, byte[]>> reversed = new ArrayList<>(files().entrySet());
            Collections.reverse(reversed);
            for (Map.Entry<String, byte[]> f : reversed) {
                out.putArchiveEntry(new ZipArchiveEntry(f.getKey()));
                out.write(f.getValue());
                out.closeArchiveEntry();
            }
        }
        assertPasses(java.util.Arrays.copyOf(channel.array(), (int) channel.size()));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void dataDescriptorsWithOrWithoutTheirOptionalSignaturePass(boolean signature) {
        RawZip zip = OfdPackageTest.rebuilt();
        zip.entries.forEach(e -> {
            e.descriptor = true;
            e.descriptorSignature = signature;
        });
        assertPasses(zip.bytes());
    }

    @Test
    void emptyAndStoredEntriesPass() {
        RawZip zip = OfdPackageTest.rebuilt();
        zip.entries.forEach(e -> e.deflate = false);
        zip.add("Doc_0/Res/empty.bin", new byte[0]);
        zip.add("Doc_0/Res/empty-deflated.bin", new byte[0]).deflate = true;
        zip.comment = "注释".getBytes(StandardCharsets.UTF_8);
        assertPasses(zip.bytes());
    }

    private static void writeAll(ZipArchiveOutputStream out) throws IOException {
        for (Map.Entry<String, byte[]> f : files().entrySet()) {
            out.putArchiveEntry(new ZipArchiveEntry(f.getKey()));
            out.write(f.getValue());
            out.closeArchiveEntry();
        }
    }

    private void assertPasses(byte[] ofd) {
        OfdReport report = verifier.verify(ofd);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.checks()).extracting(Check::rule).contains(OfdPackage.RULE);
    }
}
