package cn.tongban.exchange.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB CSV imports, validates, stores and downloads end to end in a JVM whose heap is 64 MiB: the file is
 * streamed, never held.
 */
class LargeDatasetIT {

    static final long ONE_GIB = 1L << 30;

    @TempDir
    Path root;

    @Test
    void oneGibibyteStreamsThroughA64MiBHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeImportMain.class.getName(),
                        Long.toString(ONE_GIB),
                        root.toString()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("finished in 15 minutes").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("rows=(\\d+) stored=(\\d+) downloaded=(\\d+) peakHeapMiB=(\\d+)")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        System.out.println("1 GiB import: " + m.group());
        assertThat(Long.parseLong(m.group(1))).isGreaterThan(4_000_000);
        assertThat(Long.parseLong(m.group(2))).isGreaterThan(ONE_GIB);
        assertThat(Long.parseLong(m.group(3))).isGreaterThan(100_000_000);
        assertThat(Long.parseLong(m.group(4))).isLessThanOrEqualTo(64);
    }
}
