package cn.tongban.catalog.auth;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import cn.tongban.catalog.Page;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.admin.ChangeLog;
import cn.tongban.catalog.admin.ConflictException;
import cn.tongban.catalog.admin.NotFoundException;
import cn.tongban.catalog.admin.NotPermittedException;
import cn.tongban.catalog.admin.StaleVersionException;
import cn.tongban.catalog.admin.ValidationException;
import cn.tongban.catalog.admin.Violation;

/**
 * Authorisations (国发〔2016〕51号, docs/STANDARDS.md §4): unconditional resources are granted on registration,
 * conditional ones wait for an approver of the provider department within a deadline of working days, a
 * refusal states its reason, grants expire and can be revoked. {@link #decide} is the query the exchange
 * enforces.
 */
public class Authorisations {

    public static final String ENTITY = "AUTHORISATION";
    /** Who decides an unconditional resource's application. */
    public static final String PLATFORM = "platform:unconditional";

    private static final String COLUMNS = "id, consumer_system, resource_code, purpose, service_item_code, fields,"
            + " legal_basis, status, valid_from, valid_until, applied_at, applied_by, decision_due, decided_at,"
            + " decided_by, refusal_reason, revoked_at, revoked_by, revocation_reason, version";

    private final JdbcClient jdbc;
    private final ResourceRepository resources;
    private final ChangeLog changes;
    private final TransactionOperations tx;
    private final WorkingDayCalendar calendar;
    private final int deadlineWorkingDays;
    private final Duration defaultValidity;
    private final Clock clock;
    private final ZoneId zone;

    public Authorisations(JdbcClient jdbc, ResourceRepository resources, ChangeLog changes, TransactionOperations tx,
                          WorkingDayCalendar calendar, int deadlineWorkingDays, Duration defaultValidity,
                          Clock clock, ZoneId zone) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.changes = changes;
        this.tx = tx;
        this.calendar = calendar;
        this.deadlineWorkingDays = deadlineWorkingDays;
        this.defaultValidity = defaultValidity;
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Registers an application; grants it at once if the resource is unconditional. */
    public Authorisation apply(Application a, Actor actor) {
        return tx.execute(status -> {
            Instant now = clock.instant();
            Instant from = a.validFrom() == null ? now : a.validFrom();
            Instant until = a.validUntil() == null ? from.plus(defaultValidity) : a.validUntil();
            List<Violation> v = new ArrayList<>();
            Resource r = validate(a, from, until, now, v);
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            boolean unconditional = r.sharingType() == SharingType.UNCONDITIONAL;
            Authorisation created = new Authorisation(UUID.randomUUID().toString(), a.consumerSystem(),
                    a.resourceCode(), a.purpose().strip(), a.serviceItemCode(), a.fields(), a.legalBasis().strip(),
                    unconditional ? AuthorisationStatus.GRANTED : AuthorisationStatus.PENDING, from, until, now,
                    actor.name(), unconditional ? null : calendar.addWorkingDays(today(), deadlineWorkingDays),
                    unconditional ? now : null, unconditional ? PLATFORM : null, null, null, null, null, 1);
            insert(created);
            changes.record(now, actor.name(), ENTITY, created.id(), "APPLY", 1,
                    created.consumerSystem() + " -> " + created.resourceCode() + " " + created.storedStatus());
            return created;
        });
    }

    /**
     * How far before now an application's {@code validFrom} may lie (clock skew between the applicant and the
     * platform, a form filled in yesterday); an earlier start is refused as {@code BACKDATED_VALIDITY}.
     */
    public static final Duration MAX_BACKDATE = Duration.ofDays(1);
    /**
     * How many years ahead an authorisation may end at most ({@code VALIDITY_TOO_LONG} beyond): a grant is reviewed
     * at least this often, and a date like 9999-12-31 is a typing error, not a permission.
     */
    public static final int MAX_YEARS_AHEAD = 5;

    private Instant latestEnd(Instant now) {
        return now.atZone(zone).plusYears(MAX_YEARS_AHEAD).toInstant();
    }

