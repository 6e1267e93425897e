package cn.tongban.catalog.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.ServiceItemRepository;

/**
 * Maintains service items and their retained proof lists (docs/STANDARDS.md §5). A list is saved whole: every proof
 * must say how it is satisfied without paper, and a data pull must map to information items that exist.
 */
public class ServiceItemAdmin {

    public static final String ENTITY = "SERVICE_ITEM";
    public static final Set<String> LEVELS = Set.of("PROVINCE", "CITY", "COUNTY", "TOWNSHIP");
    public static final Set<String> SATISFIED_BY = Set.of("DATA_PULL", "E_LICENCE", "NOTIFY_COMMIT", "PAPER");
    /** Licence metadata fields (GB/T 36903, docs/STANDARDS.md §2.2) an e-licence proof may compare with its issuer's register. */
    public static final Set<String> LICENCE_FIELDS = Set.of(
            "identifier",
            "number",
            "typeCode",
            "issuerCode",
            "holderCode",
            "holderCodeType",
            "issueDate",
            "validFrom",
            "validTo",
            "status");

    private final JdbcClient jdbc;
    private final ServiceItemRepository items;
    private final ResourceRepository resources;
    private final ChangeLog changes;
    private final TransactionOperations tx;
    private final Clock clock;

    public ServiceItemAdmin(
            JdbcClient jdbc,
            ServiceItemRepository items,
            ResourceRepository resources,
            ChangeLog changes,
            TransactionOperations tx,
            Clock clock) {
        this.jdbc = jdbc;
        this.items = items;
        this.resources = resources;
        this.changes = changes;
        this.tx = tx;
        this.clock = clock;
    }

