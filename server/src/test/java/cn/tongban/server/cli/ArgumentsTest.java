package cn.tongban.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final Set<String> VALUED = Set.of("dir", "x");
    private static final Set<String> FLAGS = Set.of("force");

    private static Arguments parse(int positionals, String... args) throws CommandException {
        return Arguments.parse(List.of(args), VALUED, FLAGS, positionals);
    }

    private static String error(int positionals, String... args) {
        try {
            parse(positionals, args);
        } catch (CommandException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
            return e.getMessage();
        }
        throw new AssertionError("no usage error for " + List.of(args));
    }

    @Test
    void aValueMayStartWithOneDashOrComeAttachedWithAnyText() throws CommandException {
        Arguments a = parse(1, "--x", "-5", "--dir=--odd", "-file.pdf", "--force");
        assertThat(a.value("x", null)).isEqualTo("-5");
        assertThat(a.value("dir", null)).isEqualTo("--odd");
        assertThat(a.positional()).containsExactly("-file.pdf");
        assertThat(a.flag("force")).isTrue();
    }

    @Test
    void repeatedValuesAreKeptInOrderAndOneReadAsSingleIsAnError() throws CommandException {
        Arguments a = parse(0, "--dir", "a", "--dir=b", "--force", "--force");
        assertThat(a.values("dir")).containsExactly("a", "b");
        assertThatThrownBy(() -> a.value("dir", null)).hasMessage("option --dir given more than once");
    }

    @Test
    void aWordStartingWithTwoDashesIsNeverAValueNorAFileName() {
        assertThat(error(0, "--dir", "--forse")).isEqualTo("option --dir needs a value");
        assertThat(error(1, "--forse", "file")).isEqualTo("unknown option --forse");
        assertThat(error(1, "--")).isEqualTo("unknown option --");
    }

    @Test
    void theFirstWrongWordIsTheOneReported() {
        assertThat(error(0, "stray", "--dir")).isEqualTo("unexpected argument 'stray'");
        assertThat(error(1, "one", "two", "--bogus")).isEqualTo("unexpected argument 'two'");
        assertThat(error(0, "--force=yes", "--bogus")).isEqualTo("option --force takes no value");
    }

    @Test
    void anAtSignIsNotAFileToReadArgumentsFrom() {
        assertThat(error(0, "@/etc/passwd")).isEqualTo("unexpected argument '@/etc/passwd'");
    }
}
