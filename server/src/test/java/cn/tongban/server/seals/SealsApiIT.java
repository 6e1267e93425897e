package cn.tongban.server.seals;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.fixtures.pdf.PdfSamples;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.server.TestPkiDir;
import cn.tongban.server.demo.DemoSealAuthority;

/**
 * The seal API end to end over HTTPS on the demo: a seal admin makes a seal for an organisation (signed by the
 * demo seal-making authority, listing the licensing system's certificate), the licensing system stamps an OFD and
 * a PDF that then verify through {@code /api/v1/verifications}; suspension refuses stamps and fails verification of
 * later stamps; reinstatement and revocation (final); every refusal as problem+json with its code; roles.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:seals-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5871"
        })
@ActiveProfiles("demo")
class SealsApiIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String STAMPER = DemoSealAuthority.SIGNER_SYSTEM;
    static final String ADMIN = "sealadmin";
    static final String OWNER = "91310104MA1JG7LC4B"; // 上海味知餐饮管理有限公司 (demo market records)

    @DynamicPropertySource
    static void pki(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
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

    HttpResponse<byte[]> admin(String method, String path, String json) throws Exception {
        return send(
                method,
                path,
                null,
                ADMIN,
                json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    JsonNode json(HttpResponse<byte[]> r, int status) throws Exception {
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        return mapper.readTree(r.body());
    }

    JsonNode problem(HttpResponse<byte[]> r, int status, String code) throws Exception {
        JsonNode p = json(r, status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(p.path("code").asText()).isEqualTo(code);
        return p;
    }

    static String picture() throws Exception {
        BufferedImage image = new BufferedImage(80, 80, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.drawOval(2, 2, 76, 76);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    String makeRequest(String esId, String extra) throws Exception {
        return makeRequest(esId, extra, OffsetDateTime.now(ZoneOffset.UTC).plusYears(1));
    }

    String makeRequest(String esId, String extra, OffsetDateTime validTo) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return "{\"ownerUscc\":\"" + OWNER + "\",\"ownerName\":\"上海味知餐饮管理有限公司\",\"name\":\"上海味知餐饮管理有限公司合同专用章\","
                + "\"esId\":\"" + esId + "\",\"validFrom\":\"" + now.minusMinutes(5) + "\",\"validTo\":\""
                + validTo + "\",\"signerSystems\":[\"" + STAMPER + "\"],\"picture\":{\"data\":\""
                + picture() + "\",\"widthMm\":40,\"heightMm\":40}" + extra + "}";
    }

    JsonNode verify(byte[] document, String type) throws Exception {
        return json(
                send("POST", "/api/v1/verifications?revocation=false", "city-service-window", null, type, document),
                200);
    }

    HttpResponse<byte[]> stamp(String esId, String system, byte[] document, String type) throws Exception {
        return send("POST", "/api/v1/seals/" + esId + "/stamps?page=1&x=120&y=200", system, null, type, document);
    }

    @Test
    void makeListGetDownloadThenStampOfdAndPdfThatVerify() throws Exception {
        JsonNode made = json(admin("POST", "/api/v1/seals", makeRequest("it-contract-seal", "")), 201);
        assertThat(made.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(made.path("ownerUscc").asText()).isEqualTo(OWNER);
        assertThat(made.path("history").get(0).path("actor").asText()).isEqualTo(ADMIN);

        JsonNode page = json(admin("GET", "/api/v1/seals?owner=" + OWNER, null), 200);
        assertThat(page.path("items").findValuesAsText("esId")).contains("it-contract-seal");
        assertThat(page.path("items").findValuesAsText("ownerUscc")).containsOnly(OWNER);
        assertThat(page.path("page").path("totalElements").asLong())
                .isEqualTo(page.path("items").size());
        assertThat(json(admin("GET", "/api/v1/seals?status=ACTIVE&size=200", null), 200)
                        .path("items")
                        .findValuesAsText("esId"))
                .contains("it-contract-seal", DemoSealAuthority.SEAL_ID);

        HttpResponse<byte[]> file = send("GET", "/api/v1/seals/it-contract-seal/file", STAMPER, null, null, null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(SealDecoder.decodeSeal(file.body()).orElseThrow().property().name())
                .isEqualTo("上海味知餐饮管理有限公司合同专用章");

        HttpResponse<byte[]> ofd = stamp("it-contract-seal", STAMPER, OfdSamples.document(1, "合同"), "application/ofd");
        assertThat(ofd.statusCode())
                .as(new String(ofd.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(ofd.headers().firstValue("Content-Type")).hasValue("application/ofd");
        JsonNode report = verify(ofd.body(), "application/ofd");
        assertThat(report.path("indication").asText()).as(report.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.path("signatures").get(0).path("seal").path("esId").asText())
                .isEqualTo("it-contract-seal");

        HttpResponse<byte[]> pdf =
                stamp(DemoSealAuthority.SEAL_ID, STAMPER, PdfSamples.document(1, "licence"), "application/pdf");
        assertThat(pdf.statusCode())
                .as(new String(pdf.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(verify(pdf.body(), "application/pdf").path("indication").asText())
                .isEqualTo("TOTAL_PASSED");
    }

    @Test
    void suspendedSealsAreRefusedAndFailVerificationOfLaterStampsReinstateRevokeIsFinal() throws Exception {
        json(admin("POST", "/api/v1/seals", makeRequest("it-lifecycle-seal", "")), 201);
        HttpResponse<byte[]> early =
                stamp("it-lifecycle-seal", STAMPER, OfdSamples.document(1, "x"), "application/ofd");
        assertThat(early.statusCode()).isEqualTo(200);

        JsonNode suspended = json(
                admin(
                        "POST",
                        "/api/v1/seals/it-lifecycle-seal/status-changes",
                        "{\"status\":\"SUSPENDED\",\"reason\":\"印章遗失，待核查\"}"),
                200);
        assertThat(suspended.path("status").asText()).isEqualTo("SUSPENDED");
        assertThat(suspended.path("statusReason").asText()).isEqualTo("印章遗失，待核查");
        problem(
                stamp("it-lifecycle-seal", STAMPER, OfdSamples.document(1, "x"), "application/ofd"),
                409,
                "SEAL_NOT_USABLE");
        // a stamp made before the suspension still verifies: judged at its signing time
        assertThat(verify(early.body(), "application/ofd").path("indication").asText())
                .isEqualTo("TOTAL_PASSED");

        json(
                admin(
                        "POST",
                        "/api/v1/seals/it-lifecycle-seal/status-changes",
                        "{\"status\":\"ACTIVE\",\"reason\":\"已找回\"}"),
                200);
        assertThat(stamp("it-lifecycle-seal", STAMPER, OfdSamples.document(1, "x"), "application/ofd")
                        .statusCode())
                .isEqualTo(200);
        // a change may not take effect before the current status did: the problem names effectiveAt
        assertThat(problem(
                                admin(
                                        "POST",
                                        "/api/v1/seals/it-lifecycle-seal/status-changes",
                                        "{\"status\":\"REVOKED\",\"reason\":\"私钥泄露\",\"effectiveAt\":\"2020-01-01T00:00:00Z\"}"),
                                400,
                                "VALIDATION_FAILED")
                        .path("errors")
                        .findValuesAsText("field"))
                .containsExactly("effectiveAt");
        JsonNode revoked = json(
                admin(
                        "POST",
                        "/api/v1/seals/it-lifecycle-seal/status-changes",
                        "{\"status\":\"REVOKED\",\"reason\":\"单位注销\"}"),
                200);
        assertThat(revoked.path("history").findValuesAsText("status"))
                .containsExactly("ACTIVE", "SUSPENDED", "ACTIVE", "REVOKED");
        problem(
                admin(
                        "POST",
                        "/api/v1/seals/it-lifecycle-seal/status-changes",
                        "{\"status\":\"ACTIVE\",\"reason\":\"再启用\"}"),
                409,
                "SEAL_STATUS_CONFLICT");
        problem(
                admin(
                        "POST",
                        "/api/v1/seals/it-lifecycle-seal/status-changes",
                        "{\"status\":\"SUSPENDED\",\"reason\":\"\"}"),
                400,
                "VALIDATION_FAILED");
    }

    @Test
    void badMakeRequestsListEveryViolation() throws Exception {
        String bad = makeRequest("it-bad", "")
                .replace(OWNER, "91310104MA1JG7LC40")
                .replace(
                        "\"signerSystems\":[\"" + STAMPER + "\"]",
                        "\"signerSystems\":[\"no-such-system\"]," + "\"signerCertificates\":[\"not a certificate\"]")
                .replaceFirst("\"data\":\"[^\"]+\"", "\"data\":\"aGVsbG8=\"");
        JsonNode p = problem(admin("POST", "/api/v1/seals", bad), 400, "VALIDATION_FAILED");
        assertThat(p.path("errors").findValuesAsText("field"))
                .contains("ownerUscc", "signerSystems[0]", "signerCertificates[0]", "picture.data");
        String backwards = makeRequest(
                "it-backwards", "", OffsetDateTime.now(ZoneOffset.UTC).minusYears(2));
        assertThat(problem(admin("POST", "/api/v1/seals", backwards), 400, "VALIDATION_FAILED")
                        .path("errors")
                        .findValuesAsText("field"))
                .contains("validTo");
        // dates out of order are reported together with the other fields' problems, not after them
        assertThat(problem(
                                admin("POST", "/api/v1/seals", backwards.replace(OWNER, "91310104MA1JG7LC40")),
                                400,
                                "VALIDATION_FAILED")
                        .path("errors")
                        .findValuesAsText("field"))
                .contains("ownerUscc", "validTo");
        json(admin("POST", "/api/v1/seals", makeRequest("it-dup", "")), 201);
        problem(admin("POST", "/api/v1/seals", makeRequest("it-dup", "")), 409, "SEAL_ALREADY_REGISTERED");
        problem(admin("GET", "/api/v1/seals/no-such-seal", null), 404, "SEAL_NOT_FOUND");
        problem(
                admin("POST", "/api/v1/seals/no-such-seal/status-changes", "{\"status\":\"REVOKED\",\"reason\":\"x\"}"),
                404,
                "SEAL_NOT_FOUND");
    }

    String withPicture(String request, String svg) {
        return request.replaceFirst(
                "\"data\":\"[^\"]+\"",
                "\"data\":\"" + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)) + "\"");
    }

    @Test
    void aSealIdThatIsNoPathSegmentIsRefusedAndNothingIsRegistered() throws Exception {
        for (String id : java.util.List.of("../../../tmp/x", "seal/1", "seal%2F1", "seal 1", ".hidden")) {
            JsonNode p = problem(admin("POST", "/api/v1/seals", makeRequest(id, "")), 400, "VALIDATION_FAILED");
            assertThat(p.path("errors").get(0).path("field").asText()).as(id).isEqualTo("esId");
            assertThat(p.path("errors").get(0).path("code").asText()).as(id).isEqualTo("INVALID_ES_ID");
        }
        assertThat(json(admin("GET", "/api/v1/seals?size=100", null), 200)
                        .path("items")
                        .findValuesAsText("esId"))
                .noneMatch(id -> id.contains("/") || id.contains(" ") || id.contains("%"));
    }

    @Test
    void anSvgPictureThatRunsCodeOrReachesOutIsRefusedAndASelfContainedOneIsMadeIntoAnAddressableSeal()
            throws Exception {
        String ns = "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
        for (String svg : java.util.List.of(
                "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg " + ns + "><text>&x;</text></svg>",
                "<svg " + ns + "><script>alert(1)</script></svg>",
                "<svg " + ns + " onload=\"alert(1)\"/>",
                "<svg " + ns + "><foreignObject/></svg>",
                "<svg " + ns + "><use xlink:href=\"https://evil.example/a.svg#x\"/></svg>",
                "<svg " + ns + "><image href=\"http://169.254.169.254/latest\"/></svg>")) {
            JsonNode p = problem(
                    admin("POST", "/api/v1/seals", withPicture(makeRequest("it-svg-bad", ""), svg)),
                    400,
                    "VALIDATION_FAILED");
            assertThat(p.path("errors").findValuesAsText("code")).as(svg).containsExactly("UNSAFE_SVG");
            assertThat(p.path("errors").findValuesAsText("field")).as(svg).containsExactly("picture.data");
        }
        problem(admin("GET", "/api/v1/seals/it-svg-bad", null), 404, "SEAL_NOT_FOUND");

        String safe =
                "<svg " + ns + " viewBox=\"0 0 100 100\"><defs><path id=\"arc\" d=\"M 15 50 A 35 35 0 1 1 85 50\"/>"
                        + "</defs><circle cx=\"50\" cy=\"50\" r=\"45\" fill=\"none\" stroke=\"#d00\"/><text><textPath"
                        + " xlink:href=\"#arc\">上海味知餐饮管理有限公司</textPath></text></svg>";
        json(admin("POST", "/api/v1/seals", withPicture(makeRequest("it-svg-seal.1", ""), safe)), 201);
        assertThat(json(admin("GET", "/api/v1/seals/it-svg-seal.1", null), 200)
                        .path("status")
                        .asText())
                .isEqualTo("ACTIVE");
        json(
                admin(
                        "POST",
                        "/api/v1/seals/it-svg-seal.1/status-changes",
                        "{\"status\":\"REVOKED\",\"reason\":\"测试结束\"}"),
                200);
    }

    @Test
    void stampRefusals() throws Exception {
        byte[] ofd = OfdSamples.document(1, "x");
        // a system without a configured signing key
        problem(
                stamp(DemoSealAuthority.SEAL_ID, "ps-household-registry", ofd, "application/ofd"),
                403,
                "NO_SIGNING_KEY");
        problem(stamp("no-such-seal", STAMPER, ofd, "application/ofd"), 404, "SEAL_NOT_FOUND");
        // a seal that lists someone else
        String other = makeRequest("it-other-signer", "")
                .replace("\"signerSystems\":[\"" + STAMPER + "\"]", "\"signerCertificates\":[\"" + pem(PKI) + "\"]");
        json(admin("POST", "/api/v1/seals", other), 201);
        problem(stamp("it-other-signer", STAMPER, ofd, "application/ofd"), 409, "SIGNER_NOT_IN_SEAL");
        problem(
                send(
                        "POST",
                        "/api/v1/seals/" + DemoSealAuthority.SEAL_ID + "/stamps?page=9&x=10&y=10",
                        STAMPER,
                        null,
                        "application/ofd",
                        ofd),
                400,
                "DOCUMENT_NOT_STAMPABLE");
        // a PDF whose page tree loops is over a budget: 422, not a server error
        problem(
                stamp(
                        DemoSealAuthority.SEAL_ID,
                        STAMPER,
                        cn.tongban.fixtures.pdf.HostilePdfs.loopingPageTree(PdfSamples.document(1, "loop")),
                        "application/pdf"),
                422,
                "DOCUMENT_OVER_BUDGET");
        problem(
                send(
                        "POST",
                        "/api/v1/seals/" + DemoSealAuthority.SEAL_ID + "/stamps?page=1&x=10&y=10",
                        STAMPER,
                        null,
                        "application/pdf",
                        "not a pdf".getBytes(StandardCharsets.UTF_8)),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertThat(send(
                                "POST",
                                "/api/v1/seals/" + DemoSealAuthority.SEAL_ID + "/stamps?page=0&x=10&y=10",
                                STAMPER,
                                null,
                                "application/ofd",
                                ofd)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void rolesAreEnforced() throws Exception {
        String body = makeRequest("it-roles", "");
        assertThat(send("POST", "/api/v1/seals", null, null, "application/json", body.getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(401);
        problem(
                send("POST", "/api/v1/seals", null, "admin", "application/json", body.getBytes(StandardCharsets.UTF_8)),
                403,
                "ACCESS_DENIED");
        problem(
                send("POST", "/api/v1/seals", STAMPER, null, "application/json", body.getBytes(StandardCharsets.UTF_8)),
                403,
                "ACCESS_DENIED");
        problem(
                send(
                        "POST",
                        "/api/v1/seals/" + DemoSealAuthority.SEAL_ID + "/status-changes",
                        STAMPER,
                        null,
                        "application/json",
                        "{\"status\":\"REVOKED\",\"reason\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                403,
                "ACCESS_DENIED");
        // a person may not stamp, nor may a window app
        problem(
                send(
                        "POST",
                        "/api/v1/seals/" + DemoSealAuthority.SEAL_ID + "/stamps?page=1&x=1&y=1",
                        null,
                        ADMIN,
                        "application/ofd",
                        OfdSamples.document(1, "x")),
                403,
                "ACCESS_DENIED");
        problem(
                stamp(DemoSealAuthority.SEAL_ID, "city-service-window", OfdSamples.document(1, "x"), "application/ofd"),
                403,
                "ACCESS_DENIED");
        assertThat(json(send("GET", "/api/v1/seals", null, "auditor", null, null), 200)
                        .path("items")
                        .isArray())
                .isTrue();
    }

    /** A certificate that is not the licensing system's: the platform CA's own. */
    static String pem(TestPkiDir pki) throws Exception {
        return java.nio.file.Files.readString(pki.layout.dir().resolve("ca.crt"))
                .replace("\n", "\\n");
    }
}
