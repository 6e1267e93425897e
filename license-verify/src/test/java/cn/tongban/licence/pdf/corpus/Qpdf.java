package cn.tongban.licence.pdf.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * qpdf (the Debian package {@code qpdf}) rewriting a PDF before it is signed: {@code --linearize} (ISO 32000-1
 * Annex F: a first-page cross-reference section near the start, hint streams), {@code --object-streams=generate}
 * (§7.5.7 object streams, §7.5.8 cross-reference streams). The corpus needs it: without qpdf this fails loudly
 * instead of skipping those documents.
 */
final class Qpdf {

    private Qpdf() {}

    static byte[] run(byte[] pdf, String... options) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("control-corpus-qpdf");
            Path in = dir.resolve("in.pdf");
            Path out = dir.resolve("out.pdf");
            Files.write(in, pdf);
            List<String> command = new ArrayList<>();
            command.add("qpdf");
            command.addAll(List.of(options));
            command.add(in.toString());
            command.add(out.toString());
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError(
                        "qpdf is required to build the control corpus (apt-get install qpdf): " + e.getMessage(), e);
            }
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("qpdf " + command + " did not finish within 60 s");
            }
            // qpdf exits 3 for warnings (the output is written), 2 for errors.
            if (p.exitValue() != 0 && p.exitValue() != 3) {
                throw new AssertionError("qpdf " + command + " exited " + p.exitValue() + ": " + output);
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new AssertionError("qpdf could not be run: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while qpdf ran", e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // a temporary directory left behind
                }
            }
        }
    }
}
