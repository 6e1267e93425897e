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
    private final Set<String> checked;

    public CatalogueLookups(JdbcClient jdbc, Set<String> alsoExisting) {
        this(jdbc, alsoExisting, Set.of());
    }

    /**
     * @param alsoExisting codes that count as existing (e.g. the file's own plus those found in the catalogue)
     * @param checked      codes already looked up: those not in {@code alsoExisting} do not exist, without a query.
     *                     When every code a validation can ask about is here, the lookups read no database and
     *                     may be used from several threads (departments and systems are read-only maps).
     */
    public CatalogueLookups(JdbcClient jdbc, Set<String> alsoExisting, Set<String> checked) {
        this.jdbc = jdbc;
        this.alsoExisting = alsoExisting;
        this.checked = checked;
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
        if (alsoExisting.contains(code)) {
            return true;
        }
        return !checked.contains(code)
                && jdbc.sql("SELECT COUNT(*) FROM resource WHERE code = ?")
                                .param(code)
                                .query(Long.class)
                                .single()
                        > 0;
    }
}
