package cn.tongban.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AuditExportExecutorTest {

    private static AuditProperties withExportThreads(int threads) {
        return new AuditProperties(
                "EC_P256",
                Duration.ofMinutes(5),
                4096,
                "",
                "Asia/Shanghai",
                Duration.ofSeconds(30),
                1000,
                null,
                Path.of("archive"),
                Duration.ofDays(1),
                threads);
    }

    @Test
    void exportsRunOnAsManyThreadsAsConfiguredAndTheRestWaitTheirTurn() throws Exception {
        ExecutorService pool = new AuditConfig().auditExportExecutor(withExportThreads(2));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        AtomicInteger running = new AtomicInteger();
        try {
            for (int i = 0; i < 3; i++) {
                pool.execute(() -> {
                    running.incrementAndGet();
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // a third thread, if there were one, would have started by now
            assertThat(running).hasValue(2);
            release.countDown();
        } finally {
            pool.shutdownNow();
        }
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shuttingDownInterruptsARunningExport() throws Exception {
        ExecutorService pool = new AuditConfig().auditExportExecutor(withExportThreads(1));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow(); // the bean's destroy method
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
}
