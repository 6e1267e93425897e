package cn.tongban.catalog.authorisation;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.SharingType;

/**
 * Applications for resources and their decisions (STANDARDS §4 sharing types):
 * <ul>
 *   <li>不予共享 (not shared): an application is refused at once as invalid;</li>
 *   <li>无条件共享 (unconditional): granted on registration, valid for {@code grantFor};</li>
 *   <li>有条件共享 (conditional): PENDING until an approver <em>of the provider department</em> approves (with an
 *       expiry) or refuses (with a reason); the approver has {@code deadlineDays} working days
 *       ({@link WorkingDays}), after which the application is reported overdue.</li>
 * </ul>
 * An approved grant can be revoked with a reason. Decisions quote the version they saw (optimistic locking): a
 * stale version is refused, so two approvers cannot both decide.
 */
public final class AuthorisationService {

    private final JdbcClient jdbc;
    private final ResourceRepository resources;
    private final Clock clock;
    private final ZoneId zone;
    private final WorkingDays calendar;
    private final int deadlineDays;
    private final Duration grantFor;

    public AuthorisationService(JdbcClient jdbc, ResourceRepository resources, Clock clock, ZoneId zone,
                                WorkingDays calendar, int deadlineDays, Duration grantFor) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.clock = clock;
        this.zone = zone;
        this.calendar = calendar;
        this.deadlineDays = deadlineDays;
        this.grantFor = grantFor;
    }

    /** An application by {@code consumerSystem}, made by {@code requestedBy} (the system, or a person for it). */
    public Authorisation apply(String consumerSystem, String resourceCode, String purpose, String serviceItem,
                               List<String> fields, String legalBasis, String requestedBy) {
        Resource r = resources.find(resourceCode).orElseThrow(() -> new AuthorisationException(
                AuthorisationException.Kind.NOT_FOUND, resourceCode + " is not in the catalogue", List.of()));
        List<String> v = new ArrayList<>();
        text(v, "purpose", purpose, 200, true);
        text(v, "serviceItem", serviceItem, 200, false);
        text(v, "legalBasis", legalBasis, 2000, true);
        Set<String> items = new LinkedHashSet<>();
        r.items().stream().map(InformationItem::name).forEach(items::add);
        if (fields == null || fields.isEmpty()) {
            v.add("fields: at least one information item");
        } else {
            for (String f : new LinkedHashSet<>(fields)) {
                if (!items.contains(f)) {
                    v.add("fields: " + f + " is not an information item of " + resourceCode);
                }
            }
        }
        if (r.sharingType() == SharingType.NOT_SHARED) {
            v.add("resourceCode: " + resourceCode + " is not shared" + (r.sharingBasis() == null ? ""
                    : " (" + r.sharingBasis() + ")"));
        }
        if (jdbc.sql("SELECT COUNT(*) FROM exchange_system WHERE id = ?").param(consumerSystem).query(Long.class)
                .single() == 0) {
            v.add("consumerSystem: " + consumerSystem + " is not a registered system");
        }
        if (!v.isEmpty()) {
            throw new AuthorisationException(AuthorisationException.Kind.INVALID, "the application violates "
                    + v.size() + " rule(s)", v);
        }
        Instant now = now();
        String id = UUID.randomUUID().toString();
        List<String> ordered = r.items().stream().map(InformationItem::name).filter(fields::contains).toList();
        boolean unconditional = r.sharingType() == SharingType.UNCONDITIONAL;
        LocalDate decideBy = unconditional ? null : calendar.plus(LocalDate.ofInstant(now, zone), deadlineDays);
        jdbc.sql("""
                INSERT INTO authorisation (id, consumer_system, resource_code, purpose, service_item, fields, legal_basis,
                    status, requested_at, requested_by, decide_by, decided_at, decided_by, valid_from, valid_to,
                    row_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""")
                .params(id, consumerSystem, resourceCode, purpose.strip(), blankToNull(serviceItem),
                        String.join(",", ordered), legalBasis.strip(),
                        unconditional ? "APPROVED" : "PENDING", ts(now), requestedBy,
                        decideBy == null ? null : Date.valueOf(decideBy), unconditional ? ts(now) : null,
                        unconditional ? "registration" : null, unconditional ? ts(now) : null,
                        unconditional ? ts(now.plus(grantFor)) : null)
                .update();
        return find(id).orElseThrow();
    }

    /**
     * Approves a pending application until {@code validTo}. {@code approverDepartment} must be the resource's
     * provider department.
     */
    public Authorisation approve(String id, String approverDepartment, String approver, Instant validTo, int version) {
        Authorisation a = pending(id, approverDepartment, version);
        Instant now = now();
        if (validTo == null || !validTo.isAfter(now)) {
            throw new AuthorisationException(AuthorisationException.Kind.INVALID, "validTo must be in the future",
                    List.of("validTo: must be after now"));
        }
        decide(a, "APPROVED", approver, null, now, validTo);
        return find(id).orElseThrow();
    }

    public Authorisation refuse(String id, String approverDepartment, String approver, String reason, int version) {
        Authorisation a = pending(id, approverDepartment, version);
        List<String> v = new ArrayList<>();
        text(v, "reason", reason, 2000, true);
        if (!v.isEmpty()) {
            throw new AuthorisationException(AuthorisationException.Kind.INVALID, "a refusal needs a reason", v);
        }
        decide(a, "REFUSED", approver, reason.strip(), null, null);
        return find(id).orElseThrow();
    }

    /** Revokes an approved grant; {@code actorDepartment} null means a data administrator (any resource). */
    public Authorisation revoke(String id, String actorDepartment, String actor, String reason, int version) {
        Authorisation a = find(id).orElseThrow(() -> notFound(id));
        permitted(a, actorDepartment);
        if (a.status() != Authorisation.Status.APPROVED) {
            throw new AuthorisationException(AuthorisationException.Kind.WRONG_STATE,
                    "only an approved authorisation can be revoked; this one is " + a.status(), List.of());
        }
        current(a, version);
        List<String> v = new ArrayList<>();
        text(v, "reason", reason, 2000, true);
        if (!v.isEmpty()) {
            throw new AuthorisationException(AuthorisationException.Kind.INVALID, "a revocation needs a reason", v);
        }
        int n = jdbc.sql("UPDATE authorisation SET status = 'REVOKED', decided_at = ?, decided_by = ?, reason = ?,"
                        + " row_version = row_version + 1 WHERE id = ? AND row_version = ?")
                .params(ts(now()), actor, reason.strip(), id, version).update();
        if (n == 0) {
            throw stale(id);
        }
        return find(id).orElseThrow();
    }

    public Optional<Authorisation> find(String id) {
        return jdbc.sql("SELECT * FROM authorisation WHERE id = ?").param(id).query(this::row).optional();
    }

    /**
     * Applications, newest first: of one consumer system, or for the resources of one provider department, or
     * all (both null); optionally of one status.
     */
    public List<Authorisation> list(String consumerSystem, String providerDepartment, Authorisation.Status status,
                                    int limit) {
        StringBuilder sql = new StringBuilder("SELECT a.* FROM authorisation a JOIN resource r ON r.code = a.resource_code"
                + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (consumerSystem != null) {
            sql.append(" AND a.consumer_system = ?");
            params.add(consumerSystem);
        }
        if (providerDepartment != null) {
            sql.append(" AND r.provider_code = ?");
            params.add(providerDepartment);
        }
        if (status != null) {
            sql.append(" AND a.status = ?");
            params.add(status.name());
        }
        sql.append(" ORDER BY a.requested_at DESC, a.id FETCH FIRST ").append(Math.max(1, Math.min(limit, 500)))
                .append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    /** Approved grants of a consumer for a resource that are valid at {@code at} (what the exchange enforces). */
    public List<Authorisation> approved(String consumerSystem, String resourceCode, Instant at) {
        return jdbc.sql("SELECT * FROM authorisation WHERE consumer_system = ? AND resource_code = ?"
                        + " AND status = 'APPROVED' AND valid_from <= ? AND valid_to > ?")
                .params(consumerSystem, resourceCode, ts(at), ts(at)).query(this::row).list();
    }

    /** Whether a pending application has passed its decision deadline. */
    public boolean overdue(Authorisation a) {
        return a.status() == Authorisation.Status.PENDING && a.decideBy() != null
                && LocalDate.ofInstant(now(), zone).isAfter(a.decideBy());
    }

    private Authorisation pending(String id, String approverDepartment, int version) {
        Authorisation a = find(id).orElseThrow(() -> notFound(id));
        permitted(a, approverDepartment);
        if (a.status() != Authorisation.Status.PENDING) {
            throw new AuthorisationException(AuthorisationException.Kind.WRONG_STATE,
                    "the application was already decided: " + a.status(), List.of());
        }
        current(a, version);
        return a;
    }

    private void permitted(Authorisation a, String department) {
        if (department == null) {
            return;
        }
        String provider = resources.find(a.resourceCode()).map(Resource::providerCode).orElse("");
        if (!provider.equals(department)) {
            throw new AuthorisationException(AuthorisationException.Kind.NOT_PERMITTED, "only the provider department "
                    + provider + " decides on applications for " + a.resourceCode(), List.of());
        }
    }

    private static void current(Authorisation a, int version) {
        if (a.version() != version) {
            throw stale(a.id());
        }
    }

    private void decide(Authorisation a, String status, String by, String reason, Instant from, Instant to) {
        int n = jdbc.sql("UPDATE authorisation SET status = ?, decided_at = ?, decided_by = ?, reason = ?,"
                        + " valid_from = ?, valid_to = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ?")
                .params(status, ts(now()), by, reason, from == null ? null : ts(from), to == null ? null : ts(to),
                        a.id(), a.version()).update();
        if (n == 0) {
            throw stale(a.id());
        }
    }

    private static AuthorisationException stale(String id) {
        return new AuthorisationException(AuthorisationException.Kind.STALE_VERSION,
                "authorisation " + id + " was changed by someone else; reload it and decide again", List.of());
    }

    private static AuthorisationException notFound(String id) {
        return new AuthorisationException(AuthorisationException.Kind.NOT_FOUND, "no authorisation " + id, List.of());
    }

    private static void text(List<String> v, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                v.add(field + ": required");
            }
        } else if (value.length() > max) {
            v.add(field + ": longer than " + max);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private Authorisation row(ResultSet rs, int n) throws SQLException {
        Date decideBy = rs.getDate("decide_by");
        String fields = rs.getString("fields");
        return new Authorisation(rs.getString("id"), rs.getString("consumer_system"), rs.getString("resource_code"),
                rs.getString("purpose"), rs.getString("service_item"),
                fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")), rs.getString("legal_basis"),
                Authorisation.Status.valueOf(rs.getString("status")), instant(rs, "requested_at"),
                rs.getString("requested_by"), decideBy == null ? null : decideBy.toLocalDate(),
                instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("reason"),
                instant(rs, "valid_from"), instant(rs, "valid_to"), rs.getInt("row_version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
