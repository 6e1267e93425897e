package cn.tongban.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.admin.CatalogueAdmin;

/**
 * An upload of many bad rows over HTTPS cannot make the server write a report many times its size: the problem
 * lists the first errors and counts the rest ("and K more"), the error log holds the errors of the first 1,000 bad
 * rows (the default {@code tongban.exchange.datasets.max-reported-rows}) and one closing line with the count.
 */
class DatasetErrorReportIT extends ExchangeItSupport {

    static final String FILE = "310000-102001-00086";
    static final String HEADER = "uscc,name,type,legalRepresentative,legalRepresentativeId,registeredCapital,"
            + "establishedOn,address,businessScope,status,registrationAuthority\n";

    @Autowired
    CatalogueAdmin admin;

    @Autowired
    ResourceRepository resources;

    @Test
    void anUploadOfManyBadRowsGetsABoundedReportWithTheCountOfTheRest() throws Exception {
        Resource b = resources.find(BUSINESS).orElseThrow(); // its items (retired or not: the copy is new)
        admin.create(
                new Resource(
                        FILE,
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
                        b.sharingType(),
                        null,
                        null,
                        "FILE",
                        false,
                        b.updateCycle(),
                        b.publishDate(),
                        null,
                        b.items()),
                "admin");
        admin.publish(FILE, 1, "admin");
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 5_000; i++) {
            csv.append("x,,,,,lots,never,,,,\n"); // every typed column wrong: several errors a row
        }

        JsonNode p = problem(
                call(
                        "POST",
                        "/api/v1/exchange/resources/" + FILE + "/datasets",
                        "smr-registration",
                        "text/csv",
                        csv.toString()),
                400,
                "DATASET_REJECTED");
        assertThat(p.path("detail").asText())
                .contains("5000 of 5000 rows are bad")
                .contains("and 4000 more bad rows, counted but not listed");
        assertThat(p.path("errors").size()).isLessThanOrEqualTo(1000);

        String log = p.path("errorLog").asText();
        assertThat(log).matches("errors-[0-9a-f-]{36}\\.jsonl");
        assertThat(p.path("detail").asText()).contains(log);
        HttpResponse<String> errors =
                get("/api/v1/exchange/resources/" + FILE + "/datasets/errors/" + log, "smr-registration");
        assertThat(errors.statusCode()).isEqualTo(200);
        List<String> lines = errors.body().lines().toList();
        assertThat(lines.get(lines.size() - 1)).contains("\"unlistedRows\":4000");
        assertThat(lines.subList(0, lines.size() - 1))
                .allMatch(l -> Integer.parseInt(l.replaceAll(".*\"row\":(\\d+).*", "$1")) <= 1000);
        assertThat(errors.body().length()).isLessThan(2 * 1024 * 1024);
    }
}
