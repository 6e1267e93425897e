package cn.tongban.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.fixtures.ofd.OfdPackageAttacks;
import cn.tongban.server.TestPkiDir;
import cn.tongban.trust.pki.Pem;

/**
 * {@code POST /api/v1/verifications} over HTTPS with client certificates: the report for the GB/T 38540 vectors
 * against configured anchor sets, every refusal as problem+json, and the access-log entry.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:verification-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.verification.max-document-size=60KB",
            "tongban.cluster.port=5811"
        })
@ActiveProfiles("demo")
class VerificationApiIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String WINDOW = "city-service-window";

    @DynamicPropertySource
    static void config(DynamicPropertyRegistry registry) throws Exception {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
        // ofdrw's test root as seal-making authority and signer anchor (the vectors' README).
        Path anchors = Files.createTempDirectory("anchors");
        String root = Pem.write(ofdrwRoot());
        for (String set : new String[] {"seal-maker", "signer"}) {
            Files.writeString(Files.createDirectories(anchors.resolve(set)).resolve("ofdrw-root.pem"), root);
        }
        registry.add("tongban.verification.anchors-dir", anchors::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    static byte[] vector(String name) throws IOException {
        try (InputStream in = VerificationApiIT.class.getResourceAsStream("/vectors/gbt38540/" + name)) {
            return in.readAllBytes();
        }
    }

    static X509Certificate ofdrwRoot() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
        ks.load(new ByteArrayInputStream(vector("ROOT.p12")), "123456".toCharArray());
        return (X509Certificate) ks.getCertificate("private");
    }

    HttpResponse<String> post(String query, String contentType, byte[] body, String system, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/api/v1/verifications" + query))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return PKI.client(system).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode report(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    void problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(mapper.readTree(r.body()).path("code").asText()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at cn.tongban");
    }

    static String basic(String user) {
        return "Basic "
                + Base64.getEncoder().encodeToString((user + ":tongban-demo-2026").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWindowAppGetsTheFullReportOfAValidStampedOfd() throws Exception {
        JsonNode r = report(post("?revocation=false", "application/ofd", vector("allprotected.ofd"), WINDOW, null));
        assertThat(r.path("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(r.path("documentType").asText()).isEqualTo("OFD");
        assertThat(r.path("documentDigest").asText()).hasSize(64);
        JsonNode sig = r.path("signatures").get(0);
        assertThat(sig.path("kind").asText()).isEqualTo("SEAL");
        assertThat(sig.path("signingTime").asText()).isEqualTo("2020-10-23T11:45:37Z");
        assertThat(sig.path("seal").path("name").asText()).isEqualTo("OFD R&W 测试用印章");
        assertThat(sig.path("checks").findValuesAsText("rule"))
                .contains("DATA_HASH", "SIGNER_CERTIFICATE", "SEAL_SIGNATURE");
        assertThat(r.path("warnings").toString()).contains("revocation not checked");
    }

    @Test
    void anEditedDocumentIsTotalFailedAndSayWhichRule() throws Exception {
        JsonNode r = report(post("", "application/octet-stream", vector("n.ofd"), WINDOW, null));
        assertThat(r.path("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(r.path("subIndication").asText()).isIn("HASH_FAILURE", "SIG_CRYPTO_FAILURE");
        assertThat(r.path("rule").asText()).isNotBlank();
    }

    @Test
    void signedAfterTheSealsValidityFailsAtAnyValidationTime() throws Exception {
        JsonNode r = report(post(
                "?revocation=false&validationTime=2026-08-05T00:00:00Z",
                "application/ofd",
                vector("SESV4SignDoc.ofd"),
                null,
                basic("sealadmin")));
        assertThat(r.path("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(r.path("rule").asText()).isEqualTo("SEAL_VALIDITY");
        assertThat(r.path("validationTime").asText()).isEqualTo("2026-08-05T00:00:00Z");
    }

    static final String CONTENT = "Doc_0/Pages/Page_0/Content.xml";

    @Test
    void anOfdWhoseCentralDirectoryPointsAtAReplacedPageFailsWithThePackageRule() throws Exception {
        byte[] forged = OfdPackageAttacks.forgedCentralDirectory(
                vector("allprotected.ofd"),
                CONTENT,
                "<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"/>".getBytes(StandardCharsets.UTF_8),
                CONTENT);
        JsonNode r = report(post("?revocation=false", "application/ofd", forged, WINDOW, null));
        assertThat(r.path("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(r.path("subIndication").asText()).isEqualTo("FORMAT_FAILURE");
        assertThat(r.path("rule").asText()).isEqualTo("OFD_PACKAGE");
        assertThat(r.path("checks").get(0).path("clause").asText()).contains("APPNOTE.TXT");
    }

    @Test
    void anOfdCutOffBeforeItsCentralDirectoryFailsWithThePackageRule() throws Exception {
        byte[] cut = OfdPackageAttacks.truncatedBeforeCentralDirectory(vector("allprotected.ofd"));
        JsonNode r = report(post("?revocation=false", "application/octet-stream", cut, WINDOW, null));
        assertThat(r.path("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(r.path("subIndication").asText()).isEqualTo("FORMAT_FAILURE");
        assertThat(r.path("rule").asText()).isEqualTo("OFD_PACKAGE");
        assertThat(r.path("checks").get(0).path("detail").asText()).startsWith("CENTRAL_DIRECTORY");
    }

    @Test
    void whatIsNeitherPdfNorOfdIsUnsupported() throws Exception {
        problem(
                post(
                        "",
                        "application/octet-stream",
                        "hello, not a document".getBytes(StandardCharsets.UTF_8),
                        WINDOW,
                        null),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        problem(post("", "text/plain", vector("n.ofd"), WINDOW, null), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anEmptyBodyOrABadTimeIsABadRequest() throws Exception {
        problem(post("", "application/pdf", new byte[0], WINDOW, null), 400, "MALFORMED_REQUEST");
        assertThat(post("?validationTime=yesterday", "application/ofd", vector("n.ofd"), WINDOW, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aDocumentOverTheLimitIs413() throws Exception {
        byte[] big = new byte[61 * 1024];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.UTF_8), 0, big, 0, 9);
        problem(post("", "application/pdf", big, WINDOW, null), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void onlyRolesThatVerifyMayAndStrangersAreUnauthorised() throws Exception {
        problem(post("", "application/ofd", vector("n.ofd"), null, basic("auditor")), 403, "ACCESS_DENIED");
        problem(post("", "application/ofd", vector("n.ofd"), null, null), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void everyVerificationIsInTheAccessLog() throws Exception {
        report(post("?revocation=false", "application/ofd", vector("allprotected.ofd"), WINDOW, null));
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + port
                        + "/api/v1/audit/entries?system=" + WINDOW + "&action=DOCUMENT_VERIFICATION"))
                .header("Authorization", basic("auditor"))
                .GET()
                .build();
        HttpResponse<String> r = PKI.client(null).send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(mapper.readTree(r.body()).path("entries").findValuesAsText("action"))
                .contains("DOCUMENT_VERIFICATION");
    }
}
