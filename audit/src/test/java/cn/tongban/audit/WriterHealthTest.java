package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/** The writer thread's liveness, which the server's health reports: alive while it writes, dead after an Error. */
class WriterHealthTest {

    final AtomicBoolean dying = new AtomicBoolean();

    DataSource failingWithAnError(DataSource ds) {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (dying.get() && method.getName().equals("getConnection")) {
                        throw new OutOfMemoryError("simulated: the heap is gone");
                    }
                    return SlowStoreTest.invoke(ds, method, args);
                });
    }

    @Test
    void theWriterIsAliveWhileItWritesAndReportedDeadAfterAnErrorKilledIt() throws Exception {
        try (JdbcAccessLog log = new JdbcAccessLog(failingWithAnError(TestDatabases.h2()), LogFixture.CLOCK, 16)) {
            log.append(LogFixture.entry(1, 1));
            assertThat(log.writerAlive()).isTrue();

            dying.set(true);
            log.appendAsync(LogFixture.entry(1, 2));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (log.writerAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(log.writerAlive()).isFalse();
        }
    }

    @Test
    void aClosedLogIsNotReportedAsADeadWriter() {
        JdbcAccessLog log = new JdbcAccessLog(TestDatabases.h2(), LogFixture.CLOCK, 16);
        log.close();
        assertThat(log.writerAlive()).isTrue();
    }
}
