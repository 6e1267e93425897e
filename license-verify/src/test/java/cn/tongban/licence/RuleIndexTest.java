package cn.tongban.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md's rule index against the code: every rule code a verifier reports (read from the main
 * sources of trust, seal-service and license-verify) is listed, and every row names a class and a test that exist
 * and the clause that class reports.
 */
class RuleIndexTest {

    private static final List<String> MODULES = List.of("trust", "seal-service", "license-verify");
    /** Where a rule code is written: first argument of a check factory, a judged certificate, a RULE constant. */
    private static final List<Pattern> RULE_SITES = Stream.of(
                    "(?:passed|failed|indeterminate|warning|check|mapped|pass|fail|timestampCheck|orElse)\\(\\s*\"([A-Z][A-Z0-9_]+)\"",
                    "new Check\\(\\s*\"([A-Z][A-Z0-9_]+)\"",
                    "certificate\\(\\w+,\\s*\"([A-Z][A-Z0-9_]+)\"",
                    "unreadable\\(\"[A-Z]+\",[^;]*?,\\s*\"([A-Z][A-Z0-9_]+)\",",
                    "String RULE\\w* = \"([A-Z][A-Z0-9_]+)\"")
            .map(Pattern::compile)
            .toList();

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| (`[^`]+`|—) \\| (.+?) \\|$");

    private static Path root;
    private static Map<String, Row> index;

    record Row(String rule, String className, String test, String clause) {}

    @BeforeAll
    static void readIndex() throws IOException {
        root = repositoryRoot();
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("docs/ARCHITECTURE.md"), StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                String test = m.group(3).equals("—") ? null : m.group(3).replace("`", "");
                rows.add(new Row(m.group(1), m.group(2), test, m.group(4).strip()));
            }
        }
        index = rows.stream().collect(Collectors.toMap(Row::rule, Function.identity()));
    }

    @Test
    void theIndexHasRows() {
        assertThat(index).hasSizeGreaterThan(40);
    }

    @Test
    void everyRuleCodeTheVerifiersReportIsIndexed() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (Path source : sources("main")) {
            String text = joined(source);
            for (Pattern p : RULE_SITES) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        assertThat(codes).as("rule codes found in the main sources").hasSizeGreaterThan(40);
        assertThat(index.keySet()).as("rule codes in docs/ARCHITECTURE.md").containsAll(codes);
    }

    @Test
    void everyIndexedClassExistsAndReportsTheListedClause() throws IOException {
        for (Row row : index.values()) {
            Path source = mainSource(row.className());
            assertThat(source)
                    .as("%s: source of %s", row.rule(), row.className())
                    .isNotNull();
            assertThat(joined(source))
                    .as("%s: clause reported by %s", row.rule(), row.className())
                    .contains(row.clause());
        }
    }

    @Test
    void everyIndexedTestExists() throws IOException {
        Set<String> tests = sources("test").stream()
                .map(p -> p.getFileName().toString().replace(".java", ""))
                .collect(Collectors.toSet());
        for (Row row : index.values()) {
            if (row.test() != null) {
                assertThat(tests)
                        .as("%s: test class %s", row.rule(), row.test())
                        .contains(row.test());
            }
        }
    }

    /** The source text with string concatenations across lines joined, so a clause reads as written. */
    private static String joined(Path source) throws IOException {
        return Files.readString(source, StandardCharsets.UTF_8).replaceAll("\"\\s*\\+\\s*\"", "");
    }

    private static Path mainSource(String className) {
        String relative = className.replace('.', '/') + ".java";
        return MODULES.stream()
                .map(m -> root.resolve(m).resolve("src/main/java").resolve(relative))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElse(null);
    }

    private static List<Path> sources(String scope) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path dir = module.resolve("src").resolve(scope).resolve("java");
                if (Files.isDirectory(dir)
                        && (scope.equals("test")
                                || MODULES.contains(module.getFileName().toString()))) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(all::add);
                    }
                }
            }
        }
        return all;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("docs/ARCHITECTURE.md"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new UncheckedIOException(
                new IOException("no docs/ARCHITECTURE.md above " + Path.of("").toAbsolutePath()));
    }
}
