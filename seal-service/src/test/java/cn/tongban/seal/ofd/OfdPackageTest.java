package cn.tongban.seal.ofd;

import static cn.tongban.seal.ofd.OfdFixtures.trustingRoot;
import static cn.tongban.seal.ofd.OfdFixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.fixtures.ofd.OfdPackageAttacks;
import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.fixtures.ofd.RawZip;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** Each package rule of {@link OfdPackage} refuses its hostile package built from a genuine signed OFD. */
class OfdPackageTest {

    static final String CONTENT = "Doc_0/Pages/Page_0/Content.xml";
    static final byte[] FORGED = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page xmlns:ofd=\"http://www.ofdspec"
                    + ".org/2016\"><ofd:Content/></ofd:Page>")
            .getBytes(StandardCharsets.UTF_8);
    private static final SealWorld SM2 = new SealWorld(KeyAlgorithm.SM2);

    private final OfdSignatureVerifier verifier = new OfdSignatureVerifier(trustingRoot(), OfdLimits.DEFAULT);

    static byte[] genuine() {
        return vector("allprotected.ofd");
    }

    static RawZip rebuilt() {
        return RawZip.of(OfdFixtures.entries(genuine()));
    }

    @Test
    void aForgedCentralDirectoryPointingAtAReplacedContentXmlIsRefused(@TempDir Path dir) throws IOException {
        byte[] forged = OfdPackageAttacks.forgedCentralDirectory(genuine(), CONTENT, FORGED, CONTENT);

        // The attack is real: the JDK's central-directory reader shows the forged page, a front-to-back reader
        // the original one.
        Path file = Files.write(dir.resolve("forged.ofd"), forged);
        try (ZipFile jdk = new ZipFile(file.toFile())) {
            assertThat(jdk.getInputStream(jdk.getEntry(CONTENT)).readAllBytes()).isEqualTo(FORGED);
        }
        assertThat(frontToBack(forged, CONTENT))
                .isEqualTo(OfdFixtures.entries(genuine()).get(CONTENT));
        assertRefused(verifier.verify(forged), OfdPackage.RULE, "LAYOUT");
    }

    @Test
    void aForgedCentralDirectoryOnAnOfdStampedHereIsRefused() {
        byte[] stamped = new OfdStamper(Clock.systemUTC())
                .stamp(OfdSamples.document(1, "genuine"), SM2.seal, SM2.signer, new StampPosition(1, 10, 10));
        assertThat(new OfdSignatureVerifier(SM2.judge(), OfdLimits.DEFAULT)
                        .verify(stamped)
                        .indication())
                .isEqualTo(Indication.TOTAL_PASSED);

        byte[] forged = OfdPackageAttacks.forgedCentralDirectory(stamped, CONTENT, FORGED, CONTENT);

        assertRefused(
                new OfdSignatureVerifier(SM2.judge(), OfdLimits.DEFAULT).verify(forged), OfdPackage.RULE, "LAYOUT");
    }

    @Test
    void aDirectoryRecordWhoseLocalHeaderNamesAnotherFileIsRefused() {
        byte[] forged = OfdPackageAttacks.forgedCentralDirectory(genuine(), CONTENT, FORGED, "Doc_0/unused.xml");

        assertRefused(verifier.verify(forged), OfdPackage.RULE, "LOCAL_HEADER");
    }

    @Test
    void aPackageCutOffBeforeItsCentralDirectoryIsRefused() {
        byte[] cut = OfdPackageAttacks.truncatedBeforeCentralDirectory(genuine());

        assertRefused(verifier.verify(cut), OfdPackage.RULE, "CENTRAL_DIRECTORY");
    }

    @Test
    void aPackageCutOffInsideItsCentralDirectoryIsRefused() {
        byte[] zip = genuine();
        byte[] cut = Arrays.copyOf(zip, OfdPackageAttacks.truncatedBeforeCentralDirectory(zip).length + 60);

        assertRefused(verifier.verify(cut), OfdPackage.RULE, "CENTRAL_DIRECTORY");
    }

    @Test
    void duplicateNamesAreRefused() {
        RawZip zip = rebuilt();
        zip.add(CONTENT, FORGED);

        assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "DUPLICATE_NAME");
    }

    @Test
    void junkBetweenEntriesIsRefused() {
        RawZip zip = rebuilt();
        zip.entry(CONTENT).junkAfter = "hidden".getBytes(StandardCharsets.US_ASCII);

        assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "LAYOUT");
    }

    @Test
    void junkAfterTheEndRecordIsRefused() {
        byte[] zip = genuine();
        byte[] longer = Arrays.copyOf(zip, zip.length + 4);

        assertRefused(verifier.verify(longer), OfdPackage.RULE, "END_RECORD");
    }

    @Test
    void aDataDescriptorThatContradictsTheDirectoryIsRefused() {
        RawZip zip = rebuilt();
        RawZip.Entry content = zip.entry(CONTENT);
        content.descriptor = true;
        content.descriptorCrc = 0x12345678L;

        assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "DATA_DESCRIPTOR");
    }

    @Test
    void anEncryptedEntryIsRefused() {
        RawZip zip = rebuilt();
        zip.entry(CONTENT).flags = 0x0001;

        assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "ENCRYPTED");
    }

    @Test
    void aCompressionMethodOtherThanStoredOrDeflatedIsRefused() {
        RawZip zip = rebuilt();
        zip.entry(CONTENT).method = 12; // bzip2

        assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "METHOD");
    }

    @Test
    void contentWhoseCrcDiffersFromBothHeadersIsRefused() {
        RawZip zip = rebuilt();
        zip.entry(CONTENT).crc = 0L;

        assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "CONTENT");
    }

    @Test
    void compressedOctetsAfterTheEndOfTheDeflateStreamAreRefused() {
        RawZip zip = rebuilt();
        RawZip.Entry content = zip.entry(CONTENT);
        byte[] deflated = RawZip.deflate(content.content);
        content.compressed = Arrays.copyOf(deflated, deflated.length + 5);

        assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "CONTENT");
    }

    @Test
    void nonCanonicalNamesAreRefused() {
        for (String name : new String[] {
            "./OFD.xml", "Doc_0//x.xml", "Doc_0/./x.xml", "../x.xml", "/x.xml", "Doc_0\\x.xml", "C:/x.xml"
        }) {
            RawZip zip = rebuilt();
            zip.add(name, new byte[] {1});

            assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "NAME: unsafe ZIP entry name '" + name + "'");
        }
    }

    @Test
    void aNameThatIsNotUtf8IsRefused() {
        RawZip zip = rebuilt();
        zip.add("latin1", new byte[] {1}).rawName = new byte[] {'D', 'o', 'c', (byte) 0xE9, '.', 'x'};

        assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "NAME: an entry name that is not UTF-8");
    }

    @Test
    void aUnicodePathFieldNamingAnotherFileIsRefused() {
        RawZip zip = rebuilt();
        RawZip.Entry decoy = zip.add("Doc_0/Res/decoy.xml", FORGED);
        decoy.extra = unicodePath(decoy.name, CONTENT);

        assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "carries a Unicode path field");
    }

    /** Info-ZIP Unicode Path Extra Field (APPNOTE.TXT §4.6.9): version 1, CRC-32 of the raw name, the UTF-8 name. */
    private static byte[] unicodePath(String raw, String shown) {
        byte[] name = shown.getBytes(StandardCharsets.UTF_8);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(raw.getBytes(StandardCharsets.UTF_8));
        return java.nio.ByteBuffer.allocate(4 + 5 + name.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x7075)
                .putShort((short) (5 + name.length))
                .put((byte) 1)
                .putInt((int) crc.getValue())
                .put(name)
                .array();
    }

    @Test
    void moreEntriesThanTheDefaultBudgetAreRefused() {
        RawZip zip = rebuilt();
        for (int i = zip.entries.size(); i <= OfdLimits.DEFAULT.maxEntries(); i++) {
            zip.add("Doc_0/Res/r" + i, new byte[0]).deflate = false;
        }

        assertRefused(verifier.verify(zip.bytes()), OfdLimits.RULE, "max-entries budget (10000)");
    }

    @Test
    void anEntryDeclaringMoreThanThePerEntryBudgetIsRefusedBeforeInflation() {
        RawZip zip = rebuilt();
        zip.add("Doc_0/Res/bomb.bin", new byte[40 * 1024 * 1024]);

        assertRefused(verifier.verify(zip.bytes()), OfdLimits.RULE, "max-entry-size budget (33554432)");
    }

    @Test
    void entriesDeclaringMoreThanTheTotalBudgetAreRefused() {
        RawZip zip = rebuilt();
        for (int i = 0; i < 3; i++) {
            zip.add("Doc_0/Res/big" + i + ".bin", new byte[30 * 1024 * 1024]);
        }

        assertRefused(
                new OfdSignatureVerifier(trustingRoot(), OfdLimits.DEFAULT.withMaxCompressionRatio(2000))
                        .verify(zip.bytes()),
                OfdLimits.RULE,
                "max-total-size budget (67108864)");
    }

    @Test
    void aZipBombThatLiesAboutItsSizeStopsOneOctetPastTheDeclaredSize() {
        RawZip zip = rebuilt();
        RawZip.Entry bomb = zip.add("Doc_0/Res/bomb.bin", new byte[1000]);
        bomb.compressed = RawZip.deflate(new byte[64 * 1024 * 1024]);

        long cpu = OfdBudgetsTest.cpuNanos(
                () -> assertRefused(verifier.verify(zip.bytes()), OfdPackage.RULE, "inflates beyond the 1000 octets"));

        assertThat(cpu).as("CPU ns").isLessThan(1_000_000_000L);
    }

    static void assertRefused(OfdReport report, String rule, String detail) {
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).as(report.toString()).contains(SubIndication.FORMAT_FAILURE);
        assertThat(report.signatures()).isEmpty();
        assertThat(report.checks())
                .filteredOn(c -> c.status() != Check.Status.PASSED)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.rule()).isEqualTo(rule);
                    assertThat(c.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
                    assertThat(c.detail()).contains(detail);
                    assertThat(c.clause()).isNotBlank();
                });
    }

    private static byte[] frontToBack(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IllegalStateException(name + " not found");
    }
}
