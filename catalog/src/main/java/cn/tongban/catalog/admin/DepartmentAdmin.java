package cn.tongban.catalog.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import cn.tongban.catalog.Department;
import cn.tongban.catalog.DepartmentRepository;
import cn.tongban.catalog.ExchangeSystem;
import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;

/**
 * Departments (keyed by unified social credit code, GB 32100-2015, check character always verified and the
 * embedded organisation code too when strict), the systems they run and the client certificates of each.
 */
public class DepartmentAdmin {

    public static final String ENTITY = "DEPARTMENT";
    private static final Pattern SYSTEM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final JdbcClient jdbc;
    private final DepartmentRepository departments;
    private final ChangeLog changes;
    private final TransactionOperations tx;
    private final Clock clock;
    private final boolean strictOrganisationCode;

    public DepartmentAdmin(
            JdbcClient jdbc,
            DepartmentRepository departments,
            ChangeLog changes,
            TransactionOperations tx,
            Clock clock,
            boolean strictOrganisationCode) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.changes = changes;
        this.tx = tx;
        this.clock = clock;
        this.strictOrganisationCode = strictOrganisationCode;
    }

    /** Registers a department; {@code strict} (or the configured default) also checks the organisation code. */
    public Department create(Department d, Boolean strict, String actor) {
        return tx.execute(status -> {
            List<Violation> v = validate(d, strict == null ? strictOrganisationCode : strict);
            if (v.isEmpty() && !departments.addIfAbsent(d)) {
                v.add(new Violation("code", "is already a registered department", "DUPLICATE_CODE"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            changes.record(clock.instant(), actor, ENTITY, d.code(), "CREATE", 1, d.name());
            return d;
        });
    }

    public int update(String code, int expectedVersion, Department d, String actor) {
        return tx.execute(status -> {
            int current = version(code);
            if (current != expectedVersion) {
                throw new StaleVersionException("Department " + code, expectedVersion, current);
            }
            List<Violation> v =
                    validate(new Department(code, d.name() == null ? "" : d.name(), d.nameEn(), d.region()), false);
            if (d.code() != null && !d.code().equals(code)) {
                v.add(0, new Violation("code", "cannot change (it is the department's identity)", "IMMUTABLE"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            Instant now = clock.instant();
            int n = jdbc.sql("UPDATE department SET name = ?, name_en = ?, region = ?, version = version + 1,"
                            + " updated_at = ? WHERE code = ? AND version = ?")
                    .params(d.name(), d.nameEn(), d.region(), Timestamp.from(now), code, expectedVersion)
                    .update();
            if (n == 0) {
                throw new StaleVersionException("Department " + code, expectedVersion, version(code));
            }
            changes.record(now, actor, ENTITY, code, "UPDATE", expectedVersion + 1, d.name());
            return expectedVersion + 1;
        });
    }

    public int version(String code) {
        return jdbc.sql("SELECT version FROM department WHERE code = ?")
                .param(code)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.DEPARTMENT, code));
    }

    public ExchangeSystem addSystem(ExchangeSystem s, String actor) {
        return tx.execute(status -> {
            version(s.departmentCode());
            List<Violation> v = new ArrayList<>();
            if (!SYSTEM_ID.matcher(s.id()).matches()) {
                v.add(new Violation("id", "must be 2 to 64 lower-case letters, digits or -", "FORMAT"));
            }
            if (s.name().isBlank()) {
                v.add(new Violation("name", "is required", "REQUIRED"));
            }
            if (v.isEmpty() && !departments.addIfAbsent(s)) {
                v.add(new Violation("id", "is already a registered system", "DUPLICATE_CODE"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            changes.record(
                    clock.instant(), actor, "SYSTEM", s.id(), "CREATE", null, s.departmentCode() + " " + s.kind());
            return s;
        });
    }

    /** Registers a client certificate identity (SHA-256 of the DER certificate) to a system. */
    public void registerCertificate(String systemId, String sha256, String subject, Instant notAfter, String actor) {
        tx.executeWithoutResult(status -> {
            if (jdbc.sql("SELECT COUNT(*) FROM exchange_system WHERE id = ?")
                            .param(systemId)
                            .query(Long.class)
                            .single()
                    == 0) {
                throw new NotFoundException(NotFoundException.Kind.SYSTEM, systemId);
            }
            List<Violation> v = new ArrayList<>();
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                v.add(new Violation("sha256", "must be 64 lower-case hex digits", "FORMAT"));
            }
            if (notAfter == null || !notAfter.isAfter(clock.instant())) {
                v.add(new Violation("notAfter", "the certificate has expired", "EXPIRED"));
            }
            if (v.isEmpty() && !departments.registerCertificate(systemId, sha256, subject, notAfter)) {
                v.add(new Violation("sha256", "is already registered", "DUPLICATE_CODE"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            changes.record(clock.instant(), actor, "SYSTEM", systemId, "REGISTER_CERTIFICATE", null, sha256);
        });
    }

    private static List<Violation> validate(Department d, boolean strict) {
        List<Violation> v = new ArrayList<>();
        IdentifierCheck check = UnifiedSocialCreditCode.check(d.code(), strict);
        if (!check.valid()) {
            v.add(new Violation(
                    "code",
                    "is not a valid unified social credit code (GB 32100-2015): " + check.reason(),
                    check.errorCode()));
        }
        if (d.name() == null || d.name().isBlank()) {
            v.add(new Violation("name", "is required", "REQUIRED"));
        } else if (d.name().length() > 200) {
            v.add(new Violation("name", "must be at most 200 characters", "LENGTH"));
        }
        if (d.region() != null && !REGION.matcher(d.region()).matches()) {
            v.add(new Violation("region", "must be a 6-digit administrative division code (GB/T 2260)", "FORMAT"));
        }
        return v;
    }
}
