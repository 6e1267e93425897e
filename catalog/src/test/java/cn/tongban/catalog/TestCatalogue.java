package cn.tongban.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.tongban.catalog.admin.CatalogueAdmin;
import cn.tongban.catalog.admin.ChangeLog;
import cn.tongban.catalog.admin.DepartmentAdmin;
import cn.tongban.catalog.admin.ResourceValidator;
import cn.tongban.catalog.admin.Responsibilities;
import cn.tongban.catalog.admin.ServiceItemAdmin;
import cn.tongban.catalog.auth.Authorisations;
import cn.tongban.catalog.auth.WorkingDayCalendar;
import cn.tongban.catalog.demo.DemoDataset;

/**
 * The catalogue's services over a database migrated by the real migrations (H2 in PostgreSQL mode as the
 * server configures it, or an embedded PostgreSQL with the vendor migrations), on a settable clock.
 */
public final class TestCatalogue {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public final DataSource dataSource;
    public final JdbcTemplate template;
    public final JdbcClient jdbc;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
    public final ResourceRepository resources;
    public final DepartmentRepository departments;
    public final ServiceItemRepository serviceItems;
    public final ChangeLog changes;
    public final CatalogueAdmin admin;
    public final ServiceItemAdmin serviceItemAdmin;
    public final DepartmentAdmin departmentAdmin;
    public final Responsibilities responsibilities;
    public final Authorisations authorisations;
    public final TransactionTemplate tx;

    public TestCatalogue(DataSource dataSource, WorkingDayCalendar calendar) {
        this.dataSource = dataSource;
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.resources = new ResourceRepository(jdbc);
        this.departments = new DepartmentRepository(jdbc);
        this.serviceItems = new ServiceItemRepository(jdbc);
        this.changes = new ChangeLog(template);
        this.admin = new CatalogueAdmin(
                template,
                resources,
                changes,
                new ResourceValidator(false, ResourceValidator.DEFAULT_UPDATE_CYCLES),
                tx,
                clock,
                ZONE);
        this.serviceItemAdmin = new ServiceItemAdmin(jdbc, serviceItems, resources, changes, tx, clock);
        this.departmentAdmin = new DepartmentAdmin(jdbc, departments, changes, tx, clock, false);
        this.responsibilities = new Responsibilities(jdbc, changes, tx, clock);
        this.authorisations =
                new Authorisations(jdbc, resources, changes, tx, calendar, 10, Duration.ofDays(365), clock, ZONE);
    }

    /** Seeds the demo departments, systems, resources and service items. */
    public TestCatalogue seedDemo() {
        DemoDataset demo = DemoDataset.load();
        tx.executeWithoutResult(s -> {
            demo.departments().forEach(departments::addIfAbsent);
            demo.systems().forEach(departments::addIfAbsent);
            demo.resources().forEach(resources::addIfAbsent);
            demo.serviceItems().forEach(serviceItems::addIfAbsent);
        });
        return this;
    }

    public static DataSource h2() {
        return migrate(
                pooled(
                        "jdbc:h2:mem:catalog-" + UUID.randomUUID()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "sa"),
                "h2");
    }

    /** A fresh database on the embedded PostgreSQL server. */
    public static DataSource postgres(EmbeddedPostgres pg) {
        String db = "catalog_" + UUID.randomUUID().toString().replace("-", "");
        JdbcClient.create(pg.getPostgresDatabase()).sql("CREATE DATABASE " + db).update();
        String url = pg.getJdbcUrl("postgres", db);
        // As production should: let the driver rewrite JDBC batches into multi-row INSERTs.
        url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        return migrate(pooled(url, "postgres"), "postgresql");
    }

    public static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    static DataSource pooled(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    /** The server's Flyway locations: {@code classpath:db/migration,classpath:db/vendor/{vendor}}. */
    static DataSource migrate(DataSource ds, String vendor) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load()
                .migrate();
        return ds;
    }

    /** A clock the test moves. */
    public static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        public void set(Instant instant) {
            now = instant;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
