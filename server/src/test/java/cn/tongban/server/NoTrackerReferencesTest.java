package cn.tongban.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Code, scripts and docs say what and why, never which tracker entry: a tracker number means nothing to the
 * next reader (the project's rule: no issue numbers anywhere). Walks the repository from the working directory
 * up to its root. Left out: history that records what happened when (Flyway migrations, which are never edited
 * once applied; changelog-like files; docs/performance-history.md), and a reference to another project's tracker
 * when that project is named right before it (e.g. a hyphenated or owner/name project name).
 */
class NoTrackerReferencesTest {

    /** A tracker word with a number ("issue", "ticket", "PR", "pull request", optionally with '#'). */
    static final Pattern TRACKER_WORD =
            Pattern.compile("\\b(issues?|tickets?|PRs?|pull requests?)\\s*#?\\s*\\d+\\b", Pattern.CASE_INSENSITIVE);
    /** A bare "#N" that starts a word (not "a#1", "(bean)#1" or "&#1;"). */
    static final Pattern HASH_NUMBER = Pattern.compile("(?<=^|[\\s(\\[])#\\d+\\b(?![\\w;])");
    /** Another project named right before the word: "spring-framework issues", "owner/name issue". */
    static final Pattern UPSTREAM_QUALIFIER = Pattern.compile("[\\w.]+[-/][\\w./-]+\\s+$");

    static final Set<String> TEXT = Set.of(
            "java",
            "xml",
            "md",
            "sh",
            "yml",
            "yaml",
            "properties",
            "sql",
            "json",
            "txt",
            "html",
            "css",
            "js",
            "cfg",
            "conf",
            "adoc",
            "cmd");
    static final Set<String> SKIPPED_DIRECTORIES =
            Set.of(".git", "target", "node_modules", ".idea", ".vscode", ".cifuzz-corpus", "data", "pki", "wrapper");

    @Test
    void codeScriptsAndDocsNameNoTrackerNumbers() throws IOException {
        Path root = repositoryRoot();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> Files.isRegularFile(f) && checked(root.relativize(f)))
                    .forEach(f -> found.addAll(trackerReferences(root, f)));
        }
        assertThat(found).as("tracker references (say what and why instead)").isEmpty();
    }

    @Test
    void theCheckFindsTrackerWordsAndBareNumbersButNotUpstreamOrHistory() {
        assertThat(references("-- fixed in issue " + 12)).hasSize(1);
        assertThat(references("see #" + 12 + " for the background")).hasSize(1);
        assertThat(references("after PR #" + 7 + " landed")).hasSize(1);
        assertThat(references("spring-framework issues 24901 and 34461")).isEmpty();
        assertThat(references("processor.post(cache, \"(inner bean)#1\"); colour #ff0000; &#12;"))
                .isEmpty();
        assertThat(checked(Paths.get("catalog/src/main/resources/db/migration/V1__x.sql")))
                .isFalse();
        assertThat(checked(Paths.get("docs/performance-history.md"))).isFalse();
        assertThat(checked(Paths.get("CHANGELOG.md"))).isFalse();
        assertThat(checked(Paths.get("docs/PERFORMANCE.md"))).isTrue();
        assertThat(checked(Paths.get(".ci/run"))).isTrue();
    }

    static boolean checked(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return false;
            }
        }
        String path = relative.toString().replace('\\', '/');
        String name = relative.getFileName().toString();
        String upper = name.toUpperCase(Locale.ROOT);
        if (path.contains("/db/migration/")
                || path.equals("docs/performance-history.md")
                || upper.startsWith("CHANGELOG")
                || upper.startsWith("CHANGES")
                || upper.startsWith("HISTORY")
                || upper.startsWith("RELEASE-NOTES")
                || upper.startsWith("RELEASE_NOTES")) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            Path parent = relative.getParent();
            return parent != null && (parent.endsWith(".ci") || parent.endsWith("scripts"));
        }
        return TEXT.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static List<String> trackerReferences(Path root, Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String reference : references(lines[i])) {
                found.add(root.relativize(file) + ":" + (i + 1) + ": " + reference);
            }
        }
        return found;
    }

    static List<String> references(String line) {
        List<String> found = new ArrayList<>();
        StringBuilder rest = new StringBuilder(line);
        Matcher word = TRACKER_WORD.matcher(line);
        while (word.find()) {
            if (!UPSTREAM_QUALIFIER.matcher(line.substring(0, word.start())).find()) {
                found.add(word.group());
            }
            // a "#N" inside a tracker word (or an upstream one) is not counted again
            for (int i = word.start(); i < word.end(); i++) {
                rest.setCharAt(i, ' ');
            }
        }
        Matcher hash = HASH_NUMBER.matcher(rest);
        while (hash.find()) {
            found.add(hash.group());
        }
        return found;
    }

    static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve(".mvn"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (a directory with mvnw and .mvn) above " + dir);
    }
}
