package cn.tongban.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Departments, their systems and the client certificates registered to each system. */
public class DepartmentRepository {

    private final JdbcClient jdbc;

    public DepartmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the department unless one with the same code exists; returns true if inserted. */
    public boolean addIfAbsent(Department d) {
        if (exists("department", "code", d.code())) {
            return false;
        }
        jdbc.sql("INSERT INTO department (code, name, name_en, region) VALUES (?, ?, ?, ?)")
                .params(d.code(), d.name(), d.nameEn(), d.region())
                .update();
        return true;
    }

    public boolean addIfAbsent(ExchangeSystem s) {
        if (exists("exchange_system", "id", s.id())) {
            return false;
        }
        jdbc.sql("INSERT INTO exchange_system (id, name, department_code, kind) VALUES (?, ?, ?, ?)")
                .params(s.id(), s.name(), s.departmentCode(), s.kind().name())
                .update();
        return true;
    }

    /** Registers a client certificate (by SHA-256 fingerprint) to a system; re-registering the same one is a no-op. */
    public boolean registerCertificate(String systemId, String sha256, String subject, Instant notAfter) {
        if (exists("system_certificate", "sha256", sha256)) {
            return false;
        }
        jdbc.sql("INSERT INTO system_certificate (sha256, system_id, subject, not_after) VALUES (?, ?, ?, ?)")
                .params(sha256, systemId, subject, Timestamp.from(notAfter))
                .update();
        return true;
    }

    public Optional<SystemIdentity> findByCertificate(String sha256) {
        return jdbc.sql("""
                SELECT s.id, s.name, s.department_code, s.kind, d.name AS dept_name, d.name_en, d.region,
                       c.subject, c.sha256, c.not_after
                  FROM system_certificate c
                  JOIN exchange_system s ON s.id = c.system_id
                  JOIN department d ON d.code = s.department_code
                 WHERE c.sha256 = ?""")
                .param(sha256)
                .query((rs, n) -> new SystemIdentity(
                        system(rs),
                        new Department(
                                rs.getString("department_code"),
                                rs.getString("dept_name"),
                                rs.getString("name_en"),
                                rs.getString("region")),
                        rs.getString("subject"),
                        rs.getString("sha256"),
                        rs.getTimestamp("not_after").toInstant()))
                .optional();
    }

    /** All departments in name order, each with its systems in id order. */
    public Map<Department, List<ExchangeSystem>> departmentsWithSystems() {
        Map<String, Department> departments = new LinkedHashMap<>();
        jdbc.sql("SELECT code, name, name_en, region FROM department ORDER BY name, code")
                .query((rs, n) -> new Department(
                        rs.getString("code"), rs.getString("name"), rs.getString("name_en"), rs.getString("region")))
                .list()
                .forEach(d -> departments.put(d.code(), d));
        Map<Department, List<ExchangeSystem>> result = new LinkedHashMap<>();
        departments.values().forEach(d -> result.put(d, new ArrayList<>()));
        jdbc.sql("SELECT id, name, department_code, kind FROM exchange_system ORDER BY id")
                .query((rs, n) -> system(rs))
                .list()
                .forEach(s -> result.get(departments.get(s.departmentCode())).add(s));
        return result;
    }

    private static ExchangeSystem system(ResultSet rs) throws SQLException {
        return new ExchangeSystem(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("department_code"),
                SystemKind.valueOf(rs.getString("kind")));
    }

    private boolean exists(String table, String column, String value) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")
                        .param(value)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
