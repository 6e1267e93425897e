package cn.tongban.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.auth.Actor;
import cn.tongban.catalog.auth.Application;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.Authorisations;

/**
 * Data that belongs to another party, over HTTPS: another system's subscriptions and authorisations, a consumer
 * whose authorisation was revoked, an approver of another department. Each is refused, or answered as if the
 * object did not exist, and nothing changes. (Dead letters, dataset error logs and events for another provider's
 * resource are in {@code SubscriptionsIT} and {@code DatasetsIT}.)
 */
class OtherPartiesDataIT extends ExchangeItSupport {

    static final String SERVICE_ITEM = "310000-XK-0001";

    @Autowired
    Authorisations authorisations;

    @Autowired
    ResourceRepository resources;

    Authorisation applied(String consumer, String resource, String purpose) {
        List<String> fields = resources.find(resource).orElseThrow().items().stream()
                .limit(2)
                .map(InformationItem::name)
                .toList();
        return authorisations.apply(
                new Application(consumer, resource, purpose, SERVICE_ITEM, fields, "《政务信息资源共享管理暂行办法》第十条", null, null),
                new Actor("admin", null, true));
    }

    @Test
    void anotherSystemNeitherSeesNorCancelsASubscription() throws Exception {
        JsonNode created = ok(
                json(
                        "POST",
                        "/api/v1/exchange/subscriptions",
                        "city-service-window",
                        subscription(IDENTITY, "身份核验", null)),
                201);
        String id = created.path("subscription").path("id").asText();
        assertThat(ok(get("/api/v1/exchange/subscriptions", "smr-licensing"), 200)
                        .findValuesAsText("id"))
                .doesNotContain(id);
        problem(call("DELETE", "/api/v1/exchange/subscriptions/" + id, "smr-licensing", null, null), 404, "NOT_FOUND");
        assertThat(ok(get("/api/v1/exchange/subscriptions", "city-service-window"), 200)
                        .findValuesAsText("id"))
                .contains(id); // still active
        ok(call("DELETE", "/api/v1/exchange/subscriptions/" + id, "city-service-window", null, null), 204);
    }

    @Test
    void aSubscriberWhoseAuthorisationIsRevokedHearsNoMoreEventsAndOneWithoutCannotSubscribe() throws Exception {
        String purpose = "食品经营许可审查：核查行政处罚记录";
        Authorisation a = applied("city-service-window", PENALTIES, purpose);
        Authorisation granted = authorisations.approve(a.id(), a.version(), new Actor("smr-approver", SMR, false));
        problem(
                json(
                        "POST",
                        "/api/v1/exchange/subscriptions",
                        "smr-licensing",
                        subscription(PENALTIES, purpose, SERVICE_ITEM)),
                403,
                "NO_AUTHORISATION");
        ok(
                json(
                        "POST",
                        "/api/v1/exchange/subscriptions",
                        "city-service-window",
                        subscription(PENALTIES, purpose, SERVICE_ITEM)),
                201);
        assertThat(ok(
                                json(
                                        "POST",
                                        "/api/v1/exchange/resources/" + PENALTIES + "/events",
                                        "smr-registration",
                                        event()),
                                202)
                        .path("deliveries")
                        .asInt())
                .isEqualTo(1);

        String revoke = "{\"version\":" + granted.version() + ",\"reason\":\"不再需要\"}";
        problem(
                json("POST", "/api/v1/catalogue/authorisations/" + a.id() + "/revoke", "ps-approver", revoke),
                404,
                "AUTHORISATION_NOT_FOUND"); // another department's approver: as if it did not exist
        ok(json("POST", "/api/v1/catalogue/authorisations/" + a.id() + "/revoke", "smr-approver", revoke), 200);

        assertThat(ok(
                                json(
                                        "POST",
                                        "/api/v1/exchange/resources/" + PENALTIES + "/events",
                                        "smr-registration",
                                        event()),
                                202)
                        .path("deliveries")
                        .asInt())
                .isZero();
    }

    @Test
    void anApproverOfAnotherDepartmentNeitherSeesNorDecidesAnApplication() throws Exception {
        Authorisation a = applied("smr-licensing", HOUSEHOLD, "食品经营许可审查：核验经营者户籍");
        String path = "/api/v1/catalogue/authorisations/" + a.id();
        String action = "{\"version\":" + a.version() + ",\"reason\":\"不予批准\"}";
        problem(get(path, "smr-approver"), 404, "AUTHORISATION_NOT_FOUND");
        problem(json("POST", path + "/approve", "smr-approver", action), 404, "AUTHORISATION_NOT_FOUND");
        problem(json("POST", path + "/refuse", "smr-approver", action), 404, "AUTHORISATION_NOT_FOUND");
        problem(json("POST", path + "/refuse", "ca-approver", action), 404, "AUTHORISATION_NOT_FOUND");
        assertThat(ok(get("/api/v1/catalogue/authorisations?resource=" + HOUSEHOLD + "&size=100", "smr-approver"), 200)
                        .path("items")
                        .findValuesAsText("id"))
                .doesNotContain(a.id());
        assertThat(ok(get(path, "ps-approver"), 200).path("status").asText()).isEqualTo("PENDING"); // untouched
    }

    @Test
    void aSystemSeesOnlyItsOwnAuthorisationsAndAppliesOnlyForItself() throws Exception {
        Authorisation theirs = applied("city-service-window", HOUSEHOLD, "户籍核验：另一系统的申请");
        JsonNode page =
                ok(get("/api/v1/catalogue/authorisations?consumer=city-service-window&size=100", "smr-licensing"), 200);
        assertThat(page.path("items").findValuesAsText("consumerSystem")).containsOnly("smr-licensing");
        assertThat(page.path("items").findValuesAsText("id")).doesNotContain(theirs.id());
        problem(
                get("/api/v1/catalogue/authorisations/" + theirs.id(), "smr-licensing"),
                404,
                "AUTHORISATION_NOT_FOUND");
        problem(
                json(
                        "POST",
                        "/api/v1/catalogue/authorisations",
                        "smr-licensing",
                        "{\"consumerSystem\":"
                                + "\"city-service-window\",\"resourceCode\":\"" + HOUSEHOLD + "\",\"purpose\":\"代为申请\","
                                + "\"serviceItemCode\":\"" + SERVICE_ITEM
                                + "\",\"fields\":[\"name\"],\"legalBasis\":\"无\"}"),
                403,
                "ACCESS_DENIED");
        problem(
                get(
                        "/api/v1/catalogue/authorisations/decision?consumer=city-service-window&resource=" + HOUSEHOLD
                                + "&purpose=x&fields=name",
                        "smr-licensing"),
                403,
                "ACCESS_DENIED");
    }
}
