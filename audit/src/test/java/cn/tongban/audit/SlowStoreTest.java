package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/**
 * A group commit slower than 100 ms is reported, once per 10 s with a count, and a fast store reports nothing.
 * The store is H2 with every commit delayed while {@code slow} is set.
 */
class SlowStoreTest {

    final AtomicBoolean slow = new AtomicBoolean();
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    DataSource delayingCommits(DataSource ds) {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(ds, method, args);
                    return result instanceof Connection c ? delayingCommits(c) : result;
                });
    }

    Connection delayingCommits(Connection c) {
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit") && slow.get()) {
                        Thread.sleep(150);
                    }
                    return invoke(c, method, args);
                });
    }

    static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void groupsThatTakeOver100MsToBecomeDurableAreReportedOncePer10Seconds() {
        try (JdbcAccessLog log = new JdbcAccessLog(delayingCommits(TestDatabases.h2()), LogFixture.CLOCK, 512)) {
            log.reportSlowGroupsTo(warnings::add);
            log.append(LogFixture.entry(1, 1));
            assertThat(warnings).as("a fast store").isEmpty();

            slow.set(true);
            log.append(LogFixture.entry(1, 2));
            log.append(LogFixture.entry(1, 3));
            assertThat(warnings)
                    .singleElement()
                    .asString()
                    .startsWith("access log: 1 group(s) took over 100 ms to become durable, the slowest 1")
                    .endsWith("(the last one: 1 entries); every pull in such a group waited for it");
            assertThat(log.treeHead().size()).as("nothing lost").isEqualTo(3);
        }
    }
}
