package cn.tongban.catalog.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.catalog.Department;
import cn.tongban.catalog.ExchangeSystem;
import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceClass;
import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.SystemKind;

/**
 * The demo catalogue and the records of the simulated departments, read from
 * {@code classpath:tongban/demo/} (see the README there). Used by the server's demo mode and by the tests'
 * WireMock departments, so both serve the same data.
 */
public record DemoDataset(
        List<Department> departments,
        List<ExchangeSystem> systems,
        List<String> providerSystems,
        List<Resource> resources,
        List<ServiceItem> serviceItems,
        Map<String, JsonNode> recordsByProviderSystem) {

    private static final String BASE = "tongban/demo/";
    /** Which records file each simulated provider system answers from. */
    private static final Map<String, String> RECORDS = Map.of(
            "ps-household-registry", "records/public-security.json",
            "smr-registration", "records/market-regulation.json",
            "ca-marriage-registry", "records/civil-affairs.json",
            "hc-birth-certificates", "records/health.json");

    public static DemoDataset load() {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = read(mapper, "catalogue.json");
        Map<String, String> deptNames = new LinkedHashMap<>();
        List<Department> departments = new ArrayList<>();
        for (JsonNode d : root.path("departments")) {
            departments.add(new Department(
                    d.path("code").asText(), d.path("name").asText(), text(d, "nameEn"), text(d, "region")));
            deptNames.put(d.path("code").asText(), d.path("name").asText());
        }
        List<ExchangeSystem> systems = new ArrayList<>();
        List<String> providers = new ArrayList<>();
        for (JsonNode s : root.path("systems")) {
            systems.add(new ExchangeSystem(
                    s.path("id").asText(),
                    s.path("name").asText(),
                    s.path("departmentCode").asText(),
                    SystemKind.valueOf(s.path("kind").asText())));
            if ("PROVIDER".equals(s.path("role").asText())) {
                providers.add(s.path("id").asText());
            }
        }
        List<Resource> resources = new ArrayList<>();
        for (JsonNode r : root.path("resources")) {
            resources.add(resource(r, deptNames));
        }
        List<ServiceItem> items = new ArrayList<>();
        for (JsonNode s : root.path("serviceItems")) {
            items.add(serviceItem(s));
        }
        Map<String, JsonNode> records = new LinkedHashMap<>();
        for (String provider : providers) {
            String file = RECORDS.get(provider);
            if (file != null) {
                records.put(provider, read(mapper, file));
            }
        }
        return new DemoDataset(
                List.copyOf(departments),
                List.copyOf(systems),
                List.copyOf(providers),
                List.copyOf(resources),
                List.copyOf(items),
                Map.copyOf(records));
    }

    /** The resources a provider system serves. */
    public List<Resource> resourcesOf(String providerSystem) {
        return resources.stream()
                .filter(r -> providerSystem.equals(r.providerSystem()))
                .toList();
    }

    private static Resource resource(JsonNode r, Map<String, String> deptNames) {
        List<InformationItem> items = new ArrayList<>();
        for (JsonNode i : r.path("items")) {
            items.add(new InformationItem(
                    i.path("name").asText(),
                    text(i, "label"),
                    i.path("dataType").asText(),
                    i.hasNonNull("length") ? i.path("length").asInt() : null,
                    i.path("required").asBoolean(),
                    i.path("sensitive").asBoolean(),
                    text(i, "masking")));
        }
        String provider = r.path("providerCode").asText();
        return new Resource(
                r.path("code").asText(),
                1,
                r.path("name").asText(),
                provider,
                deptNames.get(provider),
                text(r, "providerSystem"),
                ResourceClass.valueOf(r.path("classification").asText()),
                text(r, "classificationCode"),
                text(r, "abstract"),
                text(r, "format"),
                text(r, "subjectType"),
                SharingType.valueOf(r.path("sharingType").asText()),
                text(r, "sharingCondition"),
                text(r, "sharingBasis"),
                r.path("sharingMethod").asText("API_PULL"),
                r.path("openToPublic").asBoolean(false),
                text(r, "updateCycle"),
                r.hasNonNull("publishDate")
                        ? LocalDate.parse(r.path("publishDate").asText())
                        : null,
                text(r, "endpointPath"),
                items);
    }

    private static ServiceItem serviceItem(JsonNode s) {
        List<RetainedProof> proofs = new ArrayList<>();
        for (JsonNode p : s.path("proofs")) {
            Map<String, String> mapping = new LinkedHashMap<>();
            p.path("fieldMapping")
                    .properties()
                    .forEach(e -> mapping.put(e.getKey(), e.getValue().asText()));
            proofs.add(new RetainedProof(
                    p.path("code").asText(),
                    p.path("name").asText(),
                    text(p, "use"),
                    text(p, "legalBasis"),
                    text(p, "article"),
                    text(p, "demandingUnit"),
                    text(p, "issuingUnit"),
                    text(p, "level"),
                    p.path("notifyCommitAllowed").asBoolean(),
                    text(p, "notifyCommitExclusionReason"),
                    p.path("satisfiedBy").asText(),
                    text(p, "resourceCode"),
                    mapping,
                    text(p, "licenceTypeCode"),
                    text(p, "paperReason")));
        }
        return new ServiceItem(
                s.path("code").asText(),
                s.path("name").asText(),
                text(s, "nameEn"),
                s.path("departmentCode").asText(),
                text(s, "itemType"),
                proofs);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode read(ObjectMapper mapper, String name) {
        try (InputStream in = DemoDataset.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("demo dataset file missing from the classpath: " + BASE + name);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo dataset " + name, e);
        }
    }
}
