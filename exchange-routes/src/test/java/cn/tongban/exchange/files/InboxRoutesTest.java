package cn.tongban.exchange.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @BeforeEach
    void start() throws Exception {
        store = new DatasetStore(storeRoot);
        camel = new DefaultCamelContext();
        camel.addRoutes(new InboxRoutes(inbox, store,
                code -> code.equals(BUSINESS.code()) ? Optional.of(BUSINESS) : Optional.empty(),
                (r, report) -> announced.add(report), 100));
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
                    Optional<Path> report = files.filter(f -> f.toString().endsWith(".report.json")).findFirst();
                    if (report.isPresent()) {
                        Thread.sleep(200);   // let the consumer finish moving the data file
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
        Path f = drop("smr-registration", BUSINESS.code(), "entities.csv", DatasetStoreTest.HEADER + DatasetStoreTest.GOOD);
        Path report = awaitReport(f.getParent(), ".done");
        assertThat(Files.readString(report)).contains("\"stored\" : true").contains("\"version\" : 1");
        assertThat(store.versions(BUSINESS.code())).hasSize(1);
        assertThat(announced).singleElement().satisfies(r -> assertThat(r.version()).isEqualTo(1));
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
        Path f = drop("ps-household-registry", BUSINESS.code(), "entities.csv",
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
}
