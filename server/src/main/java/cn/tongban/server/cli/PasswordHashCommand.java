package cn.tongban.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Reads a password from standard input (never from the command line, where it would land in the shell
 * history and the process list) and prints its bcrypt hash for {@code tongban.security.users[*].password-hash}.
 */
final class PasswordHashCommand implements Command {

    static final int MIN_LENGTH = 12;

    @Override
    public List<String> words() {
        return List.of("password", "hash");
    }

    @Override
    public String usage() {
        return "password hash   (reads the password from standard input, prints its bcrypt hash)";
    }

    @Override
    public void run(Arguments args, InputStream in, PrintStream out, PrintStream err) throws CommandException {
        String password;
        try {
            password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new CommandException(ExitCodes.IO_ERROR, "cannot read standard input: " + e.getMessage());
        }
        if (password == null || password.isEmpty()) {
            throw new CommandException(ExitCodes.NO_INPUT, "no password on standard input");
        }
        if (password.length() < MIN_LENGTH) {
            throw new CommandException(
                    ExitCodes.DATA_ERROR, "the password is shorter than " + MIN_LENGTH + " characters");
        }
        out.println("{bcrypt}" + new BCryptPasswordEncoder(12).encode(password));
    }
}
