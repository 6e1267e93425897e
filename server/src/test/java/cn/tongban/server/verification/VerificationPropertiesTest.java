package cn.tongban.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import cn.tongban.seal.ofd.OfdLimits;

class VerificationPropertiesTest {

    private static VerificationProperties withConcurrency(int concurrency) {
        return new VerificationProperties(
                null,
                DataSize.ofMegabytes(10),
                Duration.ofSeconds(10),
                concurrency,
                64,
                Duration.ofSeconds(2),
                DataSize.ofBytes(0),
                DataSize.ofMegabytes(64),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                null,
                null);
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

    private static VerificationProperties bound(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tongban.verification", VerificationProperties.class);
    }

    @Test
    void theOfdBudgetsDefaultToTheVerifiersDefaults() {
        assertThat(bound(Map.of()).ofdLimits()).isEqualTo(OfdLimits.DEFAULT);
        assertThat(withConcurrency(0).ofdLimits()).isEqualTo(OfdLimits.DEFAULT);
    }

    @Test
    void eachOfdBudgetIsConfigurable() {
        OfdLimits limits = bound(Map.of(
                        "tongban.verification.ofd.max-entries", "500",
                        "tongban.verification.ofd.max-entry-size", "1MB",
                        "tongban.verification.ofd.max-total-size", "8MB",
                        "tongban.verification.ofd.max-compression-ratio", "50",
                        "tongban.verification.ofd.max-signatures", "8",
                        "tongban.verification.ofd.max-references-per-signature", "300",
                        "tongban.verification.ofd.max-xml-size", "512KB"))
                .ofdLimits();

        assertThat(limits).isEqualTo(new OfdLimits(500, 8L << 20, 50, 1L << 20, 8, 300, 512L << 10));
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

    static VerificationProperties bind(java.util.Map<String, String> settings) {
        return new org.springframework.boot.context.properties.bind.Binder(
                        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(settings))
                .bindOrCreate("tongban.verification", VerificationProperties.class);
    }

    @Test
    void thePdfBudgetsDefaultToPdfLimitsDefault() {
        assertThat(bind(java.util.Map.of()).pdf().limits()).isEqualTo(cn.tongban.seal.pdf.PdfLimits.DEFAULT);
    }

    @Test
    void eachPdfBudgetIsASettingUnderTongbanVerificationPdf() {
        VerificationProperties p = bind(java.util.Map.of(
                "tongban.verification.pdf.max-stream-bytes", "1MB",
                "tongban.verification.pdf.max-total-bytes", "8MB",
                "tongban.verification.pdf.max-objects", "500",
                "tongban.verification.pdf.max-nesting", "20",
                "tongban.verification.pdf.max-asn1-depth", "40",
                "tongban.verification.pdf.max-signatures", "3",
                "tongban.verification.pdf.max-references", "2",
                "tongban.verification.pdf.max-pages", "50"));

        assertThat(p.pdf().limits())
                .isEqualTo(new cn.tongban.seal.pdf.PdfLimits(1L << 20, 8L << 20, 500, 20, 40, 3, 2, 50));
    }
}
