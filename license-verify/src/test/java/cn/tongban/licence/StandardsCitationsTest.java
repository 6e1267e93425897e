package cn.tongban.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Citations of docs/STANDARDS.md cannot drift: every {@code STANDARDS.md §N} or {@code §N.M} cited in the
 * repository's sources and docs (both ends of a range such as {@code §1.5–1.6}, each of a list such as
 * {@code §1.3, §1.6}) must be a section heading of that document. The older spelling {@code STANDARDS §N}, still
 * used inside report clause strings, is checked the same way.
 */
class StandardsCitationsTest {

    /** Where a citation starts: the document's name, optionally quoted as code, then the first section number. */
    private static final Pattern CITATION = Pattern.compile("STANDARDS(?:\\.md)?`?\\s*§\\s*(\\d+(?:\\.\\d+)*)"
            + "((?:\\s*(?:[-–]\\s*§?|,\\s*§|\\s+and\\s+§)\\s*\\d+(?:\\.\\d+)*)*)");

    private static final Pattern FURTHER = Pattern.compile("\\d+(?:\\.\\d+)*");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?(?=\\s|$)");
    private static final Set<String> SCANNED = Set.of(".java", ".md", ".sql", ".yaml", ".yml");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", "build");

    record Citation(String where, String section) {}

    @Test
    void everySectionCitedInTheRepositoryIsAHeadingOfDocsStandardsMd() throws IOException {
        Path root = repositoryRoot();
        Path doc = root.resolve("docs/STANDARDS.md");
        assertThat(doc)
                .as("docs/STANDARDS.md under the repository root " + root)
                .isRegularFile();
        Set<String> headings = headings(Files.readString(doc, StandardCharsets.UTF_8));

        List<Citation> citations = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skipped = !dir.equals(root) && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && SCANNED.stream().anyMatch(name::endsWith)) {
                    citations.addAll(citations(root.relativize(file).toString().replace('\\', '/'), read(file)));
                }
                return FileVisitResult.CONTINUE;
            }
        });

        // A walk that found nothing would prove nothing: the sources cite the document well over a hundred times.
        assertThat(citations).as("citations found under " + root).hasSizeGreaterThan(50);
        assertThat(citations)
                .as("citations of sections that docs/STANDARDS.md does not have (its headings: " + headings + ")")
                .filteredOn(c -> !headings.contains(c.section()))
                .isEmpty();
    }

    @Test
    void aCitationOfASectionTheDocumentLacksIsReported() {
        Set<String> headings = headings("# Title\n\n## 1. Seals\n\n### 1.1 ASN.1\n\n### 1.2 v1\n\n## 2. Licences\n");
        // {new} and {old} stand for the document's names, so that this file does not itself cite missing sections.
        List<Citation> cited =
                citations("A.java", """
                /** Parses SESeal ({new} §1.1, §1.2); see also `{new}` §2 and §9. */
                String CLAUSE = "GM/T 0031-2014 §6.2.3 step 4; {old} §1.7";
                // {new} §1.1–1.3 and {old} §2.1. Not a citation: GB/T 33190 §7.6, §18.
                """.replace("{new}", "docs/STANDARDS.md").replace("{old}", "STANDARDS"));

        assertThat(headings).containsExactlyInAnyOrder("1", "1.1", "1.2", "2");
        assertThat(cited)
                .extracting(Citation::section)
                .containsExactly("1.1", "1.2", "2", "9", "1.7", "1.1", "1.3", "2.1");
        assertThat(cited)
                .filteredOn(c -> !headings.contains(c.section()))
                .extracting(Citation::toString)
                .containsExactly(
                        "Citation[where=A.java:1, section=9]",
                        "Citation[where=A.java:2, section=1.7]",
                        "Citation[where=A.java:3, section=1.3]",
                        "Citation[where=A.java:3, section=2.1]");
    }

    /** Section numbers of the document's headings: {@code ## 1. Title} gives 1, {@code ### 1.3 Title} 1.3. */
    static Set<String> headings(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = HEADING.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Every section cited in {@code text}, each with the file and line it is on. */
    static List<Citation> citations(String file, String text) {
        List<Citation> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = CITATION.matcher(lines[i]);
            while (m.find()) {
                String where = file + ":" + (i + 1);
                out.add(new Citation(where, m.group(1)));
                Matcher further = FURTHER.matcher(m.group(2));
                while (further.find()) {
                    out.add(new Citation(where, further.group()));
                }
            }
        }
        return out;
    }

    /** The nearest directory above the module's basedir that holds the Maven wrapper: the repository root. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve(".mvn"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no directory with mvnw and .mvn above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return ""; // not UTF-8 text (e.g. a test vector named *.md); it cites nothing
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
