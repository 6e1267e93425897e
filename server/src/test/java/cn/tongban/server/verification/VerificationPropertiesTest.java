package cn.tongban.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class VerificationPropertiesTest {

    private static VerificationProperties withConcurrency(int concurrency) {
        return new VerificationProperties(null, DataSize.ofMegabytes(10), Duration.ofSeconds(10), concurrency, 64,
                Duration.ofSeconds(2), DataSize.ofBytes(0), DataSize.ofMegabytes(64), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }

    @Test
    void concurrencyZeroMeansOneThreadPerAvailableProcessor() {
        ThreadPoolExecutor pool = new VerificationConfig().verificationExecutor(withConcurrency(0));
        try {
            assertThat(pool.getCorePoolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(pool.getMaximumPoolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMemoryBudgetDefaultsToTwoFifthsOfTheMaximumHeap() {
        assertThat(withConcurrency(0).effectiveMemoryBudget().toBytes())
                .isEqualTo(Runtime.getRuntime().maxMemory() * 2 / 5);
    }

    @Test
    void anExplicitConcurrencyIsKept() {
        ThreadPoolExecutor pool = new VerificationConfig().verificationExecutor(withConcurrency(3));
        try {
            assertThat(pool.getCorePoolSize()).isEqualTo(3);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }
}