    public ServiceItem create(ServiceItem item, String actor) {
        return tx.execute(status -> {
            List<Violation> v = validate(item);
            if (item.code() != null && items.find(item.code()).isPresent()) {
                v.add(0, new Violation("code", "is already a service item", "DUPLICATE_CODE"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            items.addIfAbsent(item);
            Instant now = clock.instant();
            jdbc.sql("UPDATE service_item SET updated_at = ?, updated_by = ? WHERE code = ?")
                    .params(Timestamp.from(now), actor, item.code())
                    .update();
            changes.record(
                    now, actor, ENTITY, item.code(), "CREATE", 1, item.proofs().size() + " proof(s)");
            return items.find(item.code()).orElseThrow();
        });
    }

    /** Replaces the service item and its whole retained list, if the stored version is {@code expectedVersion}. */
    public ServiceItem update(String code, int expectedVersion, ServiceItem item, String actor) {
        return tx.execute(status -> {
            int current = version(code);
            if (current != expectedVersion) {
                throw new StaleVersionException("Service item " + code, expectedVersion, current);
            }
            List<Violation> v = validate(item);
            if (item.code() != null && !item.code().equals(code)) {
                v.add(0, new Violation("code", "cannot change (it is the service item's identity)", "IMMUTABLE"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            Instant now = clock.instant();
            int n = jdbc.sql("UPDATE service_item SET name = ?, name_en = ?, department_code = ?, item_type = ?,"
                            + " version = version + 1, updated_at = ?, updated_by = ? WHERE code = ? AND version = ?")
                    .params(
                            item.name(),
                            item.nameEn(),
                            item.departmentCode(),
                            item.itemType(),
                            Timestamp.from(now),
                            actor,
                            code,
                            expectedVersion)
                    .update();
            if (n == 0) {
                throw new StaleVersionException("Service item " + code, expectedVersion, version(code));
            }
            jdbc.sql("DELETE FROM proof_field_mapping WHERE service_item_code = ?")
                    .param(code)
                    .update();
            jdbc.sql("DELETE FROM retained_proof WHERE service_item_code = ?")
                    .param(code)
                    .update();
            items.insertProofs(code, item.proofs());
            changes.record(
                    now,
                    actor,
                    ENTITY,
                    code,
                    "UPDATE",
                    expectedVersion + 1,
                    item.proofs().size() + " proof(s)");
            return items.find(code).orElseThrow();
        });
    }

    public int version(String code) {
        return jdbc.sql("SELECT version FROM service_item WHERE code = ?")
                .param(code)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.SERVICE_ITEM, code));
    }

    List<Violation> validate(ServiceItem item) {
        List<Violation> v = new ArrayList<>();
        if (blank(item.code())) {
            v.add(new Violation("code", "is required", "REQUIRED"));
        } else if (item.code().length() > 64) {
            v.add(new Violation("code", "must be at most 64 characters", "LENGTH"));
        }
        if (blank(item.name())) {
            v.add(new Violation("name", "is required", "REQUIRED"));
        }
        if (blank(item.departmentCode())) {
            v.add(new Violation("departmentCode", "is required", "REQUIRED"));
        } else if (jdbc.sql("SELECT COUNT(*) FROM department WHERE code = ?")
                        .param(item.departmentCode())
                        .query(Long.class)
                        .single()
                == 0) {
            v.add(new Violation("departmentCode", "names no registered department", "UNKNOWN_DEPARTMENT"));
        }
        Set<String> codes = new HashSet<>();
        for (int k = 0; k < item.proofs().size(); k++) {
            checkProof(item.proofs().get(k), "proofs[" + k + "]", codes, v);
        }
        return v;
    }

    private void checkProof(RetainedProof p, String f, Set<String> codes, List<Violation> v) {
        if (blank(p.code())) {
            v.add(new Violation(f + ".code", "is required", "REQUIRED"));
        } else if (!codes.add(p.code())) {
            v.add(new Violation(f + ".code", "duplicates another proof of this service item", "DUPLICATE"));
        }
        if (blank(p.name())) {
            v.add(new Violation(f + ".name", "is required", "REQUIRED"));
        }
        if (blank(p.legalBasis())) {
            v.add(new Violation(f + ".legalBasis", "a retained proof needs its legal basis (设定依据)", "REQUIRED"));
        }
        if (p.level() != null && !LEVELS.contains(p.level())) {
            v.add(new Violation(f + ".level", "must be one of " + new java.util.TreeSet<>(LEVELS), "ENUM"));
        }
        if (!p.notifyCommitAllowed() && blank(p.notifyCommitExclusionReason())) {
            v.add(new Violation(
                    f + ".notifyCommitExclusionReason",
                    "is required when notify-and-commit is not allowed (国办发〔2020〕42号)",
                    "REQUIRED"));
        }
        if (p.satisfiedBy() == null || !SATISFIED_BY.contains(p.satisfiedBy())) {
            v.add(new Violation(f + ".satisfiedBy", "must be one of " + new java.util.TreeSet<>(SATISFIED_BY), "ENUM"));
            return;
        }
        switch (p.satisfiedBy()) {
            case "DATA_PULL" -> checkDataPull(p, f, v);
            case "E_LICENCE" -> {
                if (blank(p.licenceTypeCode())) {
                    v.add(new Violation(f + ".licenceTypeCode", "is required for an e-licence", "REQUIRED"));
                }
                checkRegister(p, f, v);
            }
            case "NOTIFY_COMMIT" -> {
                if (!p.notifyCommitAllowed()) {
                    v.add(new Violation(
                            f + ".notifyCommitAllowed",
                            "must be true when satisfied by notify-and-commit",
                            "CONTRADICTION"));
                }
            }
            default -> {
                if (blank(p.paperReason())) {
                    v.add(new Violation(f + ".paperReason", "say why this proof can only be on paper", "REQUIRED"));
                }
            }
        }
    }

    private void checkDataPull(RetainedProof p, String f, List<Violation> v) {
        if (blank(p.resourceCode())) {
            v.add(new Violation(f + ".resourceCode", "is required for a data pull", "REQUIRED"));
            return;
        }
        Resource r = resourceOf(p, f, v);
        if (r == null) {
            return;
        }
        if (p.fieldMapping().isEmpty()) {
            v.add(new Violation(
                    f + ".fieldMapping", "map at least one proof field to an information item", "REQUIRED"));
        }
        checkMappedItems(p, r, f, v, false);
    }

    /**
     * An e-licence proof may name its issuer's register: a resource keyed by the licence number (证照编号) whose
     * record must agree with the verified licence on the mapped metadata fields (licence field → information item).
     * A masked item could never be compared, so the mapping may not name a sensitive item.
     */
    private void checkRegister(RetainedProof p, String f, List<Violation> v) {
        if (blank(p.resourceCode())) {
            if (!p.fieldMapping().isEmpty()) {
                v.add(new Violation(
                        f + ".fieldMapping",
                        "compares the licence with its issuer's register: name the " + "register as resourceCode",
                        "REQUIRED"));
            }
            return;
        }
        Resource r = resourceOf(p, f, v);
        if (r != null) {
            checkMappedItems(p, r, f, v, true);
        }
    }

    /** The proof's resource, or null with an {@code UNKNOWN_RESOURCE} violation. */
    private Resource resourceOf(RetainedProof p, String f, List<Violation> v) {
        Resource r = resources.find(p.resourceCode()).orElse(null);
        if (r == null) {
            v.add(new Violation(f + ".resourceCode", "names no resource in the catalogue", "UNKNOWN_RESOURCE"));
        }
        return r;
    }

    /**
     * Every mapped item must be an information item of {@code r}. For a register, the keys must be licence fields and
     * the items non-sensitive (a masked value could never be compared).
     */
    private static void checkMappedItems(RetainedProof p, Resource r, String f, List<Violation> v, boolean register) {
        for (Map.Entry<String, String> m : new java.util.TreeMap<>(p.fieldMapping()).entrySet()) {
            String at = f + ".fieldMapping." + m.getKey();
            if (register && !LICENCE_FIELDS.contains(m.getKey())) {
                v.add(new Violation(
                        at,
                        "is not a licence metadata field; one of " + new java.util.TreeSet<>(LICENCE_FIELDS),
                        "UNKNOWN_FIELD"));
            }
            var item = r.item(m.getValue());
            if (item == null) {
                v.add(new Violation(
                        at,
                        "maps to " + m.getValue() + ", which is not an information item of " + r.code(),
                        "UNKNOWN_ITEM"));
            } else if (register && item.sensitive()) {
                v.add(new Violation(
                        at,
                        "maps to " + m.getValue() + ", a sensitive item: the exchange masks it, so it "
                                + "cannot be compared",
                        "SENSITIVE_ITEM"));
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
