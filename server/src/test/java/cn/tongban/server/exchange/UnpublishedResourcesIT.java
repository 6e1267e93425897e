package cn.tongban.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.admin.CatalogueAdmin;

/**
 * Only a published resource is shared (this class retires the demo's market-entity resource; the other classes on
 * the same context leave it alone): after a retirement (over HTTPS, by the data administrator) the very next
 * pull is refused although the pull path caches the resource for an hour, and neither a retired nor a draft
 * resource can be subscribed to, have events published or datasets uploaded or downloaded — each refusal 403
 * {@code RESOURCE_NOT_PUBLISHED} as problem+json, the refused pull in the access log.
 */
class UnpublishedResourcesIT extends ExchangeItSupport {

    static final String PURPOSE = "食品经营许可审查：核验申请人主体资格";
    static final String CSV = "uscc,name,type,legalRepresentative,legalRepresentativeId,registeredCapital,"
            + "establishedOn,address,businessScope,status,registrationAuthority\n"
            + "91310104MA1JG7LC4B,上海味知餐饮管理有限公司,有限责任公司,黄婷婷,310107199503270605,100,"
            + "2026-09-15,上海市徐汇区宜山路455号,餐饮服务,ACTIVE,徐汇区市场监管局\n";

    @Autowired
    CatalogueAdmin admin;

    @Autowired
    ResourceRepository resources;

    /** A copy of the market-entity resource (same provider and endpoint) under {@code code}, shared by {@code method}. */
    void copyOfBusiness(String code, String method, boolean publish) {
        Resource b = resources.find(BUSINESS).orElseThrow();
        admin.create(
                new Resource(
                        code,
                        1,
                        b.name() + "（副本）",
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
                        method,
                        false,
                        b.updateCycle(),
                        b.publishDate(),
                        "FILE".equals(method) ? null : b.endpointPath(),
                        b.items()),
                "admin");
        if (publish) {
            admin.publish(code, 1, "admin");
        }
    }

    void retireOverHttps(String code) throws Exception {
        int version = ok(get("/api/v1/catalogue/resources/" + code, "admin"), 200)
                .path("version")
                .asInt();
        JsonNode retired = ok(
                json(
                        "POST",
                        "/api/v1/catalogue/resources/" + code + "/retire",
                        "admin",
                        "{\"version\":" + version + "}"),
                200);
        assertThat(retired.path("status").asText()).isEqualTo("RETIRED");
    }

    java.net.http.HttpResponse<String> pull(String code) throws Exception {
        return json(
                "POST",
                "/api/v1/exchange/resources/" + code + "/query",
                "smr-licensing",
                pullQuery(RESTAURANT, PURPOSE, "310000-XK-0001"));
    }

    @Test
    void aRetiredResourceIsRefusedFromTheVeryNextPullThoughThePullPathCachesItForAnHour() throws Exception {
        JsonNode delivered = ok(pull(BUSINESS), 200); // now in the pull path's cache
        assertThat(delivered
                        .path("results")
                        .get(0)
                        .path("records")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("上海味知餐饮管理有限公司");
        ok(
                json(
                        "POST",
                        "/api/v1/exchange/subscriptions",
                        "city-service-window",
                        subscription(BUSINESS, PURPOSE, null)),
                201);

        retireOverHttps(BUSINESS);

        JsonNode refused = problem(pull(BUSINESS), 403, "RESOURCE_NOT_PUBLISHED");
        assertThat(refused.path("detail").asText()).contains("RETIRED");
        assertThat(refused.toString()).doesNotContain("上海味知");
        problem(pull(BUSINESS), 403, "RESOURCE_NOT_PUBLISHED"); // and stays refused
        JsonNode log =
                ok(get("/api/v1/audit/entries?action=DATA_PULL&outcome=REFUSED&resource=" + BUSINESS, "auditor"), 200);
        assertThat(log.toString()).contains("RESOURCE_NOT_PUBLISHED");

        problem(
                json("POST", "/api/v1/exchange/subscriptions", "smr-licensing", subscription(BUSINESS, PURPOSE, null)),
                403,
                "RESOURCE_NOT_PUBLISHED");
        problem(
                json("POST", "/api/v1/exchange/resources/" + BUSINESS + "/events", "smr-registration", event()),
                403,
                "RESOURCE_NOT_PUBLISHED"); // the subscription made before the retirement hears nothing more
    }

    @Test
    void aDraftResourceIsNeitherPulledNorSubscribedToNorTakesEventsOrFiles() throws Exception {
        String api = "310000-102001-00082";
        String file = "310000-102001-00083";
        copyOfBusiness(api, "API_PULL", false);
        copyOfBusiness(file, "FILE", false);
        problem(pull(api), 403, "RESOURCE_NOT_PUBLISHED");
        problem(
                json("POST", "/api/v1/exchange/subscriptions", "smr-licensing", subscription(api, PURPOSE, null)),
                403,
                "RESOURCE_NOT_PUBLISHED");
        problem(
                json("POST", "/api/v1/exchange/resources/" + api + "/events", "smr-registration", event()),
                403,
                "RESOURCE_NOT_PUBLISHED");
        problem(
                call("POST", "/api/v1/exchange/resources/" + file + "/datasets", "smr-registration", "text/csv", CSV),
                403,
                "RESOURCE_NOT_PUBLISHED");
        problem(
                get("/api/v1/exchange/resources/" + file + "/datasets?purpose=" + q(PURPOSE), "smr-licensing"),
                403,
                "RESOURCE_NOT_PUBLISHED");
    }

    @Test
    void aRetiredFileResourceTakesNoUploadAndItsVersionsAreNoLongerDownloaded() throws Exception {
        String file = "310000-102001-00084";
        copyOfBusiness(file, "FILE", true);
        ok(call("POST", "/api/v1/exchange/resources/" + file + "/datasets", "smr-registration", "text/csv", CSV), 201);
        String download = "/api/v1/exchange/resources/" + file + "/datasets/1?purpose=" + q(PURPOSE) + "&operator=o";
        assertThat(get(download, "smr-licensing").statusCode()).isEqualTo(200);

        retireOverHttps(file);

        problem(
                call("POST", "/api/v1/exchange/resources/" + file + "/datasets", "smr-registration", "text/csv", CSV),
                403,
                "RESOURCE_NOT_PUBLISHED");
        problem(get(download, "smr-licensing"), 403, "RESOURCE_NOT_PUBLISHED");
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
