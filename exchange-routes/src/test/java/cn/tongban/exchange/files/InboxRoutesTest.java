package cn.tongban.exchange.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceStatus;

/** The inbox route: files dropped by a provider become versions, are announced, and are filed with a report. */
class InboxRoutesTest {

    static final Resource BUSINESS = DatasetStoreTest.BUSINESS;

    @TempDir
    Path inbox;

    @TempDir
    Path storeRoot;

    DefaultCamelContext camel;
    DatasetStore store;
    final List<ImportReport> announced = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();
    static final Resource RETIRED = new Resource(
                    "310000-102001-00077",
                    2,
                    BUSINESS.name(),
                    BUSINESS.providerCode(),
                    BUSINESS.providerName(),
                    BUSINESS.providerSystem(),
                    BUSINESS.classification(),
                    BUSINESS.classificationCode(),
                    BUSINESS.abstractText(),
                    BUSINESS.format(),
                    BUSINESS.subjectType(),
                    BUSINESS.sharingType(),
                    BUSINESS.sharingCondition(),
                    BUSINESS.sharingBasis(),
                    "FILE",
                    BUSINESS.openToPublic(),
                    BUSINESS.updateCycle(),
                    BUSINESS.publishDate(),
                    null,
                    BUSINESS.items())
            .withLifecycle(2, ResourceStatus.RETIRED, Instant.now(), "admin");

    @TempDir
    Path outside;

