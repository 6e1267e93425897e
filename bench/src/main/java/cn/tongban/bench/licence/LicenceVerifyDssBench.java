package cn.tongban.bench.licence;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import eu.europa.esig.dss.validation.reports.Reports;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.trust.pki.KeyAlgorithm;

/**
 * The baseline of {@link LicenceVerifyBench}: EU DSS 6.4 ({@link DssPdfVerifier}: default policy, CRLs) on the same
 * kind of 200 KB licence PDF, RSA-2048 and ECDSA P-256 (DSS 6.4 throws "Unsupported algorithm 1.2.156.10197.1.501"
 * on an SM2 certificate). The trial prints DSS's verdict next to Tongban's on the very same file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(2)
@Fork(1)
public class LicenceVerifyDssBench {

    @Param({"RSA_2048", "EC_P256"})
    public String algorithm;

    private byte[] pdf;
    private DssPdfVerifier dss;

    @Setup(Level.Trial)
    public void setUp() {
        LicenceBenchFiles files =
                LicenceBenchFiles.make(KeyAlgorithm.valueOf(algorithm), URI.create("http://pki.invalid/"), 200 * 1024);
        pdf = files.pdf;
        dss = DssPdfVerifier.of(files);
        System.out.printf(
                "%n%s %d bytes: DSS %s, Tongban %s%n",
                algorithm,
                pdf.length,
                DssPdfVerifier.verdict(dss.validate(pdf)),
                LicenceVerifyBench.verdict(files.tongbanVerifier().verify(pdf, VerificationOptions.defaults())));
    }

    @Benchmark
    public Reports dss() {
        return dss.validate(pdf);
    }
}
