package cn.tongban.server.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.ServiceItemRepository;
import cn.tongban.catalog.admin.ServiceItemAdmin;
import cn.tongban.server.TestPkiDir;

/**
 * {@code POST /api/v1/proofs/requests} end to end over HTTPS, on the demo: a proof by data pull through the exchange,
 * by e-licence from the simulated licence library (verified), by notify-and-commit, on paper, and refused when it is
 * not on the retained list — with every refusal as problem+json.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:proofs-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5821"
        })
@ActiveProfiles("demo")
class ProofRequestsIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String WINDOW = "city-service-window";
    static final String ZHAO = "310115199212302849"; // civil-affairs records: married 2019; a birth certificate
    static final String ZHOU = "340104198910265223"; // her birth certificate was cancelled
    static final String WANG = "310101196811050557"; // no e-licence
    static final String LI = "310105198409031467"; // her certificate says VALID; the issuer cancelled it later
    static final String REGISTER = "310000-303001-00001"; // the health commission's birth-certificate register

    @DynamicPropertySource
    static void pki(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    ServiceItemRepository serviceItems;

    @Autowired
    ServiceItemAdmin serviceItemAdmin;

    HttpResponse<String> request(String system, String json) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/proofs/requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return PKI.client(system).send(r, HttpResponse.BodyHandlers.ofString());
    }

    static String body(String serviceItem, String proof, String id, String extra) {
        return "{\"serviceItem\":\"" + serviceItem + "\",\"proof\":\"" + proof + "\",\"applicant\":{\"idType\":"
                + "\"RESIDENT_ID_NUMBER\",\"id\":\"" + id + "\",\"name\":\"申请人\"},\"operator\":\"counter-07\"" + extra
                + "}";
    }

    JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = mapper.readTree(r.body());
        assertThat(p.path("code").asText()).isEqualTo(code);
        return p;
    }

    @Test
    void marriageRegistrationPullsTheMaritalRecordInsteadOfAskingForPaper() throws Exception {
        JsonNode a = ok(request(WINDOW, body("310000-QR-0001", "310000-QR-0001-03", ZHAO, "")));
        assertThat(a.path("satisfiedBy").asText()).isEqualTo("DATA_PULL");
        assertThat(a.path("outcome").asText()).isEqualTo("SATISFIED");
        JsonNode pulled = a.path("pulled");
        assertThat(pulled.path("resourceCode").asText()).isEqualTo("310000-301001-00001");
        assertThat(pulled.path("records").get(0).path("certificateNumber").asText())
                .isEqualTo("J310115-2019-000123");
        assertThat(pulled.path("records").get(0).has("maritalRecordStatus")).isTrue(); // the proof's own field name
        assertThat(pulled.path("accessLogSequence").asLong()).isPositive();
        assertThat(a.path("accessLogSequence").asLong())
                .isGreaterThan(pulled.path("accessLogSequence").asLong());
    }

    @Test
    void aProofThatIsNotOnTheRetainedListMayNotBeDemanded() throws Exception {
        JsonNode p =
                problem(request(WINDOW, body("310000-QR-0001", "房屋产权证明", ZHAO, "")), 403, "PROOF_NOT_ON_RETAINED_LIST");
        assertThat(p.toString()).contains("310000-QR-0001-01");
    }

    @Test
    void aPullTheWindowIsNotYetAuthorisedForIsRefusedByTheExchange() throws Exception {
        // 户口簿 by data pull: the household-registry authorisation is still pending in the demo.
        problem(request(WINDOW, body("310000-QR-0001", "户口簿", ZHAO, "")), 403, "NO_AUTHORISATION");
    }

    @Test
    void aBirthMedicalCertificateComesFromTheLicenceLibraryVerified() throws Exception {
        JsonNode a = ok(request(WINDOW, body("310000-QR-0002", "出生医学证明", ZHAO, "")));
        assertThat(a.path("satisfiedBy").asText()).isEqualTo("E_LICENCE");
        assertThat(a.path("outcome").asText()).as(a.toString()).isEqualTo("SATISFIED");
        JsonNode l = a.path("licence");
        assertThat(l.path("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(l.path("identifier").asText()).startsWith("1.2.156.3005.2.11100000MB1N072647007.");
        assertThat(l.path("issuer").asText()).isEqualTo("上海市卫生健康委员会");
        assertThat(l.path("warnings").toString()).contains("revocation not checked");
        JsonNode register = l.path("register");
        assertThat(register.path("resourceCode").asText()).isEqualTo(REGISTER);
        assertThat(register.path("confirmed").asBoolean())
                .as(register.toString())
                .isTrue();
        assertThat(register.path("differences")).isEmpty();
        assertThat(register.path("accessLogSequence").asLong())
                .isPositive()
                .isNotEqualTo(a.path("accessLogSequence").asLong());
        assertThat(a.toString()).doesNotContain(ZHAO);
    }

    @Test
    void aLicenceItsIssuerCancelledAfterIssuingIsNotAcceptedThoughTheDocumentVerifies() throws Exception {
        JsonNode a = ok(request(WINDOW, body("310000-QR-0002", "出生医学证明", LI, "")));
        assertThat(a.path("outcome").asText()).as(a.toString()).isEqualTo("LICENCE_NOT_VALID");
        JsonNode l = a.path("licence");
        assertThat(l.path("indication").asText()).isEqualTo("TOTAL_PASSED"); // the signed snapshot is fine
        assertThat(l.path("register").path("confirmed").asBoolean()).isFalse();
        assertThat(l.path("register").path("differences").toString())
                .contains("status = CANCELLED", "the licence says status = VALID");
        assertThat(l.path("problems").toString()).contains("status = CANCELLED");
    }

    @Test
    void whenTheExchangeRefusesTheRegisterPullTheProofRequestSaysWhyAndVerifiesNothingElse() throws Exception {
        ServiceItem item = serviceItems.find("310000-QR-0002").orElseThrow();
        List<RetainedProof> proofs = new ArrayList<>(item.proofs());
        RetainedProof birth = proofs.get(0);
        // point the proof at the adoption register, which is not shared with anyone
        proofs.set(
                0,
                new RetainedProof(
                        birth.code(),
                        birth.name(),
                        birth.use(),
                        birth.legalBasis(),
                        birth.article(),
                        birth.demandingUnit(),
                        birth.issuingUnit(),
                        birth.level(),
                        birth.notifyCommitAllowed(),
                        birth.notifyCommitExclusionReason(),
                        birth.satisfiedBy(),
                        "310000-301003-00001",
                        Map.of(),
                        birth.licenceTypeCode(),
                        birth.paperReason()));
        ServiceItem changed = serviceItemAdmin.update(
                item.code(),
                serviceItemAdmin.version(item.code()),
                new ServiceItem(
                        item.code(), item.name(), item.nameEn(), item.departmentCode(), item.itemType(), proofs),
                "it");
        try {
            problem(request(WINDOW, body("310000-QR-0002", "出生医学证明", ZHAO, "")), 403, "RESOURCE_NOT_SHARED");
        } finally {
            serviceItemAdmin.update(item.code(), serviceItemAdmin.version(item.code()), item, "it");
        }
        assertThat(changed.proofs().get(0).resourceCode()).isEqualTo("310000-301003-00001");
    }

    @Test
    void aCancelledLicenceIsNotAccepted() throws Exception {
        JsonNode a = ok(request(WINDOW, body("310000-QR-0002", "310000-QR-0002-01", ZHOU, "")));
        assertThat(a.path("outcome").asText()).isEqualTo("LICENCE_NOT_VALID");
        assertThat(a.path("licence").path("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(a.path("licence").path("rule").asText()).isEqualTo("LICENCE_STATUS");
        assertThat(a.path("licence").has("register"))
                .as("no register pull for a document refused anyway")
                .isFalse();
    }

    @Test
    void withoutAnELicenceTheAnswerSaysSo() throws Exception {
        JsonNode a = ok(request(WINDOW, body("310000-QR-0002", "310000-QR-0002-01", WANG, "")));
        assertThat(a.path("outcome").asText()).isEqualTo("NO_ELECTRONIC_LICENCE");
    }

    @Test
    void notifyAndCommitGivesTheTextThenRecordsTheCommitment() throws Exception {
        JsonNode first = ok(request(WINDOW, body("310000-XK-0001", "310000-XK-0001-04", ZHAO, "")));
        assertThat(first.path("outcome").asText()).isEqualTo("COMMITMENT_REQUIRED");
        assertThat(first.path("commitmentText").asText()).contains("承诺", "经营场所合法使用证明");
        JsonNode committed =
                ok(request(WINDOW, body("310000-XK-0001", "310000-XK-0001-04", ZHAO, ",\"commitment\":true")));
        assertThat(committed.path("outcome").asText()).isEqualTo("COMMITTED");
        assertThat(committed.path("accessLogSequence").asLong())
                .isGreaterThan(first.path("accessLogSequence").asLong());
    }

    @Test
    void paperOnlyProofsSayWhy() throws Exception {
        JsonNode a = ok(request(WINDOW, body("310000-QR-0001", "310000-QR-0001-04", ZHAO, "")));
        assertThat(a.path("outcome").asText()).isEqualTo("PAPER_REQUIRED");
        assertThat(a.path("paperReason").asText()).contains("人民法院");
    }

    @Test
    void badInputIsAProblemWithItsField() throws Exception {
        JsonNode p = problem(
                request(WINDOW, body("310000-QR-0001", "310000-QR-0001-03", "310115199212302840", "")),
                400,
                "VALIDATION_FAILED");
        assertThat(p.toString()).contains("applicant.id");
        problem(request(WINDOW, body("310000-ZZ-9999", "x", ZHAO, "")), 404, "SERVICE_ITEM_NOT_FOUND");
        assertThat(request(WINDOW, "{\"serviceItem\":\"310000-QR-0001\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void peopleAndUnknownCallersMayNot() throws Exception {
        assertThat(request(null, body("310000-QR-0001", "310000-QR-0001-03", ZHAO, ""))
                        .statusCode())
                .isEqualTo(401);
    }
}