    @BeforeEach
    void start() throws Exception {
        store = new DatasetStore(storeRoot);
        camel = new DefaultCamelContext();
        camel.addRoutes(new InboxRoutes(
                inbox,
                store,
                code -> code.equals(BUSINESS.code())
                        ? Optional.of(BUSINESS)
                        : code.equals(RETIRED.code()) ? Optional.of(RETIRED) : Optional.empty(),
                (r, report) -> announced.add(report),
                100,
                warnings::add));
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    Path drop(String owner, String code, String name, String content) throws Exception {
        Path dir = Files.createDirectories(inbox.resolve(owner).resolve(code));
        Path tmp = Files.writeString(dir.resolve(name + ".part"), content, StandardCharsets.UTF_8);
        return Files.move(tmp, dir.resolve(name));
    }

    Path awaitReport(Path dir, String sub) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Path d = dir.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    Optional<Path> report = files.filter(f -> f.toString().endsWith(".report.json"))
                            .findFirst();
                    if (report.isPresent()) {
                        Thread.sleep(200); // let the consumer finish moving the data file
                        return report.get();
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no report in " + dir.resolve(sub));
    }

    @Test
    void goodFileBecomesAVersionIsAnnouncedAndFiledAsDone() throws Exception {
        Path f = drop(
                "smr-registration", BUSINESS.code(), "entities.csv", DatasetStoreTest.HEADER + DatasetStoreTest.GOOD);
        Path report = awaitReport(f.getParent(), ".done");
        assertThat(Files.readString(report)).contains("\"stored\" : true").contains("\"version\" : 1");
        assertThat(store.versions(BUSINESS.code())).hasSize(1);
        assertThat(announced)
                .singleElement()
                .satisfies(r -> assertThat(r.version()).isEqualTo(1));
        assertThat(Files.exists(f)).isFalse();
    }

    @Test
    void fileWithBadRowsIsFiledAsFailedWithItsReport() throws Exception {
        Path f = drop("smr-registration", BUSINESS.code(), "bad.csv", DatasetStoreTest.HEADER + "x,y\n");
        Path report = awaitReport(f.getParent(), ".failed");
        assertThat(Files.readString(report)).contains("\"badRows\" : 1").contains("\"stored\" : false");
        assertThat(store.versions(BUSINESS.code())).isEmpty();
        assertThat(announced).isEmpty();
    }

    @Test
    void anotherDepartmentsFolderCannotDeliverTheResource() throws Exception {
        Path f = drop(
                "ps-household-registry",
                BUSINESS.code(),
                "entities.csv",
                DatasetStoreTest.HEADER + DatasetStoreTest.GOOD);
        Path report = awaitReport(f.getParent(), ".failed");
        assertThat(Files.readString(report)).contains("cannot deliver");
        assertThat(store.versions(BUSINESS.code())).isEmpty();
    }

    @Test
    void unknownResourceIsFiledAsFailed() throws Exception {
        Path f = drop("smr-registration", "310000-999999-00001", "x.jsonl", "{}\n");
        assertThat(Files.readString(awaitReport(f.getParent(), ".failed"))).contains("not in the catalogue");
    }

    @Test
    void aRetiredResourceTakesNoFile() throws Exception {
        Path f = drop(
                "smr-registration", RETIRED.code(), "entities.csv", DatasetStoreTest.HEADER + DatasetStoreTest.GOOD);
        assertThat(Files.readString(awaitReport(f.getParent(), ".failed"))).contains("RETIRED, not published");
        assertThat(store.versions(RETIRED.code())).isEmpty();
        assertThat(announced).isEmpty();
    }

    @Test
    void aDataFileThatIsASymbolicLinkIsNeverReadButFiledAsFailedWithItsReason() throws Exception {
        Path secret =
                Files.writeString(outside.resolve("elsewhere.csv"), DatasetStoreTest.HEADER + DatasetStoreTest.GOOD);
        Path dir = Files.createDirectories(inbox.resolve("smr-registration").resolve(BUSINESS.code()));
        Path link = Files.createSymbolicLink(dir.resolve("entities.csv"), secret);
        Path report = awaitReport(dir, ".failed");
        assertThat(Files.readString(report)).contains("a symbolic link").contains("\"stored\" : false");
        assertThat(store.versions(BUSINESS.code())).isEmpty();
        assertThat(announced).isEmpty();
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        try (Stream<Path> failed = Files.list(dir.resolve(".failed"))) { // the link moved aside, not its target
            assertThat(failed.filter(p -> p.getFileName().toString().startsWith("entities-")))
                    .singleElement()
                    .satisfies(p -> assertThat(Files.isSymbolicLink(p)).isTrue());
        }
        assertThat(Files.readString(secret)).isEqualTo(DatasetStoreTest.HEADER + DatasetStoreTest.GOOD);
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w).contains("symbolic link").doesNotContain("entities"));
    }

    @Test
    void aDoneFolderThatIsALinkOutsideMakesTheRouteFileNothingThereAndSayWhy() throws Exception {
        Path dir = Files.createDirectories(inbox.resolve("smr-registration").resolve(BUSINESS.code()));
        Files.createSymbolicLink(dir.resolve(".done"), outside);
        Path f = drop(
                "smr-registration", BUSINESS.code(), "entities.csv", DatasetStoreTest.HEADER + DatasetStoreTest.GOOD);
        awaitWarning(".done is a symbolic link");
        Thread.sleep(500); // several polls
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
        assertThat(Files.exists(f)).isTrue(); // left where it is, not imported
        assertThat(store.versions(BUSINESS.code())).isEmpty();
        assertThat(warnings).hasSize(1); // once, not every poll

        Files.delete(dir.resolve(".done")); // a real folder again: the file is taken
        assertThat(Files.readString(awaitReport(dir, ".done"))).contains("\"stored\" : true");
        assertThat(store.versions(BUSINESS.code())).hasSize(1);
    }

    @Test
    void aResourceFolderThatIsALinkIsNotReadAndNothingIsWrittenThere() throws Exception {
        Files.writeString(outside.resolve("entities.csv"), DatasetStoreTest.HEADER + DatasetStoreTest.GOOD);
        Path owner = Files.createDirectories(inbox.resolve("smr-registration"));
        Files.createSymbolicLink(owner.resolve(BUSINESS.code()), outside);
        awaitWarning("is a symbolic link");
        Thread.sleep(500);
        try (Stream<Path> there = Files.list(outside)) {
            assertThat(there).extracting(p -> p.getFileName().toString()).containsExactly("entities.csv");
        }
        assertThat(store.versions(BUSINESS.code())).isEmpty();
    }

    @Test
    void aFifoNamedLikeADataFileIsRefusedWithoutBeingOpenedAndTheRouteGoesOn() throws Exception {
        Path dir = Files.createDirectories(inbox.resolve("smr-registration").resolve(BUSINESS.code()));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.csv").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(Files.readString(awaitReport(dir, ".failed"))).contains("not a regular file");
        Path f = drop(
                "smr-registration", BUSINESS.code(), "entities.csv", DatasetStoreTest.HEADER + DatasetStoreTest.GOOD);
        assertThat(Files.readString(awaitReport(f.getParent(), ".done"))).contains("\"stored\" : true");
    }

    @Test
    void aDirectoryNamedLikeADataFileIsRefusedWithAReport() throws Exception {
        Path dir = Files.createDirectories(inbox.resolve("smr-registration").resolve(BUSINESS.code()));
        Files.createDirectories(dir.resolve("folder.csv"));
        assertThat(Files.readString(awaitReport(dir, ".failed"))).contains("a directory, not a file");
        assertThat(store.versions(BUSINESS.code())).isEmpty();
    }

    void awaitWarning(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (warnings.stream().noneMatch(w -> w.contains(text))) {
            assertThat(System.nanoTime())
                    .as("a warning with " + text + " in " + warnings)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
