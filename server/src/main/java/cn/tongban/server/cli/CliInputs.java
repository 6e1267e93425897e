package cn.tongban.server.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Reading files and ISO-8601 times for commands, with the exit codes of the CLI contracts. */
final class CliInputs {

    /** Dates without a time of day are the start of that day in China Standard Time. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private CliInputs() {}

    /** The file's bytes; 66 when it is missing, a directory, unreadable or larger than {@code maxBytes}. */
    static byte[] read(String file, String what, long maxBytes) throws CommandException {
        Path path = Path.of(file);
        try {
            if (Files.isDirectory(path)) {
                throw new CommandException(
                        ExitCodes.NO_INPUT, "cannot read " + what + " " + file + ": it is a directory");
            }
            if (Files.size(path) > maxBytes) {
                throw new CommandException(
                        ExitCodes.NO_INPUT,
                        "cannot read " + what + " " + file + ": larger than " + maxBytes / (1024 * 1024) + " MB");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CommandException(ExitCodes.NO_INPUT, "cannot read " + what + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CommandException(ExitCodes.NO_INPUT, "cannot read " + what + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new CommandException(
                    ExitCodes.NO_INPUT,
                    "cannot read " + what + " " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Writes {@code bytes} to {@code file} through a temporary sibling, so a failed run leaves no half file. */
    static void write(String file, byte[] bytes) throws CommandException {
        Path path = Path.of(file).toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(path.getParent(), "." + path.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            Files.move(
                    tmp,
                    path,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do: the message below says the output was not written
                }
            }
            throw new CommandException(
                    ExitCodes.CANNOT_CREATE,
                    "cannot write " + file + ": "
                            + (e instanceof NoSuchFileException
                                    ? "no such directory"
                                    : e.getClass().getSimpleName()));
        }
    }

    /**
     * An ISO-8601 instant: {@code 2026-11-23T10:00:00+08:00}, {@code 2026-11-23T02:00:00Z}, or a date
     * {@code 2026-11-23} (start of that day, China Standard Time). 64 when it is none of these.
     */
    static Instant instant(String option, String value) throws CommandException {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZONE).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw CommandException.usage("--" + option + " must be ISO-8601, e.g. 2026-11-23 or "
                    + "2026-11-23T10:00:00+08:00, not '" + value + "'");
        }
    }

    /** A decimal number option, 64 when it is not one. */
    static double number(String option, String value) throws CommandException {
        try {
            double d = Double.parseDouble(value);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw CommandException.usage("--" + option + " must be a number, not '" + value + "'");
        }
    }

    /** A whole number option, 64 when it is not one. */
    static int integer(String option, String value) throws CommandException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw CommandException.usage("--" + option + " must be a whole number, not '" + value + "'");
        }
    }
}
