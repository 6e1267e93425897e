package cn.tongban.catalog.admin;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ResourceValidator.Lookups} over the database, with departments and systems read once (they are few)
 * and, for a bulk import, the codes of the file being imported counted as existing.
 */
public final class CatalogueLookups implements ResourceValidator.Lookups {

    private final JdbcClient jdbc;
    private final Map<String, String> departments = new HashMap<>();
    private final Map<String, String> systems = new HashMap<>();
    private final Set<String> alsoExisting;

    public CatalogueLookups(JdbcClient jdbc, Set<String> alsoExisting) {
        this.jdbc = jdbc;
        this.alsoExisting = alsoExisting;
        jdbc.sql("SELECT code, name FROM department").query(rs -> {
            departments.put(rs.getString(1), rs.getString(2));
        });
        jdbc.sql("SELECT id, department_code FROM exchange_system").query(rs -> {
            systems.put(rs.getString(1), rs.getString(2));
        });
    }

    @Override
    public Optional<String> departmentName(String code) {
        return Optional.ofNullable(departments.get(code));
    }

    @Override
    public Optional<String> systemDepartment(String systemId) {
        return Optional.ofNullable(systems.get(systemId));
    }

    @Override
    public boolean resourceExists(String code) {
        return alsoExisting.contains(code)
                || jdbc.sql("SELECT COUNT(*) FROM resource WHERE code = ?").param(code).query(Long.class).single() > 0;
    }
}
