package cn.tongban.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.fixtures.pdf.HostilePdfs;
import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.fixtures.pdf.PdfSamples;
import cn.tongban.fixtures.pdf.SignSpec;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.server.TestPkiDir;
import cn.tongban.trust.pki.KeyAlgorithm;

/**
 * Hostile PDFs over HTTPS: the gigabyte attachment bomb and nested BER in {@code /Contents} are answered with a
 * report (TOTAL_FAILED, FORMAT_FAILURE, rule PDF_BUDGET), not a server error, and the server answers the next
 * genuine request as before.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:pdf-budgets-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.verification.max-document-size=10MB",
            "tongban.cluster.port=5881"
        })
@ActiveProfiles("demo")
class PdfBudgetsApiIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String WINDOW = "city-service-window";
    static final TestPki SIGNERS =
            TestPki.builder(Clock.systemUTC(), KeyAlgorithm.EC_P256).build();
    static final byte[] SIGNED = LicencePdfs.sign(
            LicencePdfs.unsigned(),
            SIGNERS.documentSigner(),
            SignSpec.at(Clock.systemUTC().instant().minusSeconds(60)));

    @DynamicPropertySource
    static void config(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    JsonNode verify(byte[] pdf) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/api/v1/verifications?revocation=false"))
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
                .build();
        HttpResponse<String> r = PKI.client(WINDOW).send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at cn.tongban");
        return mapper.readTree(r.body());
    }

    static void assertOverBudget(JsonNode report, String detail) {
        assertThat(report.path("indication").asText()).as(report.toString()).isEqualTo("TOTAL_FAILED");
        assertThat(report.path("subIndication").asText()).isEqualTo("FORMAT_FAILURE");
        assertThat(report.path("rule").asText()).isEqualTo("PDF_BUDGET");
        assertThat(report.toString()).contains(detail);
    }

    @Test
    void aFourGibibyteAttachmentBombIsAReportNamingTheBudget() throws Exception {
        byte[] bomb = HostilePdfs.attachmentBomb(SIGNED, 4L << 30);

        assertOverBudget(verify(bomb), "(max-stream-bytes)");
        assertThat(verify(SIGNED).path("rule").asText())
                .as("the next document is verified as before")
                .isNotEqualTo("PDF_BUDGET");
    }

    @Test
    void nestedBerInASignaturesContentsIsAReportNamingTheBudget() throws Exception {
        byte[] pdf = HostilePdfs.signedWithContents(PdfSamples.document(1, "nested"), HostilePdfs.nestedBer(100_000));

        assertOverBudget(verify(pdf), "(max-asn1-depth)");
    }
}
