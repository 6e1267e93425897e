package cn.tongban.server.security;

import static cn.tongban.server.security.Role.APPROVER;
import static cn.tongban.server.security.Role.AUDITOR;
import static cn.tongban.server.security.Role.DATA_ADMIN;
import static cn.tongban.server.security.Role.SEAL_ADMIN;
import static cn.tongban.server.security.Role.SYSTEM;
import static cn.tongban.server.security.Role.WINDOW_APP;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every operation of the OpenAPI contracts, called once by every role and by an anonymous caller over HTTPS,
 * against {@link #ALLOWED}, the one table of who may call what. Allowed: the answer is neither 401 nor a role
 * refusal (403 {@code ACCESS_DENIED}); a data-level refusal such as {@code RESOURCE_NOT_FOUND} or 400 for the
 * minimal request is fine. Denied: 401 for the anonymous caller, 403 {@code ACCESS_DENIED} for a wrong role.
 * An operation missing from the table (or a table entry no contract has) fails the test. Requests are generated
 * from the contracts ({@link SampleRequests}) so that they pass binding and validation and reach the role check.
 */
class AuthorisationMatrixIT extends ServerWithEveryRole {

    static Set<Role> of(Role... roles) {
        return roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
    }

    /** Who may call each operation, by operationId. */
    static final Map<String, Set<Role>> ALLOWED = Map.ofEntries(
            // Administration of people
            entry("liftLockout", of(DATA_ADMIN)),
            // Audit
            entry("searchEntries", of(AUDITOR)),
            entry("getEntry", of(AUDITOR)),
            entry("exportEntries", of(AUDITOR)),
            entry("dailyCounts", of(AUDITOR)),
            entry("listTreeHeads", of(AUDITOR)),
            entry("publishTreeHead", of(AUDITOR)),
            entry("latestTreeHead", of(AUDITOR)),
            entry("signingKey", of(AUDITOR)),
            entry("inclusionProof", of(AUDITOR)),
            entry("consistencyProof", of(AUDITOR)),
            entry("verifyLog", of(AUDITOR)),
            entry("subjectReport", of(WINDOW_APP)),
            // Catalogue
            entry("searchResources", of(SYSTEM, WINDOW_APP, DATA_ADMIN, APPROVER)),
            entry("getResource", of(SYSTEM, WINDOW_APP, DATA_ADMIN, APPROVER)),
            entry("listDepartments", of(SYSTEM, WINDOW_APP, DATA_ADMIN, APPROVER)),
            entry("createResource", of(DATA_ADMIN)),
            entry("importResources", of(DATA_ADMIN)),
            entry("exportResources", of(DATA_ADMIN)),
            entry("updateResource", of(DATA_ADMIN)),
            entry("publishResource", of(DATA_ADMIN)),
            entry("retireResource", of(DATA_ADMIN)),
            entry("createDepartment", of(DATA_ADMIN)),
            entry("updateDepartment", of(DATA_ADMIN)),
            entry("addSystem", of(DATA_ADMIN)),
            entry("replaceResponsibilities", of(DATA_ADMIN)),
            entry("registerCertificate", of(DATA_ADMIN)),
            entry("listResourceVersions", of(DATA_ADMIN, APPROVER)),
            entry("getResourceVersion", of(DATA_ADMIN, APPROVER)),
            entry("getResourceAsOf", of(DATA_ADMIN, APPROVER)),
            entry("getResponsibilities", of(DATA_ADMIN, APPROVER)),
            entry("listMissingResponsibilities", of(DATA_ADMIN, APPROVER)),
            entry("listChanges", of(DATA_ADMIN, AUDITOR)),
            // Authorisations
            entry("applyForAuthorisation", of(SYSTEM, WINDOW_APP, DATA_ADMIN)),
            entry("searchAuthorisations", of(SYSTEM, WINDOW_APP, DATA_ADMIN, APPROVER)),
            entry("decideAuthorisation", of(SYSTEM, WINDOW_APP, DATA_ADMIN, APPROVER)),
            entry("getAuthorisation", of(SYSTEM, WINDOW_APP, DATA_ADMIN, APPROVER)),
            entry("approveAuthorisation", of(APPROVER)),
            entry("refuseAuthorisation", of(APPROVER)),
            entry("revokeAuthorisation", of(APPROVER, DATA_ADMIN)),
            // Exchange
            entry("whoAmI", of(SYSTEM, WINDOW_APP)),
            entry("pullResource", of(SYSTEM, WINDOW_APP)),
            entry("listSubscriptions", of(SYSTEM, WINDOW_APP)),
            entry("subscribe", of(SYSTEM, WINDOW_APP)),
            entry("cancelSubscription", of(SYSTEM, WINDOW_APP)),
            entry("publishEvent", of(SYSTEM)),
            entry("listDeadLetters", of(SYSTEM, WINDOW_APP)),
            entry("redeliver", of(SYSTEM, WINDOW_APP)),
            entry("uploadDataset", of(SYSTEM)),
            entry("listDatasetVersions", of(SYSTEM, WINDOW_APP)),
            entry("downloadDataset", of(SYSTEM, WINDOW_APP)),
            entry("downloadDatasetErrors", of(SYSTEM)),
            // Proofs
            entry("createServiceItem", of(DATA_ADMIN)),
            entry("updateServiceItem", of(DATA_ADMIN)),
            entry("getServiceItem", of(WINDOW_APP, SYSTEM, DATA_ADMIN)),
            entry("checkDemand", of(WINDOW_APP, SYSTEM, DATA_ADMIN)),
            entry("requestProof", of(WINDOW_APP, SYSTEM)),
            // Seals
            entry("listSeals", of(SEAL_ADMIN, AUDITOR)),
            entry("getSeal", of(SEAL_ADMIN, AUDITOR)),
            entry("makeSeal", of(SEAL_ADMIN)),
            entry("changeSealStatus", of(SEAL_ADMIN)),
            entry("downloadSeal", of(SEAL_ADMIN, AUDITOR, SYSTEM, WINDOW_APP)),
            entry("stampDocument", of(SYSTEM)),
            entry("inspectSeal", of(SEAL_ADMIN, WINDOW_APP, SYSTEM)),
            // Verifications
            entry("verifyDocument", of(WINDOW_APP, SYSTEM, DATA_ADMIN, SEAL_ADMIN)),
            entry("checkIdentifier", of(WINDOW_APP, SYSTEM, DATA_ADMIN)));

    /** Parameter values that must name the calling system itself ({@code {self}}), by operationId.parameter. */
    static final Map<String, String> SELF_PARAMETERS = Map.of("decideAuthorisation.consumer", "{self}");

    @Autowired
    ObjectMapper mapper;

    @Test
    void everyOperationOfTheContractsHasADecisionInTheTable() throws Exception {
        Set<String> inContracts = new TreeSet<>(
                SampleRequests.load().stream().map(SampleRequests.Operation::id).toList());
        assertThat(inContracts)
                .as("operations without a decision, or decisions for no operation")
                .isEqualTo(new TreeSet<>(ALLOWED.keySet()));
    }

    @Test
    void everyRoleAndAnAnonymousCallerGetExactlyWhatTheTableSaysForEveryOperation() throws Exception {
        List<Role> callers = new ArrayList<>(List.of(Role.values()));
        callers.add(null); // anonymous
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (SampleRequests.Operation op : SampleRequests.load()) {
            Set<Role> allowed = ALLOWED.getOrDefault(op.id(), Set.of());
            for (Role caller : callers) {
                String self = caller == null ? "x" : SYSTEMS.getOrDefault(caller, "x");
                HttpResponse<String> r =
                        call(caller, op.method(), op.pathAndQuery(self, SELF_PARAMETERS), op.contentType(), op.body());
                cells++;
                String code = code(r);
                boolean roleRefusal = r.statusCode() == 401 || r.statusCode() == 403 && "ACCESS_DENIED".equals(code);
                String who = caller == null ? "anonymous" : caller.name();
                if (caller == null && r.statusCode() != 401) {
                    wrong.add(op.id() + " as anonymous: " + r.statusCode() + " " + code + ", not 401");
                } else if (caller != null && allowed.contains(caller) && roleRefusal) {
                    wrong.add(op.id() + " as " + who + " (allowed): " + r.statusCode() + " " + code);
                } else if (caller != null
                        && !allowed.contains(caller)
                        && !(r.statusCode() == 403 && "ACCESS_DENIED".equals(code))) {
                    wrong.add(op.id() + " as " + who + " (denied): " + r.statusCode() + " " + code
                            + ", not 403 ACCESS_DENIED");
                }
            }
        }
        assertThat(wrong).as("cells that differ from the table").isEmpty();
        assertThat(cells).isEqualTo(ALLOWED.size() * callers.size());
    }

    private String code(HttpResponse<String> r) {
        try {
            JsonNode n = mapper.readTree(r.body());
            return n == null ? "" : n.path("code").asText("");
        } catch (Exception notJson) {
            return "";
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
