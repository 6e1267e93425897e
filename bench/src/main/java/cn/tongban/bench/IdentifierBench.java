package cn.tongban.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import cn.tongban.catalog.id.UnifiedSocialCreditCode;

/**
 * Cost of validating a unified social credit code (GB 32100-2015 check character), the check every catalogue
 * write and every verification of a holder code pays. Run: {@code java -jar bench/target/benchmarks.jar Identifier}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IdentifierBench {

    private final String valid = "91350100M000100Y43";

    @Benchmark
    public boolean unifiedSocialCreditCode() {
        return UnifiedSocialCreditCode.isValid(valid);
    }
}
