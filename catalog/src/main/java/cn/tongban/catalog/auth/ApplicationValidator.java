package cn.tongban.catalog.auth;

import static cn.tongban.catalog.auth.Authorisations.MAX_BACKDATE;
import static cn.tongban.catalog.auth.Authorisations.MAX_YEARS_AHEAD;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.admin.Violation;

/**
 * The rules an application must meet (docs/STANDARDS.md §4): a registered consumer, a published and shared
 * resource, a stated purpose, a service item and legal basis, existing information items, and a validity that
 * neither lies in the past nor overlaps another pending or granted authorisation for the same purpose.
 */
final class ApplicationValidator {

    private final ResourceRepository resources;
    private final AuthorisationStore store;
    private final ZoneId zone;

    ApplicationValidator(ResourceRepository resources, AuthorisationStore store, ZoneId zone) {
        this.resources = resources;
        this.store = store;
        this.zone = zone;
    }

    /** The latest end of a validity applied for at {@code now}. */
    Instant latestEnd(Instant now) {
        return now.atZone(zone).plusYears(MAX_YEARS_AHEAD).toInstant();
    }

    /** Adds a violation to {@code v} for each rule {@code a} breaks; answers the resource, if it exists. */
    Resource validate(Application a, Instant from, Instant until, Instant now, List<Violation> v) {
        if (blank(a.consumerSystem())) {
            v.add(new Violation("consumerSystem", "is required", "REQUIRED"));
        } else if (store.count("SELECT COUNT(*) FROM exchange_system WHERE id = ?", a.consumerSystem()) == 0) {
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
                v.add(new Violation(
                        "resourceCode",
                        "is " + r.status() + "; only published resources are shared",
                        "RESOURCE_NOT_PUBLISHED"));
            } else if (r.sharingType() == SharingType.NOT_SHARED) {
                v.add(new Violation("resourceCode", "is not shared (不予共享): " + r.sharingBasis(), "NOT_SHARED"));
            }
        }
        if (blank(a.purpose())) {
            v.add(new Violation(
                    "purpose", "is required: the data may be used only for the stated purpose", "REQUIRED"));
        } else if (a.purpose().length() > 500) {
            v.add(new Violation("purpose", "must be at most 500 characters", "LENGTH"));
        }
        if (blank(a.serviceItemCode())) {
            v.add(new Violation("serviceItemCode", "is required", "REQUIRED"));
        } else if (store.count("SELECT COUNT(*) FROM service_item WHERE code = ?", a.serviceItemCode()) == 0) {
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
                v.add(new Violation("fields[" + k + "]", "is not an information item of " + r.code(), "UNKNOWN_FIELD"));
            }
        }
        if (!until.isAfter(from)) {
            v.add(new Violation("validUntil", "must be after validFrom", "INVALID_VALIDITY"));
        } else if (!until.isAfter(now)) {
            v.add(new Violation("validUntil", "has already passed", "EXPIRED_VALIDITY"));
        } else if (from.isBefore(now.minus(MAX_BACKDATE))) {
            v.add(new Violation(
                    "validFrom",
                    "must not be more than " + MAX_BACKDATE.toHours()
                            + " hours before now (" + now.minus(MAX_BACKDATE) + "): an authorisation cannot be granted"
                            + " for the past",
                    "BACKDATED_VALIDITY"));
        } else if (until.isAfter(latestEnd(now))) {
            v.add(new Violation(
                    a.validUntil() == null ? "validFrom" : "validUntil",
                    "must end by " + latestEnd(now) + " (" + MAX_YEARS_AHEAD
                            + " years from now); apply again when it expires",
                    "VALIDITY_TOO_LONG"));
        } else if (r != null && !blank(a.consumerSystem()) && !blank(a.purpose())) {
            for (Authorisation other : store.held(a.consumerSystem(), r.code())) {
                AuthorisationStatus s = other.statusAt(now);
                if ((s == AuthorisationStatus.PENDING || s == AuthorisationStatus.GRANTED)
                        && other.purpose().equals(a.purpose().strip())
                        && other.validFrom().isBefore(until)
                        && from.isBefore(other.validUntil())) {
                    v.add(new Violation(
                            "validFrom",
                            "overlaps the validity of authorisation " + other.id() + " (" + s + ", " + other.validFrom()
                                    + " to " + other.validUntil() + ") for the same purpose",
                            "OVERLAPPING_VALIDITY"));
                    break;
                }
            }
        }
        return r;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