    private Resource validate(Application a, Instant from, Instant until, Instant now, List<Violation> v) {
        if (blank(a.consumerSystem())) {
            v.add(new Violation("consumerSystem", "is required", "REQUIRED"));
        } else if (count("SELECT COUNT(*) FROM exchange_system WHERE id = ?", a.consumerSystem()) == 0) {
            v.add(new Violation("consumerSystem", "names no registered system", "UNKNOWN_SYSTEM"));
        }
        Resource r = null;
        if (blank(a.resourceCode())) {
            v.add(new Violation("resourceCode", "is required", "REQUIRED"));
        } else {
            r = resources.find(a.resourceCode()).orElse(null);
            if (r == null) {
                v.add(new Violation("resourceCode", "names no resource in the catalogue", "UNKNOWN_RESOURCE"));
            } else if (r.status() != ResourceStatus.PUBLISHED) {
                v.add(new Violation("resourceCode", "is " + r.status() + "; only published resources are shared",
                        "RESOURCE_NOT_PUBLISHED"));
            } else if (r.sharingType() == SharingType.NOT_SHARED) {
                v.add(new Violation("resourceCode", "is not shared (不予共享): " + r.sharingBasis(), "NOT_SHARED"));
            }
        }
        if (blank(a.purpose())) {
            v.add(new Violation("purpose", "is required: the data may be used only for the stated purpose",
                    "REQUIRED"));
        } else if (a.purpose().length() > 500) {
            v.add(new Violation("purpose", "must be at most 500 characters", "LENGTH"));
        }
        if (blank(a.serviceItemCode())) {
            v.add(new Violation("serviceItemCode", "is required", "REQUIRED"));
        } else if (count("SELECT COUNT(*) FROM service_item WHERE code = ?", a.serviceItemCode()) == 0) {
            v.add(new Violation("serviceItemCode", "names no service item", "UNKNOWN_SERVICE_ITEM"));
        }
        if (blank(a.legalBasis())) {
            v.add(new Violation("legalBasis", "is required", "REQUIRED"));
        } else if (a.legalBasis().length() > 1000) {
            v.add(new Violation("legalBasis", "must be at most 1000 characters", "LENGTH"));
        }
        if (a.fields().isEmpty()) {
            v.add(new Violation("fields", "name at least one information item", "REQUIRED"));
        }
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < a.fields().size(); k++) {
            String f = a.fields().get(k);
            if (!seen.add(f)) {
                v.add(new Violation("fields[" + k + "]", "is listed twice", "DUPLICATE"));
            } else if (r != null && r.item(f) == null) {
                v.add(new Violation("fields[" + k + "]", "is not an information item of " + r.code(),
                        "UNKNOWN_FIELD"));
            }
        }
        if (!until.isAfter(from)) {
            v.add(new Violation("validUntil", "must be after validFrom", "INVALID_VALIDITY"));
        } else if (!until.isAfter(now)) {
            v.add(new Violation("validUntil", "has already passed", "EXPIRED_VALIDITY"));
        } else if (from.isBefore(now.minus(MAX_BACKDATE))) {
            v.add(new Violation("validFrom", "must not be more than " + MAX_BACKDATE.toHours()
                    + " hours before now (" + now.minus(MAX_BACKDATE) + "): an authorisation cannot be granted"
                    + " for the past", "BACKDATED_VALIDITY"));
        } else if (until.isAfter(latestEnd(now))) {
            v.add(new Violation(a.validUntil() == null ? "validFrom" : "validUntil", "must end by "
                    + latestEnd(now) + " (" + MAX_YEARS_AHEAD + " years from now); apply again when it expires",
                    "VALIDITY_TOO_LONG"));
        } else if (r != null && !blank(a.consumerSystem()) && !blank(a.purpose())) {
            for (Authorisation other : of(a.consumerSystem(), r.code())) {
                AuthorisationStatus s = other.statusAt(now);
                if ((s == AuthorisationStatus.PENDING || s == AuthorisationStatus.GRANTED)
                        && other.purpose().equals(a.purpose().strip())
                        && other.validFrom().isBefore(until) && from.isBefore(other.validUntil())) {
                    v.add(new Violation("validFrom", "overlaps the validity of authorisation " + other.id() + " ("
                            + s + ", " + other.validFrom() + " to " + other.validUntil() + ") for the same purpose",
                            "OVERLAPPING_VALIDITY"));
                    break;
                }
            }
        }
        return r;
    }

    /** The provider's approver grants a pending application. */
    public Authorisation approve(String id, int expectedVersion, Actor approver) {
        return decide(id, expectedVersion, approver, AuthorisationStatus.GRANTED, null);
    }

    /** The provider's approver refuses a pending application, with the reason (required). */
    public Authorisation refuse(String id, int expectedVersion, Actor approver, String reason) {
        if (blank(reason)) {
            throw ValidationException.of("reason", "a refusal must state its reason", "REASON_REQUIRED");
        }
        return decide(id, expectedVersion, approver, AuthorisationStatus.REFUSED, reason.strip());
    }

    private Authorisation decide(String id, int expectedVersion, Actor approver, AuthorisationStatus outcome,
                                 String reason) {
        return tx.execute(status -> {
            Authorisation a = current(id, expectedVersion);
            Resource r = resources.find(a.resourceCode()).orElseThrow();
            if (approver.departmentCode() == null || !approver.departmentCode().equals(r.providerCode())) {
                throw new NotPermittedException("NOT_PROVIDER_APPROVER", "Only an approver of the provider department "
                        + r.providerCode() + " may decide applications for " + r.code());
            }
            if (a.storedStatus() != AuthorisationStatus.PENDING) {
                throw new ConflictException("INVALID_STATE", "Authorisation " + id + " is " + a.storedStatus()
                        + "; only a pending application can be decided");
            }
            Instant now = clock.instant();
            update(id, expectedVersion, "status = ?, decided_at = ?, decided_by = ?, refusal_reason = ?",
                    outcome.name(), Timestamp.from(now), approver.name(), reason);
            changes.record(now, approver.name(), ENTITY, id, outcome == AuthorisationStatus.GRANTED ? "APPROVE"
                    : "REFUSE", expectedVersion + 1, reason);
            return find(id).orElseThrow();
        });
    }

    /** Revokes a grant: by an approver of the provider department or a data administrator; reason required. */
    public Authorisation revoke(String id, int expectedVersion, Actor actor, String reason) {
        if (blank(reason)) {
            throw ValidationException.of("reason", "a revocation must state its reason", "REASON_REQUIRED");
        }
        return tx.execute(status -> {
            Authorisation a = current(id, expectedVersion);
            Resource r = resources.find(a.resourceCode()).orElseThrow();
            if (!actor.dataAdmin() && (actor.departmentCode() == null
                    || !actor.departmentCode().equals(r.providerCode()))) {
                throw new NotPermittedException("NOT_PROVIDER_APPROVER", "Only an approver of the provider department "
                        + r.providerCode() + " or a data administrator may revoke authorisations for " + r.code());
            }
            Instant now = clock.instant();
            if (a.statusAt(now) != AuthorisationStatus.GRANTED) {
                throw new ConflictException("INVALID_STATE", "Authorisation " + id + " is " + a.statusAt(now)
                        + "; only a granted, unexpired authorisation can be revoked");
            }
            update(id, expectedVersion, "status = ?, revoked_at = ?, revoked_by = ?, revocation_reason = ?",
                    AuthorisationStatus.REVOKED.name(), Timestamp.from(now), actor.name(), reason.strip());
            changes.record(now, actor.name(), ENTITY, id, "REVOKE", expectedVersion + 1, reason.strip());
            return find(id).orElseThrow();
        });
    }

    private Authorisation current(String id, int expectedVersion) {
        Authorisation a = find(id).orElseThrow(() -> new NotFoundException(NotFoundException.Kind.AUTHORISATION, id));
        if (a.version() != expectedVersion) {
            throw new StaleVersionException("Authorisation " + id, expectedVersion, a.version());
        }
        return a;
    }

    private void update(String id, int expectedVersion, String set, Object... values) {
        List<Object> params = new ArrayList<>(java.util.Arrays.asList(values));
        params.add(id);
        params.add(expectedVersion);
        int n = jdbc.sql("UPDATE authorisation SET " + set + ", version = version + 1 WHERE id = ? AND version = ?")
                .params(params).update();
        if (n == 0) {
            throw new StaleVersionException("Authorisation " + id, expectedVersion,
                    find(id).map(Authorisation::version).orElse(-1));
        }
    }

    public Optional<Authorisation> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorisation WHERE id = ?").param(id)
                .query((rs, n) -> row(rs)).optional();
    }

    /** Filters (null = any) with paging, newest application first. {@code status} EXPIRED is evaluated now. */
    public Page<Authorisation> search(String consumer, String resourceCode, String providerCode,
                                      AuthorisationStatus status, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (consumer != null) {
            where.append(" AND a.consumer_system = ?");
            params.add(consumer);
        }
        if (resourceCode != null) {
            where.append(" AND a.resource_code = ?");
            params.add(resourceCode);
        }
        if (providerCode != null) {
            where.append(" AND r.provider_code = ?");
            params.add(providerCode);
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (status == AuthorisationStatus.EXPIRED) {
            where.append(" AND a.status = 'GRANTED' AND a.valid_until <= ?");
            params.add(now);
        } else if (status == AuthorisationStatus.GRANTED) {
            where.append(" AND a.status = 'GRANTED' AND a.valid_until > ?");
            params.add(now);
        } else if (status != null) {
            where.append(" AND a.status = ?");
            params.add(status.name());
        }
        String from = " FROM authorisation a JOIN resource r ON r.code = a.resource_code";
        long total = jdbc.sql("SELECT COUNT(*)" + from + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Authorisation> items = jdbc.sql("SELECT " + COLUMNS.replaceAll("(^|, )(\\w)", "$1a.$2") + from + where
                        + " ORDER BY a.applied_at DESC, a.id LIMIT ? OFFSET ?")
                .params(pageParams).query((rs, n) -> row(rs)).list();
        return new Page<>(items, page, size, total);
    }

    private List<Authorisation> of(String consumer, String resourceCode) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM authorisation WHERE consumer_system = ? AND resource_code = ?")
                .params(consumer, resourceCode).query((rs, n) -> row(rs)).list();
    }

    /**
     * Is consumer system {@code consumer} authorised to pull {@code fields} of resource {@code resourceCode} for
     * {@code purpose} at {@code at}? {@code purpose} matches an authorisation's purpose or its service item
     * code. An authorisation revoked after {@code at} still counted at {@code at}; one decided after it did not.
     */
    public Decision decide(String consumer, String resourceCode, String purpose, List<String> fields, Instant at) {
        Resource r = resources.find(resourceCode).orElse(null);
        if (r == null) {
            return Decision.deny(Decision.Reason.UNKNOWN_RESOURCE, "No resource " + resourceCode, null);
        }
        if (r.status() != ResourceStatus.PUBLISHED) {
            return Decision.deny(Decision.Reason.RESOURCE_NOT_PUBLISHED, "Resource is " + r.status(), null);
        }
        if (r.sharingType() == SharingType.NOT_SHARED) {
            return Decision.deny(Decision.Reason.NOT_SHARED, "Not shared: " + r.sharingBasis(), null);
        }
        List<String> unknown = fields.stream().filter(f -> r.item(f) == null).toList();
        if (!unknown.isEmpty()) {
            return new Decision(false, Decision.Reason.UNKNOWN_FIELDS, "Not information items of " + resourceCode,
                    null, unknown);
        }
        List<Authorisation> candidates = of(consumer, resourceCode).stream()
                .filter(a -> purpose != null && (purpose.equals(a.purpose()) || purpose.equals(a.serviceItemCode())))
                .sorted(Comparator.comparing(Authorisation::appliedAt).reversed())
                .toList();
        if (candidates.isEmpty()) {
            return Decision.deny(Decision.Reason.NO_AUTHORISATION, "No application by " + consumer + " for "
                    + resourceCode + " with purpose " + purpose, null);
        }
        Authorisation bestPartial = null;
        List<String> bestMissing = null;
        for (Authorisation a : candidates) {
            if (effectiveAt(a, at)) {
                List<String> missing = fields.stream().filter(f -> !a.fields().contains(f)).toList();
                if (missing.isEmpty()) {
                    return new Decision(true, Decision.Reason.GRANTED, "Granted until " + a.validUntil(), a.id(),
                            List.of());
                }
                if (bestMissing == null || missing.size() < bestMissing.size()) {
                    bestPartial = a;
                    bestMissing = missing;
                }
            }
        }
        if (bestPartial != null) {
            return new Decision(false, Decision.Reason.FIELDS_NOT_AUTHORISED, "Fields outside the authorisation",
                    bestPartial.id(), bestMissing);
        }
        for (Decision.Reason reason : List.of(Decision.Reason.REVOKED, Decision.Reason.EXPIRED,
                Decision.Reason.NOT_YET_VALID, Decision.Reason.PENDING, Decision.Reason.REFUSED)) {
            for (Authorisation a : candidates) {
                if (reasonAt(a, at) == reason) {
                    return Decision.deny(reason, describe(a, reason), a.id());
                }
            }
        }
        return Decision.deny(Decision.Reason.NO_AUTHORISATION, "No authorisation in force at " + at, null);
    }

    private static boolean effectiveAt(Authorisation a, Instant at) {
        boolean granted = a.storedStatus() == AuthorisationStatus.GRANTED
                || (a.storedStatus() == AuthorisationStatus.REVOKED && a.revokedAt().isAfter(at));
        return granted && a.decidedAt() != null && !a.decidedAt().isAfter(at)
                && !a.validFrom().isAfter(at) && a.validUntil().isAfter(at);
    }

    @SuppressWarnings("fallthrough") // a revocation still ahead falls through to the grant it still is
    private static Decision.Reason reasonAt(Authorisation a, Instant at) {
        switch (a.storedStatus()) {
            case PENDING:
                return Decision.Reason.PENDING;
            case REFUSED:
                return a.decidedAt().isAfter(at) ? Decision.Reason.PENDING : Decision.Reason.REFUSED;
            case REVOKED:
                if (!a.revokedAt().isAfter(at)) {
                    return Decision.Reason.REVOKED;
                }
                // fall through: before its revocation it was a grant
            default:
                if (a.decidedAt() != null && a.decidedAt().isAfter(at)) {
                    return Decision.Reason.PENDING;
                }
                if (a.validFrom().isAfter(at)) {
                    return Decision.Reason.NOT_YET_VALID;
                }
                return Decision.Reason.EXPIRED;
        }
    }

    private static String describe(Authorisation a, Decision.Reason reason) {
        return switch (reason) {
            case REVOKED -> "Revoked at " + a.revokedAt() + ": " + a.revocationReason();
            case EXPIRED -> "Expired at " + a.validUntil();
            case NOT_YET_VALID -> "Valid from " + a.validFrom();
            case PENDING -> "Awaiting the provider's approval, due " + a.decisionDue();
            case REFUSED -> "Refused: " + a.refusalReason();
            default -> reason.name();
        };
    }

    private void insert(Authorisation a) {
        jdbc.sql("INSERT INTO authorisation (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?)")
                .params(a.id(), a.consumerSystem(), a.resourceCode(), a.purpose(), a.serviceItemCode(),
                        String.join(";", a.fields()), a.legalBasis(), a.storedStatus().name(), ts(a.validFrom()),
                        ts(a.validUntil()), ts(a.appliedAt()), a.appliedBy(),
                        a.decisionDue() == null ? null : Date.valueOf(a.decisionDue()), ts(a.decidedAt()),
                        a.decidedBy(), a.refusalReason(), ts(a.revokedAt()), a.revokedBy(), a.revocationReason(),
                        a.version())
                .update();
    }

    private static Authorisation row(ResultSet rs) throws SQLException {
        Date due = rs.getDate("decision_due");
        return new Authorisation(rs.getString("id"), rs.getString("consumer_system"), rs.getString("resource_code"),
                rs.getString("purpose"), rs.getString("service_item_code"),
                ResourceRepository.splitCodes(rs.getString("fields")), rs.getString("legal_basis"),
                AuthorisationStatus.valueOf(rs.getString("status")), instant(rs, "valid_from"),
                instant(rs, "valid_until"), instant(rs, "applied_at"), rs.getString("applied_by"),
                due == null ? null : due.toLocalDate(), instant(rs, "decided_at"), rs.getString("decided_by"),
                rs.getString("refusal_reason"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
                rs.getString("revocation_reason"), rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private long count(String sql, String param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
