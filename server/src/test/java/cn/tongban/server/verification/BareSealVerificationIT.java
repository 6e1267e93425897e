package cn.tongban.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.fixtures.seal.SealFiles;
import cn.tongban.server.TestPkiDir;
import cn.tongban.server.demo.DemoSealAuthority;
import cn.tongban.trust.pki.Pem;

/**
 * Bare GB/T 38540 seal files through {@code POST /api/v1/verifications} over HTTPS on the demo: the vectors with
 * ofdrw's root as a configured {@code seal-maker} anchor, a seal made here (by the demo seal-making authority) that
 * passes until it is suspended in the registry, and the refusals.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:bare-seal-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5881"
        })
@ActiveProfiles("demo")
class BareSealVerificationIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String WINDOW = "city-service-window";
    static final String SEAL_TYPE = "application/vnd.gbt38540.seal";
    static final String IN_2021 = "?revocation=false&validationTime=2021-06-01T00:00:00Z";
    static final String OWNER = "91310104MA1JG7LC4B";

    @DynamicPropertySource
    static void config(DynamicPropertyRegistry registry) throws Exception {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
        Path anchors = Files.createTempDirectory("anchors");
        Files.writeString(
                Files.createDirectories(anchors.resolve("seal-maker")).resolve("ofdrw-root.pem"),
                Pem.write(SealFiles.ofdrwRoot()));
        registry.add("tongban.verification.anchors-dir", anchors::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    HttpResponse<byte[]> send(String method, String path, String system, String person, String type, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (person != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((person + ":tongban-demo-2026").getBytes(StandardCharsets.UTF_8)));
        }
        return PKI.client(system).send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode json(HttpResponse<byte[]> r, int status) throws Exception {
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        return mapper.readTree(r.body());
    }

    JsonNode verify(String query, String type, byte[] seal) throws Exception {
        return json(send("POST", "/api/v1/verifications" + query, WINDOW, null, type, seal), 200);
    }

    @Test
    void theV4AndV1VectorsPassAt2021UnderTheSealMediaTypeOrAsOctets() throws Exception {
        JsonNode v4 = verify(IN_2021, SEAL_TYPE, SealFiles.vector("UserV4.esl"));
        assertThat(v4.path("indication").asText()).as(v4.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(v4.path("documentType").asText()).isEqualTo("SEAL");
        JsonNode seal = v4.path("signatures").get(0);
        assertThat(seal.path("kind").asText()).isEqualTo("SEAL");
        assertThat(seal.path("seal").path("esId").asText()).isEqualTo("51f044b76510434e9bc67a1185c2fba5");
        assertThat(seal.path("checks").findValuesAsText("rule"))
                .containsExactly(
                        "SEAL_SIGNATURE", "SEAL_PICTURE", "SEAL_VALIDITY", "SEAL_MAKER_CERTIFICATE", "SEAL_REGISTRY");

        JsonNode v1 = verify(IN_2021, "application/octet-stream", SealFiles.vector("UserV1.esl"));
        assertThat(v1.path("indication").asText()).as(v1.toString()).isEqualTo("TOTAL_PASSED");
    }

    @Test
    void aTamperedPictureAndAnExpiredSealAreTotalFailedWithTheirRule() throws Exception {
        JsonNode tampered = verify(IN_2021, SEAL_TYPE, SealFiles.v4WithTamperedPicture());
        assertThat(tampered.path("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(tampered.path("rule").asText()).isEqualTo("SEAL_SIGNATURE");
        assertThat(tampered.path("subIndication").asText()).isEqualTo("SIG_CRYPTO_FAILURE");

        JsonNode expired = verify("?revocation=false", SEAL_TYPE, SealFiles.vector("UserV4.esl"));
        assertThat(expired.path("rule").asText()).isEqualTo("SEAL_VALIDITY");
    }

    @Test
    void aSealMadeHerePassesUntilTheRegistrySuspendsIt() throws Exception {
        json(send("POST", "/api/v1/seals", null, "sealadmin", "application/json", makeRequest("it-bare-seal")), 201);
        HttpResponse<byte[]> file =
                send("GET", "/api/v1/seals/it-bare-seal/file", DemoSealAuthority.SIGNER_SYSTEM, null, null, null);
        assertThat(file.statusCode()).isEqualTo(200);

        JsonNode active = verify("?revocation=false", SEAL_TYPE, file.body());
        assertThat(active.path("indication").asText()).as(active.toString()).isEqualTo("TOTAL_PASSED");

        json(
                send(
                        "POST",
                        "/api/v1/seals/it-bare-seal/status-changes",
                        null,
                        "sealadmin",
                        "application/json",
                        "{\"status\":\"SUSPENDED\",\"reason\":\"印章遗失，待核查\"}".getBytes(StandardCharsets.UTF_8)),
                200);
        JsonNode suspended = verify("?revocation=false", SEAL_TYPE, file.body());
        assertThat(suspended.path("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(suspended.path("subIndication").asText()).isEqualTo("SEAL_SUSPENDED");
        assertThat(suspended.path("rule").asText()).isEqualTo("SEAL_REGISTRY");
    }

    @Test
    void aTruncatedSealIsAFormatFailureAndGarbageIsUnsupported() throws Exception {
        byte[] v4 = SealFiles.vector("UserV4.esl");
        JsonNode truncated = verify(IN_2021, SEAL_TYPE, Arrays.copyOf(v4, 3000));
        assertThat(truncated.path("subIndication").asText()).isEqualTo("FORMAT_FAILURE");
        assertThat(truncated.path("rule").asText()).isEqualTo("SEAL_FORMAT");

        HttpResponse<byte[]> garbage = send(
                "POST",
                "/api/v1/verifications",
                WINDOW,
                null,
                SEAL_TYPE,
                "not a seal at all".getBytes(StandardCharsets.US_ASCII));
        JsonNode problem = json(garbage, 415);
        assertThat(garbage.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(problem.path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(problem.path("detail").asText()).contains("GB/T 38540 seal file");
    }

    static byte[] makeRequest(String esId) throws Exception {
        BufferedImage image = new BufferedImage(80, 80, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.drawOval(2, 2, 76, 76);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return ("{\"ownerUscc\":\"" + OWNER + "\",\"ownerName\":\"上海味知餐饮管理有限公司\",\"name\":\"上海味知餐饮管理有限公司合同专用章\","
                        + "\"esId\":\"" + esId + "\",\"validFrom\":\"" + now.minusMinutes(5) + "\",\"validTo\":\""
                        + now.plusYears(1) + "\",\"signerSystems\":[\"" + DemoSealAuthority.SIGNER_SYSTEM
                        + "\"],\"picture\":{\"data\":\"" + Base64.getEncoder().encodeToString(png.toByteArray())
                        + "\",\"widthMm\":40,\"heightMm\":40}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
