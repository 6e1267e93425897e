package cn.tongban.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.fixtures.merkle.Rfc9162Check;
import cn.tongban.server.TestPkiDir;
import cn.tongban.server.cli.CommandLine;

/**
 * The auditor's API over HTTPS on H2: searching by the subject in clear, proofs checked with the independent
 * verifier, heads on demand, NDJSON/CSV export verified by the offline CLI, the data-subject report for a window
 * application, bad input as problem+json, and a row edited in the database caught by the health check, the
 * verification endpoint and the CLI.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:audit-api-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5811",
            "tongban.audit.check-interval=0s",
            "tongban.audit.head-interval=0s"
        })
@ActiveProfiles("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditApiIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String AUDITOR =
            "Basic " + Base64.getEncoder().encodeToString("auditor:tongban-demo-2026".getBytes(StandardCharsets.UTF_8));
    static final String CITIZEN = "11010519491231002X";

    @DynamicPropertySource
    static void pki(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    JdbcClient jdbc;

    @Test
    @Order(1)
    void subjectReportIsForWindowAppsAndIsItselfLogged() throws Exception {
        String body = "{\"subjectId\":\"" + CITIZEN + "\"}";
        JsonNode first = json(send("POST", "/api/v1/audit/subject-report", "city-service-window", null, body), 200);
        // the report call itself is the first access logged about this citizen
        assertThat(first.path("accesses").findValuesAsText("action")).containsExactly("SUBJECT_REPORT");
        assertThat(first.path("departments").get(0).asText()).isEqualTo("12310000MB2D04189T");
        json(
                send(
                        "POST",
                        "/api/v1/audit/subject-report",
                        "city-service-window",
                        null,
                        "{\"subjectId\":\" 11010519491231002x \"}"),
                200);
        JsonNode again = json(send("POST", "/api/v1/audit/subject-report", "city-service-window", null, body), 200);
        assertThat(again.path("accesses")).hasSize(3);
        // only window applications: not an auditor, not a department system
        problem(send("POST", "/api/v1/audit/subject-report", null, AUDITOR, body), 403, "ACCESS_DENIED");
        problem(
                send("POST", "/api/v1/audit/subject-report", "ps-household-registry", null, body),
                403,
                "ACCESS_DENIED");
        problem(
                send("POST", "/api/v1/audit/subject-report", "city-service-window", null, "{\"subjectId\":\"  \"}"),
                400,
                "VALIDATION_FAILED");
        problem(
                send("POST", "/api/v1/audit/subject-report", "city-service-window", null, "{}"),
                400,
                "VALIDATION_FAILED");
        // the auditor finds the same entries by the identifier in clear; the log holds only the pseudonym
        JsonNode found = json(
                send("GET", "/api/v1/audit/entries?subject=" + CITIZEN + "&action=SUBJECT_REPORT", null, AUDITOR, null),
                200);
        assertThat(found.path("entries")).hasSize(3);
        assertThat(found.path("entries").get(0).path("subjectKey").asText())
                .hasSize(64)
                .isNotEqualTo(CITIZEN);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_log WHERE subject_key LIKE ?")
                        .param("%" + CITIZEN + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        JsonNode byDept = json(
                send("GET", "/api/v1/audit/entries?department=12310000MB2D04189T&outcome=OK", null, AUDITOR, null),
                200);
        assertThat(byDept.path("entries").findValuesAsText("actor")).containsOnly("city-service-window");
    }

    @Test
    @Order(2)
    void proofsHeadsAndBadInput() throws Exception {
        for (int i = 0; i < 5; i++) {
            json(send("GET", "/api/v1/exchange/me", "ps-household-registry", null, null), 200);
        }
        JsonNode head = json(send("POST", "/api/v1/audit/heads", null, AUDITOR, null), 201);
        long size = head.path("treeSize").asLong();
        byte[] root = HexFormat.of().parseHex(head.path("rootHash").asText());
        assertThat(size).isGreaterThanOrEqualTo(3);
        for (long seq = 1; seq <= size; seq++) {
            JsonNode p = json(
                    send(
                            "GET",
                            "/api/v1/audit/proofs/inclusion?sequence=" + seq + "&treeSize=" + size,
                            null,
                            AUDITOR,
                            null),
                    200);
            JsonNode entry = json(send("GET", "/api/v1/audit/entries/" + seq, null, AUDITOR, null), 200);
            assertThat(entry.path("leafHash").asText())
                    .isEqualTo(p.path("leafHash").asText());
            assertThat(Rfc9162Check.inclusionHolds(
                            seq - 1,
                            size,
                            HexFormat.of().parseHex(p.path("leafHash").asText()),
                            hexes(p.path("auditPath")),
                            root))
                    .as("inclusion of %d", seq)
                    .isTrue();
        }
        JsonNode c = json(send("GET", "/api/v1/audit/proofs/consistency?from=2&to=" + size, null, AUDITOR, null), 200);
        assertThat(Rfc9162Check.consistencyHolds(
                        2, size, HexFormat.of().parseHex(c.path("fromRoot").asText()), root, hexes(c.path("path"))))
                .isTrue();
        JsonNode latest = json(send("GET", "/api/v1/audit/heads/latest", null, AUDITOR, null), 200);
        assertThat(latest.path("treeSize").asLong()).isEqualTo(size);
        assertThat(json(send("GET", "/api/v1/audit/heads", null, AUDITOR, null), 200)
                        .path("heads"))
                .isNotEmpty();
        assertThat(json(send("GET", "/api/v1/audit/signing-key", null, AUDITOR, null), 200)
                        .path("algorithm")
                        .asText())
                .isEqualTo("SHA256withECDSA");

        long tooBig = size + 1_000_000;
        problem(
                send("GET", "/api/v1/audit/proofs/inclusion?sequence=1&treeSize=" + tooBig, null, AUDITOR, null),
                400,
                "VALIDATION_FAILED");
        problem(
                send(
                        "GET",
                        "/api/v1/audit/proofs/inclusion?sequence=" + (size + 1) + "&treeSize=" + size,
                        null,
                        AUDITOR,
                        null),
                400,
                "VALIDATION_FAILED");
        problem(
                send("GET", "/api/v1/audit/proofs/inclusion?sequence=0&treeSize=1", null, AUDITOR, null),
                400,
                "VALIDATION_FAILED");
        problem(
                send("GET", "/api/v1/audit/proofs/consistency?from=3&to=2", null, AUDITOR, null),
                400,
                "VALIDATION_FAILED");
        problem(
                send("GET", "/api/v1/audit/proofs/consistency?from=1&to=" + tooBig, null, AUDITOR, null),
                400,
                "VALIDATION_FAILED");
        problem(send("GET", "/api/v1/audit/proofs/consistency?from=x&to=2", null, AUDITOR, null), 400, null);
        problem(send("GET", "/api/v1/audit/entries?outcome=MAYBE", null, AUDITOR, null), 400, "VALIDATION_FAILED");
        problem(
                send(
                        "GET",
                        "/api/v1/audit/entries?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                        null,
                        AUDITOR,
                        null),
                400,
                "VALIDATION_FAILED");
        problem(send("GET", "/api/v1/audit/export?format=xml", null, AUDITOR, null), 400, "VALIDATION_FAILED");
        problem(
                send("GET", "/api/v1/audit/export?fromSequence=5&toSequence=2", null, AUDITOR, null),
                400,
                "VALIDATION_FAILED");
        problem(send("GET", "/api/v1/audit/entries/99999999", null, AUDITOR, null), 404, "NOT_FOUND");
        problem(send("POST", "/api/v1/audit/heads", "ps-household-registry", null, null), 403, "ACCESS_DENIED");
        problem(send("GET", "/api/v1/audit/export", "ps-household-registry", null, null), 403, "ACCESS_DENIED");
        JsonNode counts = json(send("GET", "/api/v1/audit/counts/daily", null, AUDITOR, null), 200);
        assertThat(counts.path("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(counts.path("counts").findValuesAsText("department")).contains("12310000MB2D04189T");
    }

    @Test
    @Order(3)
    void exportVerifiesOfflineAndATamperedRowIsCaughtEverywhere() throws Exception {
        JsonNode head = json(send("POST", "/api/v1/audit/heads", null, AUDITOR, null), 201);
        long size = head.path("treeSize").asLong();
        Path dir = Files.createTempDirectory("audit-it");
        Path export = dir.resolve("log.ndjson");
        Path heads = dir.resolve("heads.json");
        Path key = dir.resolve("key.pem");
        HttpResponse<String> ndjson = send("GET", "/api/v1/audit/export?toSequence=" + size, null, AUDITOR, null);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        assertThat(ndjson.body().lines()).hasSize((int) size);
        Files.writeString(export, ndjson.body());
        Files.writeString(
                heads, send("GET", "/api/v1/audit/heads", null, AUDITOR, null).body());
        Files.writeString(
                key,
                json(send("GET", "/api/v1/audit/signing-key", null, AUDITOR, null), 200)
                        .path("publicKeyPem")
                        .asText());
        String[] args = {
            "audit", "verify", "--export", export.toString(), "--heads", heads.toString(), "--key", key.toString()
        };
        assertThat(cli(args)).isZero();

        HttpResponse<String> csv =
                send("GET", "/api/v1/audit/export?format=csv&action=SUBJECT_REPORT", null, AUDITOR, null);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines()).hasSize(4).first().asString().startsWith("sequence,time,node,actor");

        assertThat(json(send("GET", "/actuator/health", null, AUDITOR, null), 200)
                        .path("components")
                        .path("accessLog")
                        .path("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(json(send("POST", "/api/v1/audit/verification", null, AUDITOR, null), 200)
                        .path("intact")
                        .asBoolean())
                .isTrue();

        // someone edits row 2 directly in the database
        jdbc.sql("UPDATE access_log SET actor = 'someone-else' WHERE seq = 2").update();
        JsonNode health = json(send("GET", "/actuator/health", null, AUDITOR, null), 503);
        JsonNode accessLog = health.path("components").path("accessLog");
        assertThat(accessLog.path("status").asText()).isEqualTo("DOWN");
        assertThat(accessLog.path("details").path("firstSequence").asLong()).isEqualTo(2);
        JsonNode full = json(send("POST", "/api/v1/audit/verification", null, AUDITOR, null), 200);
        assertThat(full.path("intact").asBoolean()).isFalse();
        assertThat(full.path("status").asText()).isEqualTo("ENTRY_ALTERED");
        assertThat(full.path("firstSequence").asLong()).isEqualTo(2);
        // a fresh export of the edited database fails offline, naming entry 2
        Path tampered = dir.resolve("tampered.ndjson");
        Files.writeString(
                tampered,
                send("GET", "/api/v1/audit/export?toSequence=" + size, null, AUDITOR, null)
                        .body());
        args[3] = tampered.toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(cli(args, err)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ENTRY_ALTERED at entry 2");
        jdbc.sql("DELETE FROM access_log WHERE seq = 2").update();
        assertThat(json(send("POST", "/api/v1/audit/verification", null, AUDITOR, null), 200)
                        .path("status")
                        .asText())
                .isEqualTo("ENTRY_REMOVED");
        // CLI usage and unreadable input
        assertThat(cli(new String[] {"audit", "verify", "--export", export.toString()}))
                .isEqualTo(64);
        assertThat(cli(new String[] {
                    "audit",
                    "verify",
                    "--export",
                    dir.resolve("none").toString(),
                    "--heads",
                    heads.toString(),
                    "--key",
                    key.toString()
                }))
                .isEqualTo(66);
        assertThat(cli(new String[] {
                    "audit", "verify", "--export", export.toString(), "--heads", key.toString(), "--key", key.toString()
                }))
                .isEqualTo(65);
        assertThat(cli(new String[] {
                    "audit",
                    "verify",
                    "--export",
                    export.toString(),
                    "--heads",
                    heads.toString(),
                    "--key",
                    export.toString()
                }))
                .isEqualTo(65);
    }

    private static int cli(String[] args) {
        return cli(args, new ByteArrayOutputStream());
    }

    private static int cli(String[] args, ByteArrayOutputStream err) {
        return CommandLine.standard()
                .run(
                        args,
                        System.in,
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<byte[]> hexes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(h -> out.add(HexFormat.of().parseHex(h.asText())));
        return out;
    }

    private HttpResponse<String> send(String method, String path, String system, String authorization, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return PKI.client(system).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return mapper.readTree(r.body());
    }

    private void problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at cn.tongban");
        if (code != null) {
            assertThat(mapper.readTree(r.body()).path("code").asText()).isEqualTo(code);
        }
    }
}
