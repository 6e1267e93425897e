package cn.tongban.catalog.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Responsibility lists (责任清单): which resources each department must provide. An entry is provided when
 * the department has a published resource with that code, missing otherwise.
 */
public class Responsibilities {

    public static final String ENTITY = "RESPONSIBILITY";

    /** One entry; {@code provided} is computed from the catalogue. */
    public record Entry(String departmentCode, String resourceCode, String name, String basis, boolean provided) {}

    private final JdbcClient jdbc;
    private final ChangeLog changes;
    private final TransactionOperations tx;
    private final Clock clock;

    public Responsibilities(JdbcClient jdbc, ChangeLog changes, TransactionOperations tx, Clock clock) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.tx = tx;
        this.clock = clock;
    }

    /** Replaces a department's list. */
    public List<Entry> replace(String departmentCode, List<Entry> entries, String actor) {
        return tx.execute(status -> {
            if (jdbc.sql("SELECT COUNT(*) FROM department WHERE code = ?")
                            .param(departmentCode)
                            .query(Long.class)
                            .single()
                    == 0) {
                throw new NotFoundException(NotFoundException.Kind.DEPARTMENT, departmentCode);
            }
            List<Violation> v = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < entries.size(); k++) {
                Entry e = entries.get(k);
                String f = "entries[" + k + "]";
                if (e.resourceCode() == null
                        || !ResourceValidator.CODE.matcher(e.resourceCode()).matches()) {
                    v.add(new Violation(f + ".resourceCode", "must be a resource code", "FORMAT"));
                } else if (!seen.add(e.resourceCode())) {
                    v.add(new Violation(f + ".resourceCode", "is listed twice", "DUPLICATE"));
                }
                if (e.name() == null || e.name().isBlank()) {
                    v.add(new Violation(f + ".name", "is required", "REQUIRED"));
                }
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            jdbc.sql("DELETE FROM responsibility WHERE department_code = ?")
                    .param(departmentCode)
                    .update();
            for (Entry e : entries) {
                jdbc.sql("INSERT INTO responsibility (department_code, resource_code, name, basis) VALUES (?, ?, ?, ?)")
                        .params(departmentCode, e.resourceCode(), e.name(), e.basis())
                        .update();
            }
            changes.record(
                    clock.instant(), actor, ENTITY, departmentCode, "REPLACE", null, entries.size() + " entr(ies)");
            return of(departmentCode);
        });
    }

    /** Adds entries that are not there yet (demo seeding); returns how many were added. */
    public int addIfAbsent(List<Entry> entries) {
        int added = 0;
        for (Entry e : entries) {
            if (jdbc.sql("SELECT COUNT(*) FROM responsibility WHERE department_code = ? AND resource_code = ?")
                            .params(e.departmentCode(), e.resourceCode())
                            .query(Long.class)
                            .single()
                    == 0) {
                jdbc.sql("INSERT INTO responsibility (department_code, resource_code, name, basis) VALUES (?, ?, ?, ?)")
                        .params(e.departmentCode(), e.resourceCode(), e.name(), e.basis())
                        .update();
                added++;
            }
        }
        return added;
    }

    public List<Entry> of(String departmentCode) {
        return query(" WHERE p.department_code = ?", departmentCode);
    }

    /** Every entry not yet provided, across departments. */
    public List<Entry> missing() {
        return query(" WHERE r.code IS NULL", null);
    }

    private List<Entry> query(String where, String param) {
        var spec = jdbc.sql("SELECT p.department_code, p.resource_code, p.name, p.basis, r.code AS provided"
                + " FROM responsibility p LEFT JOIN resource r ON r.code = p.resource_code"
                + " AND r.provider_code = p.department_code AND r.status = 'PUBLISHED'" + where
                + " ORDER BY p.department_code, p.resource_code");
        if (param != null) {
            spec = spec.param(param);
        }
        return spec.query((rs, n) -> new Entry(
                        rs.getString("department_code"),
                        rs.getString("resource_code"),
                        rs.getString("name"),
                        rs.getString("basis"),
                        rs.getString("provided") != null))
                .list();
    }
}
