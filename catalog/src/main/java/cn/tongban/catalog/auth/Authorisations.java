package cn.tongban.catalog.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import cn.tongban.catalog.Page;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
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
 * refusal states its reason, grants expire and can be revoked. {@link #decide} answers, with
 * {@link AuthorisationDecision}, the question the exchange enforces; {@link #held} is what the exchange decides on.
 */
public class Authorisations {

    public static final String ENTITY = "AUTHORISATION";
    /** Who decides an unconditional resource's application. */
    public static final String PLATFORM = "platform:unconditional";

    private final AuthorisationStore store;
    private final ApplicationValidator validator;
    private final ResourceRepository resources;
    private final ChangeLog changes;
    private final TransactionOperations tx;
    private final WorkingDayCalendar calendar;
    private final int deadlineWorkingDays;
    private final Duration defaultValidity;
    private final Clock clock;
    private final ZoneId zone;

    public Authorisations(
            JdbcClient jdbc,
            ResourceRepository resources,
            ChangeLog changes,
            TransactionOperations tx,
            WorkingDayCalendar calendar,
            int deadlineWorkingDays,
            Duration defaultValidity,
            Clock clock,
            ZoneId zone) {
        this.store = new AuthorisationStore(jdbc);
        this.validator = new ApplicationValidator(resources, store, zone);
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
            Resource r = validator.validate(a, from, until, now, v);
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            boolean unconditional = r.sharingType() == SharingType.UNCONDITIONAL;
            Authorisation created = new Authorisation(
                    UUID.randomUUID().toString(),
                    a.consumerSystem(),
                    a.resourceCode(),
                    a.purpose().strip(),
                    a.serviceItemCode(),
                    a.fields(),
                    a.legalBasis().strip(),
                    unconditional ? AuthorisationStatus.GRANTED : AuthorisationStatus.PENDING,
                    from,
                    until,
                    now,
                    actor.name(),
                    unconditional ? null : calendar.addWorkingDays(today(), deadlineWorkingDays),
                    unconditional ? now : null,
                    unconditional ? PLATFORM : null,
                    null,
                    null,
                    null,
                    null,
                    1);
            store.insert(created);
            changes.record(
                    now,
                    actor.name(),
                    ENTITY,
                    created.id(),
                    "APPLY",
                    1,
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

    /** The provider's approver grants a pending application. */
    public Authorisation approve(String id, int expectedVersion, Actor approver) {
        return settle(id, expectedVersion, approver, AuthorisationStatus.GRANTED, null);
    }

    /** The provider's approver refuses a pending application, with the reason (required). */
    public Authorisation refuse(String id, int expectedVersion, Actor approver, String reason) {
        if (blank(reason)) {
            throw ValidationException.of("reason", "a refusal must state its reason", "REASON_REQUIRED");
        }
        return settle(id, expectedVersion, approver, AuthorisationStatus.REFUSED, reason.strip());
    }

    private Authorisation settle(
            String id, int expectedVersion, Actor approver, AuthorisationStatus outcome, String reason) {
        return tx.execute(status -> {
            Authorisation a = current(id, expectedVersion);
            Resource r = resources.find(a.resourceCode()).orElseThrow();
            if (approver.departmentCode() == null || !approver.departmentCode().equals(r.providerCode())) {
                throw new NotPermittedException(
                        "NOT_PROVIDER_APPROVER",
                        "Only an approver of the provider department " + r.providerCode()
                                + " may decide applications for " + r.code());
            }
            if (a.storedStatus() != AuthorisationStatus.PENDING) {
                throw new ConflictException(
                        "INVALID_STATE",
                        "Authorisation " + id + " is " + a.storedStatus()
                                + "; only a pending application can be decided");
            }
            Instant now = clock.instant();
            store.update(
                    id,
                    expectedVersion,
                    "status = ?, decided_at = ?, decided_by = ?, refusal_reason = ?",
                    outcome.name(),
                    Timestamp.from(now),
                    approver.name(),
                    reason);
            changes.record(
                    now,
                    approver.name(),
                    ENTITY,
                    id,
                    outcome == AuthorisationStatus.GRANTED ? "APPROVE" : "REFUSE",
                    expectedVersion + 1,
                    reason);
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
            if (!actor.dataAdmin()
                    && (actor.departmentCode() == null
                            || !actor.departmentCode().equals(r.providerCode()))) {
                throw new NotPermittedException(
                        "NOT_PROVIDER_APPROVER",
                        "Only an approver of the provider department " + r.providerCode()
                                + " or a data administrator may revoke authorisations for " + r.code());
            }
            Instant now = clock.instant();
            if (a.statusAt(now) != AuthorisationStatus.GRANTED) {
                throw new ConflictException(
                        "INVALID_STATE",
                        "Authorisation " + id + " is " + a.statusAt(now)
                                + "; only a granted, unexpired authorisation can be revoked");
            }
            store.update(
                    id,
                    expectedVersion,
                    "status = ?, revoked_at = ?, revoked_by = ?, revocation_reason = ?",
                    AuthorisationStatus.REVOKED.name(),
                    Timestamp.from(now),
                    actor.name(),
                    reason.strip());
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

    public Optional<Authorisation> find(String id) {
        return store.find(id);
    }

    /** Filters (null = any) with paging, newest application first. {@code status} EXPIRED is evaluated now. */
    public Page<Authorisation> search(
            String consumer, String resourceCode, String providerCode, AuthorisationStatus status, int page, int size) {
        return store.search(consumer, resourceCode, providerCode, status, page, size, clock.instant());
    }

    /**
     * Every authorisation of consumer system {@code consumer} for resource {@code resourceCode}, in any state
     * (pending, granted, refused, revoked, expired), newest application first: what {@link AuthorisationDecision}
     * decides on. Not paged and not capped: exactly one consumer's applications for one resource.
     */
    public List<Authorisation> held(String consumer, String resourceCode) {
        return store.held(consumer, resourceCode);
    }

    /**
     * Is consumer system {@code consumer} authorised to receive {@code fields} of resource {@code resourceCode}
     * for {@code purpose} and {@code serviceItem} at {@code at}? {@link AuthorisationDecision}, the rule the exchange
     * enforces, over the catalogue's current resource and the consumer's authorisations. An authorisation revoked
     * after {@code at} still counted at {@code at}; one decided after it did not.
     */
    public Decision decide(
            String consumer, String resourceCode, String purpose, String serviceItem, List<String> fields, Instant at) {
        Resource r = resources.find(resourceCode).orElse(null);
        if (r == null) {
            return Decision.deny(Decision.Reason.UNKNOWN_RESOURCE, "No resource " + resourceCode, null);
        }
        return AuthorisationDecision.decide(
                r, held(consumer, resourceCode), consumer, purpose, serviceItem, fields, at);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
