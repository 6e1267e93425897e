package cn.tongban.exchange.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.demo.DemoDataset;

/** Dataset import, versions and consumer downloads, on the demo's market-entity resource. */
class DatasetStoreTest {

    static final Resource BUSINESS = DemoDataset.load().resources().stream()
            .filter(r -> r.code().equals("310000-102001-00001"))
            .findFirst()
            .orElseThrow();
    static final String HEADER = "uscc,name,type,legalRepresentative,legalRepresentativeId,registeredCapital,"
            + "establishedOn,address,businessScope,status,registrationAuthority\n";
    static final String GOOD = "91310104MA1JG7LC4B,上海味知餐饮管理有限公司,有限责任公司,黄婷婷,310107199503270605,100,"
            + "2026-09-15,\"上海市徐汇区宜山路455号1层103室\",\"餐饮服务,食品销售\",ACTIVE,徐汇区市场监管局\n";

    @TempDir
    Path root;

    DatasetStore store;

    @BeforeEach
    void open() {
        store = new DatasetStore(root);
    }

    static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void goodCsvBecomesVersionOneWithItsDigest() throws Exception {
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, text(HEADER + GOOD + GOOD), false);
        assertThat(r.stored()).isTrue();
        assertThat(r.version()).isEqualTo(1);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.errorLog()).isNull();
        Path file = store.version(BUSINESS.code(), 1).orElseThrow().file();
        assertThat(r.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"registeredCapital\":100").contains("\"businessScope\":\"餐饮服务,食品销售\"");
        assertThat(store.importFile(BUSINESS, DatasetFormat.CSV, text(HEADER + GOOD), false)
                        .version())
                .isEqualTo(2);
    }

    @Test
    void jsonLinesImport() throws Exception {
        String row = "{\"uscc\":\"91310104MA1JG7LC4B\",\"name\":\"n\",\"type\":\"t\",\"legalRepresentative\":\"l\","
                + "\"legalRepresentativeId\":\"310107199503270605\",\"establishedOn\":\"2026-09-15\",\"address\":\"a\","
                + "\"businessScope\":\"b\",\"status\":\"ACTIVE\",\"registrationAuthority\":\"r\"}";
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.JSONL, text(row + "\n\n" + row), false);
        assertThat(r.stored()).isTrue();
        assertThat(r.rows()).isEqualTo(2);
    }

    @Test
    void everyBadRowIsReportedAndNothingIsStored() throws Exception {
        String bad = HEADER + GOOD
                + "91310104MA1JG7LC4B,n,t,l,id,lots,2026-13-45,a,b,ACTIVE,r\n" // capital not a number, bad date
                + ",n,t,l,id,1,2026-01-01,a,b,ACTIVE,r\n" // required uscc empty
                + "too,few\n";
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, text(bad), false);
        assertThat(r.stored()).isFalse();
        assertThat(r.rows()).isEqualTo(4);
        assertThat(r.badRows()).isEqualTo(3);
        assertThat(r.errors())
                .extracting(e -> e.row() + ":" + e.item() + ":" + e.reason())
                .containsExactly(
                        "2:registeredCapital:not a number", "2:establishedOn:not an ISO-8601 date",
                        "3:uscc:required item missing", "4:null:2 fields, the header has 11");
        assertThat(store.versions(BUSINESS.code())).isEmpty();
        assertThat(Files.readAllLines(
                        store.errorLog(BUSINESS.code(), r.errorLog()).orElseThrow()))
                .hasSize(4);
        assertThat(Files.readString(
                        store.errorLog(BUSINESS.code(), r.errorLog()).orElseThrow()))
                .doesNotContain("lots"); // values are never echoed
    }

    /** {@code n} rows with every typed column wrong: many errors per row, the ×12 amplification of a bad file. */
    static String badRows(int n) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            b.append("x,,,,,lots,never,,,,\n");
        }
        return b.toString();
    }

    @Test
    void aFileOfManyBadRowsListsOnlyTheFirstRowsAndCountsTheRest() throws Exception {
        String upload = badRows(60_000);
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, text(upload), false);
        assertThat(r.stored()).isFalse();
        assertThat(r.badRows()).isEqualTo(60_000);
        assertThat(r.unlistedRows()).isEqualTo(60_000 - DatasetValidator.REPORTED_ROWS);
        assertThat(r.errorsTruncated()).isTrue();
        Path log = store.errorLog(BUSINESS.code(), r.errorLog()).orElseThrow();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.subList(0, lines.size() - 1))
                .extracting(l -> l.replaceAll(".*\"row\":(\\d+).*", "$1"))
                .map(Long::parseLong)
                .allMatch(row -> row <= DatasetValidator.REPORTED_ROWS);
        assertThat(lines.get(lines.size() - 1))
                .contains("\"unlistedRows\":59000")
                .contains("and 59000 more bad rows");
        // bounded whatever the upload's size, not a multiple of it (all 60,000 rows' errors would be ~46 MB)
        assertThat(Files.size(log))
                .isLessThanOrEqualTo(DatasetStore.Limits.DEFAULT.errorLogBytes())
                .isLessThan(upload.length());
    }

    @Test
    void theErrorLogStopsAtItsSizeBoundAndCountsTheRowsItCouldNotList() throws Exception {
        store = new DatasetStore(root, new DatasetStore.Limits(1000, 16 * 1024, 1L << 30));
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, text(badRows(5_000)), false);
        Path log = store.errorLog(BUSINESS.code(), r.errorLog()).orElseThrow();
        assertThat(Files.size(log)).isLessThanOrEqualTo(16 * 1024);
        List<String> lines = Files.readAllLines(log);
        long listed = lines.subList(0, lines.size() - 1).stream()
                .map(l -> l.replaceAll(".*\"row\":(\\d+).*", "$1"))
                .distinct()
                .count();
        assertThat(listed).isPositive().isLessThan(1000);
        assertThat(r.unlistedRows()).isEqualTo(5_000 - listed);
        assertThat(lines.get(lines.size() - 1)).contains("and " + (5_000 - listed) + " more bad rows");
    }

    @Test
    void anImportThatWouldStoreMoreThanItsBoundIsAFileErrorAndLeavesNothing() throws Exception {
        store = new DatasetStore(root, new DatasetStore.Limits(1000, 1 << 20, 4096));
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, text(HEADER + GOOD.repeat(100)), false);
        assertThat(r.stored()).isFalse();
        assertThat(r.fileError()).contains("larger than 4096 bytes");
        assertThat(store.versions(BUSINESS.code())).isEmpty();
        try (var left = Files.list(root.resolve(BUSINESS.code()))) {
            assertThat(left).isEmpty(); // no temporary file, no error log
        }
    }

    @Test
    void skipBadRowsStoresTheGoodOnes() throws Exception {
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, text(HEADER + GOOD + "a,b\n" + GOOD), true);
        assertThat(r.stored()).isTrue();
        assertThat(r.goodRows()).isEqualTo(2);
        assertThat(r.badRows()).isEqualTo(1);
        assertThat(r.errorLog()).isNotNull();
    }

    @Test
    void headerWithUnknownDuplicateOrMissingRequiredColumnsRejectsTheFile() throws Exception {
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, text("uscc,uscc,secret\n1,2,3\n"), true);
        assertThat(r.stored()).isFalse();
        assertThat(r.fileError())
                .startsWith("header: ")
                .contains("uscc appears twice")
                .contains("secret is not an information item")
                .contains("required item name has no column");
    }

    @Test
    void emptyFileAndInvalidUtf8AreFileErrors() throws Exception {
        assertThat(store.importFile(BUSINESS, DatasetFormat.CSV, text(""), true).fileError())
                .isEqualTo("empty file: no header");
        byte[] latin1 = (HEADER + GOOD).getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[latin1.length + 1];
        System.arraycopy(latin1, 0, broken, 0, latin1.length);
        broken[latin1.length] = (byte) 0xC3; // a truncated two-byte sequence
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, new ByteArrayInputStream(broken), true);
        assertThat(r.fileError()).startsWith("not valid UTF-8");
        assertThat(r.stored()).isFalse();
    }

    @Test
    void malformedCsvIsAFileError() throws Exception {
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, text(HEADER + "\"unclosed\n"), true);
        assertThat(r.fileError()).contains("quoted field not closed");
        assertThat(r.stored()).isFalse();
    }

    @Test
    void jsonLinesRowThatIsNotAnObjectOrNotJsonIsABadRow() throws Exception {
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.JSONL, text("[1]\n{oops\n"), false);
        assertThat(r.errors()).extracting(RowError::reason).containsExactly("not a JSON object", "not JSON");
    }

    @Test
    void downloadHasOnlyAuthorisedColumnsMaskedAndSafeForSpreadsheets() throws Exception {
        ImportReport r = store.importFile(
                BUSINESS,
                DatasetFormat.CSV,
                text(HEADER + GOOD.replace(",上海味知餐饮管理有限公司,", ",\"=cmd|' /C calc'!A0\",")),
                false);
        assertThat(r.stored()).as(r.toString()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(
                store.version(BUSINESS.code(), 1).orElseThrow().file())) {
            assertThat(DatasetProjection.write(
                            in, BUSINESS, Set.of("uscc", "name", "legalRepresentativeId"), DatasetFormat.CSV, out))
                    .isEqualTo(1);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "uscc,name,legalRepresentativeId\r\n91310104MA1JG7LC4B,\"'=cmd|' /C calc'!A0\",310107********0605\r\n");
    }

    @Test
    void resourceCodeCannotEscapeTheStore() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.versions("../etc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.errorLog(BUSINESS.code(), "../../x")).isEmpty();
    }

    @Test
    void downloadAsJsonLines() throws IOException {
        store.importFile(BUSINESS, DatasetFormat.CSV, text(HEADER + GOOD), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(
                store.version(BUSINESS.code(), 1).orElseThrow().file())) {
            DatasetProjection.write(in, BUSINESS, Set.of("registeredCapital", "status"), DatasetFormat.JSONL, out);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"registeredCapital\":100,\"status\":\"ACTIVE\"}\n");
    }

    @Test
    void theReadableProjectionIsTheSameBytesAsTheWrittenOne() throws IOException {
        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 0; i < 500; i++) {
            many.append(GOOD);
        }
        store.importFile(BUSINESS, DatasetFormat.CSV, text(many.toString()), false);
        Path file = store.version(BUSINESS.code(), 1).orElseThrow().file();
        Set<String> cols = Set.of("uscc", "name", "legalRepresentativeId", "businessScope");
        for (DatasetFormat f : DatasetFormat.values()) {
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(file)) {
                DatasetProjection.write(in, BUSINESS, cols, f, written);
            }
            byte[] read;
            try (InputStream in = DatasetProjection.open(Files.newInputStream(file), BUSINESS, cols, f)) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                byte[] buf = new byte[37]; // odd chunks cross row boundaries
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    b.write(buf, 0, n);
                }
                assertThat(in.read()).isEqualTo(-1);
                read = b.toByteArray();
            }
            assertThat(read).as(f.name()).isEqualTo(written.toByteArray());
        }
    }

    @Test
    void versionsCarryRowsDigestAndTime() throws IOException {
        ImportReport r = store.importFile(BUSINESS, DatasetFormat.CSV, text(HEADER + GOOD + GOOD + GOOD), false);
        DatasetStore.DatasetVersion v = store.versions(BUSINESS.code()).get(0);
        assertThat(v.rows()).isEqualTo(3L);
        assertThat(v.sha256()).isEqualTo(r.sha256());
        assertThat(v.storedAt()).isNotNull();
        assertThat(store.versions(BUSINESS.code())).hasSize(1); // the metadata file is not a version
    }
}
