package cn.tongban.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.server.TestPkiDir;

/**
 * Four hostile PDFs at once — each a page with a {@code licence.json} attachment that inflates from about 100 KB to
 * 64 MiB (built here with PDFBox) — leave the server healthy and answering everyone else: while they are sent,
 * catalogue reads and a data pull from a simulated department succeed; the hostile requests get a report or 503
 * {@code VERIFICATION_BUSY} with Retry-After, never a 500; the admission control never lets more run than the
 * memory budget allows (one here, although four slots are configured); health is UP afterwards, with the simulated
 * departments and the access-log writer named in it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:hostile-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5941",
            "tongban.verification.concurrency=4",
            "tongban.verification.memory-budget=128MB",
            "tongban.verification.memory-per-verification=128MB",
            "tongban.verification.queue-wait=1s",
            "tongban.verification.timeout=20s"
        })
@ActiveProfiles("demo")
class HostileDocumentsIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String WINDOW = "city-service-window";

    @DynamicPropertySource
    static void pki(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    VerificationAdmission admission;

    @Test
    void fourAttachmentBombsAtOnceLeaveTheServerHealthyAndAnsweringOthers() throws Exception {
        byte[] bomb = attachmentBomb(64L << 20);
        assertThat(bomb.length).isLessThan(1 << 20);

        AtomicBoolean hostileRunning = new AtomicBoolean(true);
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger mostMemory = new AtomicInteger();
        CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
            while (hostileRunning.get()) {
                mostAtOnce.accumulateAndGet(admission.running(), Math::max);
                mostMemory.accumulateAndGet(admission.memoryInUseMiB(), Math::max);
                Thread.onSpinWait();
            }
        });
        List<CompletableFuture<HttpResponse<String>>> hostile = new ArrayList<>();
        HttpClient window = PKI.client(WINDOW);
        for (int i = 0; i < 4; i++) {
            hostile.add(window.sendAsync(
                    HttpRequest.newBuilder(uri("/api/v1/verifications"))
                            .header("Content-Type", "application/pdf")
                            .timeout(Duration.ofSeconds(90))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bomb))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        // everyone else is served while the bombs are being opened
        int served = 0;
        while (hostile.stream().anyMatch(f -> !f.isDone()) || served < 3) {
            HttpResponse<String> read = PKI.client("smr-licensing")
                    .send(
                            HttpRequest.newBuilder(uri("/api/v1/catalogue/resources/310000-102001-00001"))
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            HttpResponse<String> pull = window.send(
                    HttpRequest.newBuilder(uri("/api/v1/exchange/resources/310000-102001-00001/query"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(10))
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"subjects\":[\"91310104MA1JG7LC4B\"],"
                                                    + "\"purpose\":\"食品经营许可审查\",\"serviceItem\":\"310000-XK-0001\",\"operator\":\"clerk-7\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(pull.statusCode()).as(pull.body()).isEqualTo(200);
            served++;
        }
        hostileRunning.set(false);
        watcher.get(5, TimeUnit.SECONDS);

        int reports = 0;
        for (CompletableFuture<HttpResponse<String>> f : hostile) {
            HttpResponse<String> r = f.get(90, TimeUnit.SECONDS);
            JsonNode body = mapper.readTree(r.body());
            if (r.statusCode() == 200) {
                reports++;
                assertThat(body.path("indication").asText()).isNotEqualTo("TOTAL_PASSED");
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                assertThat(body.path("code").asText()).isIn("VERIFICATION_BUSY", "VERIFICATION_TIMEOUT");
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(reports)
                .as("at least the first admitted bomb is verified to a report")
                .isPositive();
        assertThat(served).isGreaterThanOrEqualTo(3);
        assertThat(mostAtOnce.get())
                .as("the memory budget admits one at a time")
                .isEqualTo(1);
        assertThat(mostMemory.get()).isLessThanOrEqualTo(128);

        JsonNode health = mapper.readTree(PKI.client(null)
                .send(
                        HttpRequest.newBuilder(uri("/actuator/health"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("monitor:tongban-demo-2026"
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("UP");
        Map<String, JsonNode> components = new java.util.HashMap<>();
        health.path("components").properties().forEach(e -> components.put(e.getKey(), e.getValue()));
        assertThat(components).containsKeys("simulatedDepartments", "accessLogWriter", "verification");
        assertThat(components.get("simulatedDepartments").path("status").asText())
                .isEqualTo("UP");
        assertThat(components
                        .get("verification")
                        .path("details")
                        .path("running")
                        .asInt())
                .isZero();
    }

    /** A one-page PDF whose {@code licence.json} attachment is a Flate stream of {@code inflated} zero bytes. */
    static byte[] attachmentBomb(long inflated) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            COSStream stream = doc.getDocument().createCOSStream();
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            try (OutputStream raw = stream.createRawOutputStream();
                    DeflaterOutputStream z =
                            new DeflaterOutputStream(raw, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
                byte[] zeros = new byte[1 << 20];
                for (long n = 0; n < inflated; n += zeros.length) {
                    z.write(zeros);
                }
            }
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("licence.json");
            spec.setEmbeddedFile(new PDEmbeddedFile(stream));
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("licence.json", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }
}
