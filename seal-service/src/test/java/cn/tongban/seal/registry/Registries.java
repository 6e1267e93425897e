package cn.tongban.seal.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A registry on a fresh in-memory H2 (PostgreSQL mode, as the server runs it) migrated by the real migrations. */
public final class Registries {

    private Registries() {}

    public static SealRegistry fresh(Clock clock) {
        return fresh(clock, Duration.ZERO);
    }

    /** As {@link #fresh(Clock)}, with verification reusing registry entries for {@code statusReuse}. */
    public static SealRegistry fresh(Clock clock, Duration statusReuse) {
        return on(database(), clock, statusReuse);
    }

    /** Another registry instance (as on another cluster member) on the same database. */
    public static SealRegistry on(DataSource pool, Clock clock, Duration statusReuse) {
        return new SealRegistry(
                JdbcClient.create(pool),
                new TransactionTemplate(new DataSourceTransactionManager(pool)),
                clock,
                statusReuse);
    }

    /** A fresh, migrated in-memory H2 database behind a connection pool. */
    public static DataSource database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:seal-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // pooled, as the server's Hikari pool is: an unpooled H2 data source opens a session per query, which
        // was a sixth of a verification's registry check in the seal benchmark
        return org.h2.jdbcx.JdbcConnectionPool.create(ds);
    }

    /** A clock tests move by hand. */
    public static final class MovableClock extends Clock {
        private volatile Instant now;

        public MovableClock(Instant now) {
            this.now = now;
        }

        public void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
