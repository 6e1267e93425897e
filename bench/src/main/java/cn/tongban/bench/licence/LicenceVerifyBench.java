package cn.tongban.bench.licence;

import java.net.URI;
import java.util.concurrent.TimeUnit;

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

import cn.tongban.licence.pdf.PdfLicenceVerifier;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Indication;

/**
 * The licence verification benchmark, in process: the same 200 KB single-signature licence PDF verified by license-verify's
 * strict verifier (every rule on: structure and revisions, CMS, digest, signature value, signing-certificate-v2,
 * changes after signing, shadow checks, licence metadata and identifier, path validation with CRLs) and by EU DSS
 * 6.4 with its default policy ({@link LicenceVerifyDssBench}, same kind of file, RSA-2048 and ECDSA P-256 only:
 * DSS 6.4 cannot even read an SM2 certificate), for RSA-2048, ECDSA P-256 and SM2. Each trial first prints its
 * verdict; a Tongban verdict other than TOTAL_PASSED stops the run. Both, side by side in one run:
 * {@code java -jar bench/target/benchmarks.jar LicenceVerify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(2)
@Fork(1)
public class LicenceVerifyBench {

    @Param({"RSA_2048", "EC_P256", "SM2"})
    public String algorithm;

    private byte[] pdf;
    private PdfLicenceVerifier tongban;

    @Setup(Level.Trial)
    public void setUp() {
        KeyAlgorithm alg = KeyAlgorithm.valueOf(algorithm);
        LicenceBenchFiles files = LicenceBenchFiles.make(alg, URI.create("http://pki.invalid/"), 200 * 1024);
        pdf = files.pdf;
        tongban = files.tongbanVerifier();
        VerificationReport report = tongban.verify(pdf, VerificationOptions.defaults());
        System.out.printf("%n%s %d bytes: Tongban %s%n", algorithm, pdf.length, verdict(report));
        if (report.indication() != Indication.TOTAL_PASSED) {
            throw new IllegalStateException("Tongban did not pass the bench licence: " + report);
        }
    }

    static String verdict(VerificationReport report) {
        return report.indication()
                + (report.subIndication() == null ? "" : "/" + report.subIndication() + " (" + report.rule() + ")");
    }

    @Benchmark
    public VerificationReport tongban() {
        return tongban.verify(pdf, VerificationOptions.defaults());
    }
}
