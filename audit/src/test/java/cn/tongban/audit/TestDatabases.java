package cn.tongban.audit;

import java.util.UUID;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** Databases migrated by the module's real Flyway migrations. */
final class TestDatabases {

    private TestDatabases() {}

    /** A fresh in-memory H2 in PostgreSQL mode, configured as the server configures its file database. */
    static DataSource h2() {
        return migrate(pooled(
                "jdbc:h2:mem:audit-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa"));
    }

    /** A connection pool as Spring Boot configures one (HikariCP), so a batch does not pay for a connection. */
    static DataSource pooled(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    static DataSource migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return ds;
    }
}
