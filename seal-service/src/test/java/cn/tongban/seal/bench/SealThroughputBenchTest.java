package cn.tongban.seal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.fixtures.pdf.PdfSamples;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.interop.OfdrwInterop;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.seal.ofd.OfdSignatureVerifier;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.pdf.PdfSealVerifier;
import cn.tongban.seal.pdf.PdfStamper;
import cn.tongban.seal.registry.Registries;
import cn.tongban.seal.registry.SealRegistry;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Indication;

/**
 * Seal throughput, side by side with ofdrw 2.3.3 on the same files (docs/PERFORMANCE.md "Seals"). Tagged
 * {@code bench}: never in the default run. Run with
 * {@code ./mvnw -B -pl seal-service test -Dexcluded.test.groups= -Dgroups=bench -Dtest=SealThroughputBenchTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. Each figure is the median of 5 two-second rounds after a 3 s warm-up,
 * on {@value #THREADS} threads; SM2 keys throughout.
 */
@Tag("bench")
class SealThroughputBenchTest {

    static final int THREADS = 2;

    @TempDir
    Path dir;

    @Test
    void stampsAndVerificationsPerSecond() throws Exception {
        SealWorld world = new SealWorld(KeyAlgorithm.SM2);
        SealRegistry registry = Registries.fresh(Clock.systemUTC(), SealRegistry.DEFAULT_STATUS_REUSE); // as the server
        registry.register("91350100M000100Y43", "bench", world.seal, "bench");
        CertificateJudge judge = world.judge();
        byte[] pdf10 = PdfSamples.document(10, "Tongban benchmark");
        byte[] ofd10 = OfdSamples.document(10, "Tongban benchmark");
        PdfStamper pdfStamper = new PdfStamper(Clock.systemUTC());
        OfdStamper ofdStamper = new OfdStamper(Clock.systemUTC());
        StampPosition at = new StampPosition(3, 100, 100);

        byte[] stampedOfd = ofdStamper.stamp(ofd10, world.seal, world.signer, at);
        byte[] stampedPdf = pdfStamper.stamp(pdf10, world.seal, world.signer, at);
        OfdSignatureVerifier full = new OfdSignatureVerifier(judge, OfdLimits.DEFAULT, registry);
        PdfSealVerifier pdfVerifier = new PdfSealVerifier(judge, registry);
        assertThat(full.verify(stampedOfd).indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(pdfVerifier.verify(stampedPdf).indication()).isEqualTo(Indication.TOTAL_PASSED);
        Path ofdFile = Files.write(dir.resolve("stamped.ofd"), stampedOfd);
        assertThat(OfdrwInterop.validate(ofdFile)).isNull();

        List<String> lines = new ArrayList<>();
        lines.add(row(
                "PDF stamp, 10 pages (PAdES B-B + seal)", () -> pdfStamper.stamp(pdf10, world.seal, world.signer, at)));
        lines.add(row("OFD stamp, 10 pages", () -> ofdStamper.stamp(ofd10, world.seal, world.signer, at)));
        OfdSignatureVerifier sesOnly =
                new OfdSignatureVerifier((c, t, p) -> CertificateJudge.Judgement.passed("-"), OfdLimits.DEFAULT);
        lines.add(row(
                "OFD verify, Tongban, SES checks only (judge accepts, no registry)", () -> sesOnly.verify(stampedOfd)));
        lines.add(row("OFD verify, Tongban, full checks (chain+CRL, registry)", () -> full.verify(stampedOfd)));
        lines.add(row("OFD verify, ofdrw OFDValidator + SESV4ValidateContainer", () -> {
            try {
                return OfdrwInterop.validate(ofdFile);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        lines.add(row("PDF seal verify, Tongban, full checks", () -> pdfVerifier.verify(stampedPdf)));
        System.out.println("| operation | ops/s, " + THREADS + " threads (median) | CPU ms/op (median) | capacity of "
                + THREADS + " idle cores, ops/s |\n|---|---|---|---|\n"
                + String.join("\n", lines));
    }

    /** {@code -Dbench.only=TEXT} measures only the rows whose name contains TEXT (e.g. for a profiling run). */
    private static final String ONLY = System.getProperty("bench.only", "");

    private static String row(String name, Supplier<Object> op) throws Exception {
        if (!name.contains(ONLY)) {
            return "| " + name + " | (not measured: -Dbench.only) | | |";
        }
        double[] m = measure(op);
        return "| " + name + " | " + String.format(Locale.ROOT, "%.0f | %.3f | %.0f", m[0], m[1], THREADS * 1000 / m[1])
                + " |";
    }

    /**
     * Median over 5 rounds of 2 s on THREADS threads, after 3 s of warm-up: {ops/s wall clock, CPU ms per op}. CPU
     * time per operation (summed over the worker threads) is what the shared, noisy machine disturbs least.
     */
    private static double[] measure(Supplier<Object> op) throws Exception {
        run(op, 3_000);
        List<double[]> rounds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rounds.add(run(op, 2_000));
        }
        double[] wall = rounds.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] cpu = rounds.stream().mapToDouble(r -> r[1]).sorted().toArray();
        return new double[] {wall[2], cpu[2]};
    }

    // the operation is run for its cost; what it returns is of no interest here
    @SuppressWarnings("ReturnValueIgnored")
    private static double[] run(Supplier<Object> op, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        LongAdder cpuNanos = new LongAdder();
        LongAdder count = new LongAdder();
        long end = System.nanoTime() + millis * 1_000_000;
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                while (System.nanoTime() < end) {
                    op.get();
                    count.increment();
                }
                cpuNanos.add(mx.getCurrentThreadCpuTime() - cpu0);
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long ops = Math.max(1, count.sum());
        return new double[] {ops / ((System.nanoTime() - start) / 1e9), cpuNanos.sum() / 1e6 / ops};
    }
}
