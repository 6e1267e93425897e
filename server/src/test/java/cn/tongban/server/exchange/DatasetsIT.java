package cn.tongban.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.admin.CatalogueAdmin;
import cn.tongban.catalog.auth.Actor;
import cn.tongban.catalog.auth.Application;
import cn.tongban.catalog.auth.Authorisations;
import cn.tongban.exchange.events.EventStore;
import cn.tongban.server.TestPkiDir;

/**
 * Dataset files end to end over HTTPS with client certificates: the provider uploads CSV and JSON Lines (good,
 * bad, not its own, not a FILE resource), a consumer downloads only its authorised columns, masked, and is
 * refused without an authorisation; every download is in the access log; a 50 MB upload streams to disk while it
 * is still being sent (the server holds no copy of the body); the inbox folder route imports a dropped file and
 * files a bad one aside with its report; subscribers hear of new versions.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:datasets-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5861",
            "tongban.exchange.datasets.max-upload-size=60MB",
            "tongban.exchange.datasets.inbox-poll=200ms"
        })
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatasetsIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("tongban-datasets-it");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final String BUSINESS = "310000-102001-00001";
    /** An unconditional copy of the market-entity resource shared as files. */
    static final String OPEN_FILE = "310000-102001-00091";
    /** A conditional copy: smr-licensing is granted three columns. */
    static final String COND_FILE = "310000-102001-00092";

    static final String PURPOSE = "食品经营许可审查：核验申请人主体资格";
    static final String HEADER = "uscc,name,type,legalRepresentative,legalRepresentativeId,registeredCapital,"
            + "establishedOn,address,businessScope,status,registrationAuthority\n";
    static final String GOOD = "91310104MA1JG7LC4B,上海味知餐饮管理有限公司,有限责任公司,黄婷婷,310107199503270605,100,"
            + "2026-09-15,\"上海市徐汇区宜山路455号1层103室\",\"餐饮服务,食品销售\",ACTIVE,徐汇区市场监管局\n";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
        registry.add(
                "tongban.exchange.datasets.dir", () -> DATA.resolve("store").toString());
        registry.add(
                "tongban.exchange.datasets.inbox", () -> DATA.resolve("inbox").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    CatalogueAdmin admin;

    @Autowired
    ResourceRepository resources;

    @Autowired
    Authorisations authorisations;

    @Autowired
    EventStore events;

    @BeforeAll
    void fileResources() {
        Resource b = resources.find(BUSINESS).orElseThrow();
        for (String code : List.of(OPEN_FILE, COND_FILE)) {
            boolean conditional = code.equals(COND_FILE);
            admin.create(
                    new Resource(
                            code,
                            1,
                            b.name() + "（文件）",
                            b.providerCode(),
                            b.providerName(),
                            b.providerSystem(),
                            b.classification(),
                            b.classificationCode(),
                            b.abstractText(),
                            b.format(),
                            b.subjectType(),
                            conditional ? SharingType.CONDITIONAL : SharingType.UNCONDITIONAL,
                            conditional ? "仅限许可审查" : null,
                            conditional ? "《食品经营许可和备案管理办法》" : null,
                            "FILE",
                            false,
                            b.updateCycle(),
                            b.publishDate(),
                            null,
                            b.items()),
                    "admin");
            admin.publish(code, 1, "admin");
        }
        var applied = authorisations.apply(
                new Application(
                        "smr-licensing",
                        COND_FILE,
                        PURPOSE,
                        "310000-XK-0001",
                        List.of("uscc", "name", "legalRepresentativeId"),
                        "《食品经营许可和备案管理办法》第十条",
                        null,
                        null),
                new Actor("admin", null, true));
        authorisations.approve(applied.id(), applied.version(), new Actor("smr-approver", b.providerCode(), false));
    }

    URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    HttpResponse<String> upload(String system, String code, String contentType, String body) throws Exception {
        return PKI.client(system)
                .send(
                        HttpRequest.newBuilder(uri("/api/v1/exchange/resources/" + code + "/datasets"))
                                .header("Content-Type", contentType)
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String system, String pathAndQuery) throws Exception {
        return PKI.client(system)
                .send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return mapper.readTree(r.body());
    }

    JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        JsonNode p = json(r, status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(p.path("code").asText()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception");
        return p;
    }

    static String q(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theProviderUploadsCsvAndJsonLinesAsVersionsAndSubscribersHearOfThem() throws Exception {
        events.subscribe("smr-licensing", COND_FILE, "http://127.0.0.1:9/events", PURPOSE, "310000-XK-0001");
        JsonNode v1 = json(upload("smr-registration", COND_FILE, "text/csv", HEADER + GOOD + GOOD), 201);
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("rows").asLong()).isEqualTo(2);
        assertThat(v1.path("sha256").asText()).hasSize(64);
        assertThat(v1.path("deliveries").asInt()).as("the entitled subscriber").isEqualTo(1);

        String line = "{\"uscc\":\"91310104MA1JG7LC4B\",\"name\":\"某公司\",\"type\":\"有限责任公司\","
                + "\"legalRepresentative\":\"李四\",\"legalRepresentativeId\":\"310107199503270605\","
                + "\"establishedOn\":\"2020-01-02\",\"address\":\"上海\",\"businessScope\":\"餐饮\",\"status\":\"ACTIVE\","
                + "\"registrationAuthority\":\"徐汇区市场监管局\"}\n";
        JsonNode v2 = json(upload("smr-registration", COND_FILE, "application/x-ndjson", line), 201);
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        assertThat(v2.path("format").asText()).isEqualTo("JSONL");

        JsonNode versions = json(get("smr-registration", "/api/v1/exchange/resources/" + COND_FILE + "/datasets"), 200);
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("rows").asLong()).isEqualTo(2);
        assertThat(versions.get(0).path("sha256").asText())
                .isEqualTo(v1.path("sha256").asText());
    }

    @Test
    @Order(2)
    void aFileWithBadRowsIsRejectedWholeWithEveryBadRowAndNothingStored() throws Exception {
        String bad = HEADER + GOOD + GOOD.replace(",100,", ",一百,") + GOOD.replace("2026-09-15", "2026-13-45")
                + "91310104MA1JG7LC4B,too,few\n";
        JsonNode p = problem(upload("smr-registration", OPEN_FILE, "text/csv", bad), 400, "DATASET_REJECTED");
        assertThat(p.path("errors")).hasSize(3);
        assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("rows[2].registeredCapital");
        assertThat(p.path("errors").get(1).path("field").asText()).isEqualTo("rows[3].establishedOn");
        assertThat(p.path("errors").get(2).path("field").asText()).startsWith("rows[4]");
        assertThat(p.toString()).doesNotContain("310107199503270605").doesNotContain("一百"); // never the values
        assertThat(json(get("smr-registration", "/api/v1/exchange/resources/" + OPEN_FILE + "/datasets"), 200))
                .isEmpty();

        // the full error log, for the provider only
        String log = p.path("errorLog").asText();
        assertThat(log).matches("errors-[0-9a-f-]{36}\\.jsonl");
        assertThat(p.path("detail").asText()).contains(log);
        HttpResponse<String> errors =
                get("smr-registration", "/api/v1/exchange/resources/" + OPEN_FILE + "/datasets/errors/" + log);
        assertThat(errors.statusCode()).as(errors.body()).isEqualTo(200);
        assertThat(errors.body().lines()).hasSize(3);
        problem(
                get("smr-licensing", "/api/v1/exchange/resources/" + OPEN_FILE + "/datasets/errors/" + log),
                403,
                "ACCESS_DENIED");

        problem(upload("smr-registration", OPEN_FILE, "text/csv", "no,such,columns\n1,2,3\n"), 400, "DATASET_REJECTED");
        problem(upload("smr-registration", OPEN_FILE, "application/x-ndjson", "{not json\n"), 400, "DATASET_REJECTED");
    }

    @Test
    @Order(3)
    void onlyTheProviderUploadsAndOnlyToFileResourcesInCsvOrJsonLines() throws Exception {
        problem(upload("smr-licensing", OPEN_FILE, "text/csv", HEADER + GOOD), 403, "ACCESS_DENIED");
        problem(upload("smr-registration", BUSINESS, "text/csv", HEADER + GOOD), 409, "NOT_FILE_SHARED");
        problem(
                upload("smr-registration", "310000-102001-09999", "text/csv", HEADER + GOOD),
                404,
                "RESOURCE_NOT_FOUND");
        problem(upload("smr-registration", OPEN_FILE, "application/pdf", HEADER + GOOD), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(upload(null, OPEN_FILE, "text/csv", HEADER + GOOD), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    @Order(4)
    void aConsumerDownloadsOnlyItsAuthorisedColumnsMaskedAndTheDownloadIsLogged() throws Exception {
        String base = "/api/v1/exchange/resources/" + COND_FILE + "/datasets";
        HttpResponse<String> csv = get(
                "smr-licensing", base + "/1?purpose=" + q(PURPOSE) + "&serviceItem=310000-XK-0001&operator=clerk-9");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.body())
                .isEqualTo("uscc,name,legalRepresentativeId\r\n"
                        + "91310104MA1JG7LC4B,上海味知餐饮管理有限公司,310107********0605\r\n".repeat(2));

        HttpResponse<String> jsonl = get(
                "smr-licensing",
                base + "/2?format=jsonl&purpose=" + q(PURPOSE) + "&serviceItem=310000-XK-0001&operator=clerk-9");
        assertThat(jsonl.statusCode()).isEqualTo(200);
        JsonNode row = mapper.readTree(jsonl.body().lines().findFirst().orElseThrow());
        assertThat(row.properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly("uscc", "name", "legalRepresentativeId");

        // the consumer lists versions under its authorisation too
        assertThat(json(get("smr-licensing", base + "?purpose=" + q(PURPOSE) + "&serviceItem=310000-XK-0001"), 200))
                .hasSize(2);

        JsonNode entries = json(
                        PKI.client(null)
                                .send(
                                        HttpRequest.newBuilder(
                                                        uri(
                                                                "/api/v1/audit/entries?action=DATASET_DOWNLOAD&system=smr-licensing"))
                                                .header(
                                                        "Authorization",
                                                        "Basic "
                                                                + Base64.getEncoder()
                                                                        .encodeToString("auditor:tongban-demo-2026"
                                                                                .getBytes(StandardCharsets.UTF_8)))
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString()),
                        200)
                .path("entries");
        assertThat(entries).hasSizeGreaterThanOrEqualTo(2);
        JsonNode e = null;
        for (JsonNode candidate : entries) {
            if (candidate.path("operator").asText().equals("clerk-9")) {
                e = candidate;
            }
        }
        assertThat(e).as(entries.toString()).isNotNull();
        assertThat(e.path("outcome").asText()).isEqualTo("OK");
        assertThat(e.path("operator").asText()).isEqualTo("clerk-9");
        assertThat(e.path("purpose").asText()).isEqualTo(PURPOSE);
        assertThat(e.toString()).contains("legalRepresentativeId").doesNotContain("businessScope");
    }

    @Test
    @Order(5)
    void withoutAnAuthorisationOrForAnotherPurposeTheDownloadIsRefusedAndLogged() throws Exception {
        String base = "/api/v1/exchange/resources/" + COND_FILE + "/datasets/1";
        problem(get("city-service-window", base + "?purpose=" + q(PURPOSE) + "&operator=o"), 403, "NO_AUTHORISATION");
        problem(
                get("smr-licensing", base + "?purpose=" + q("市场营销") + "&serviceItem=310000-XK-0001&operator=o"),
                403,
                "PURPOSE_MISMATCH");
        problem(
                get("city-service-window", "/api/v1/exchange/resources/" + COND_FILE + "/datasets?purpose=x"),
                403,
                "NO_AUTHORISATION");
        problem(
                get(
                        "smr-licensing",
                        base.replace("/1", "/9") + "?purpose=" + q(PURPOSE) + "&serviceItem=310000-XK-0001&operator=o"),
                404,
                "NOT_FOUND");
        problem(
                get(
                        "smr-licensing",
                        base + "?purpose=" + q(PURPOSE) + "&serviceItem=310000-XK-0001&operator=o" + "&format=xlsx"),
                400,
                "VALIDATION_FAILED");
        problem(get("smr-licensing", base + "?purpose=" + q(PURPOSE)), 400, "MALFORMED_REQUEST"); // no operator
        JsonNode refused = json(
                        PKI.client(null)
                                .send(
                                        HttpRequest.newBuilder(
                                                        uri(
                                                                "/api/v1/audit/entries?action=DATASET_DOWNLOAD&outcome=REFUSED"))
                                                .header(
                                                        "Authorization",
                                                        "Basic "
                                                                + Base64.getEncoder()
                                                                        .encodeToString("auditor:tongban-demo-2026"
                                                                                .getBytes(StandardCharsets.UTF_8)))
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString()),
                        200)
                .path("entries");
        assertThat(refused.toString()).contains("NO_AUTHORISATION").contains("PURPOSE_MISMATCH");
    }

    /**
     * 50 MB (over the 10 MB limit of other requests) sent by a client that stops half-way until the server's
     * temporary file holds most of that half: a server that buffered the body would write nothing before the
     * end, and this test would time out. Then the download of the same version streams back.
     */
    @Test
    @Order(6)
    void aFiftyMegabyteUploadStreamsToDiskWhileItIsSentAndDownloadsBack() throws Exception {
        byte[] row = GOOD.getBytes(StandardCharsets.UTF_8);
        long rows = 50L * 1024 * 1024 / row.length;
        PipedInputStream body = new PipedInputStream(1 << 16);
        PipedOutputStream feed = new PipedOutputStream(body);
        CompletableFuture<HttpResponse<String>> sent = PKI.client("smr-registration")
                .sendAsync(
                        HttpRequest.newBuilder(uri("/api/v1/exchange/resources/" + OPEN_FILE + "/datasets"))
                                .header("Content-Type", "text/csv")
                                .timeout(Duration.ofMinutes(2))
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Path storeDir = DATA.resolve("store").resolve(OPEN_FILE);
        long written = 0;
        try (OutputStream out = feed) {
            out.write(HEADER.getBytes(StandardCharsets.UTF_8));
            for (long i = 0; i < rows; i++) {
                out.write(row);
                written += row.length;
                if (i == rows / 2) {
                    out.flush();
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (incomingBytes(storeDir) < written / 4 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(incomingBytes(storeDir))
                            .as("rows on disk while the upload is still being sent")
                            .isGreaterThanOrEqualTo(written / 4);
                }
            }
        }
        HttpResponse<String> r = sent.get();
        JsonNode stored = json(r, 201);
        assertThat(stored.path("rows").asLong()).isEqualTo(rows);

        HttpResponse<InputStream> download = PKI.client("smr-licensing")
                .send(
                        HttpRequest.newBuilder(uri("/api/v1/exchange/resources/" + OPEN_FILE + "/datasets/"
                                        + stored.path("version").asInt() + "?format=csv&purpose=p&operator=o"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Length"))
                .as("streamed, length unknown up front")
                .isEmpty();
        long lines = 0;
        try (var reader =
                new java.io.BufferedReader(new java.io.InputStreamReader(download.body(), StandardCharsets.UTF_8))) {
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                lines++;
            }
        }
        assertThat(lines).isEqualTo(rows + 1);
    }

    static long incomingBytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".incoming-"))
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException gone) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    @Test
    @Order(7)
    void theInboxImportsADroppedFileAndFilesABadOneAsideWithItsReport() throws Exception {
        Path folder = Files.createDirectories(
                DATA.resolve("inbox").resolve("smr-registration").resolve(OPEN_FILE));
        int before = json(get("smr-registration", "/api/v1/exchange/resources/" + OPEN_FILE + "/datasets"), 200)
                .size();
        Files.writeString(folder.resolve("good.csv"), HEADER + GOOD);
        Files.writeString(folder.resolve("bad.csv"), HEADER + GOOD.replace(",100,", ",一百,"));
        Path foreign = Files.createDirectories(
                DATA.resolve("inbox").resolve("smr-licensing").resolve(OPEN_FILE));
        Files.writeString(foreign.resolve("other.csv"), HEADER + GOOD);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && (count(folder.resolve(".done"), ".report.json") < 1
                        || count(folder.resolve(".failed"), ".report.json") < 1
                        || count(foreign.resolve(".failed"), ".report.json") < 1)) {
            Thread.sleep(100);
        }
        assertThat(count(folder.resolve(".done"), ".report.json")).isEqualTo(1);
        assertThat(Files.readString(only(folder.resolve(".failed"), ".report.json")))
                .contains("registeredCapital")
                .doesNotContain("一百");
        assertThat(Files.readString(only(foreign.resolve(".failed"), ".report.json")))
                .contains("smr-registration");
        assertThat(json(get("smr-registration", "/api/v1/exchange/resources/" + OPEN_FILE + "/datasets"), 200))
                .hasSize(before + 1);
    }

    static long count(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .count();
        }
    }

    static Path only(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
