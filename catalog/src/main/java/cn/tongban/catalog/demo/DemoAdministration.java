package cn.tongban.catalog.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.catalog.admin.Responsibilities;
import cn.tongban.catalog.auth.Application;

/**
 * The administrative part of the demo catalogue ({@code catalogue.json}): responsibility lists and
 * authorisations in their three demo states (granted on registration, approved, pending).
 */
public record DemoAdministration(
        List<Responsibilities.Entry> responsibilities, List<DemoAuthorisation> authorisations) {

    /** How a demo authorisation ends up: GRANTED_ON_REGISTRATION, APPROVED (by {@code approver}) or PENDING. */
    public record DemoAuthorisation(Application application, String outcome, String approver) {}

    public static DemoAdministration load() {
        JsonNode root;
        try (InputStream in =
                DemoAdministration.class.getClassLoader().getResourceAsStream("tongban/demo/catalogue.json")) {
            if (in == null) {
                throw new IllegalStateException("demo catalogue missing from the classpath");
            }
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Responsibilities.Entry> entries = new ArrayList<>();
        for (JsonNode r : root.path("responsibilities")) {
            entries.add(new Responsibilities.Entry(
                    r.path("departmentCode").asText(),
                    r.path("resourceCode").asText(),
                    r.path("name").asText(),
                    r.path("basis").asText(null),
                    false));
        }
        List<DemoAuthorisation> authorisations = new ArrayList<>();
        for (JsonNode a : root.path("authorisations")) {
            List<String> fields = new ArrayList<>();
            a.path("fields").forEach(f -> fields.add(f.asText()));
            authorisations.add(new DemoAuthorisation(
                    new Application(
                            a.path("consumerSystem").asText(),
                            a.path("resourceCode").asText(),
                            a.path("purpose").asText(),
                            a.path("serviceItemCode").asText(),
                            fields,
                            a.path("legalBasis").asText(),
                            null,
                            null),
                    a.path("outcome").asText(),
                    a.path("approver").asText(null)));
        }
        return new DemoAdministration(List.copyOf(entries), List.copyOf(authorisations));
    }
}
