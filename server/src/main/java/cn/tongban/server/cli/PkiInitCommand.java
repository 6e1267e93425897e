package cn.tongban.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import cn.tongban.trust.pki.KeyAlgorithm;

/** {@code pki init}: creates the platform CA, the server's TLS certificate and client certificates. */
final class PkiInitCommand implements Command {

    @Override
    public List<String> words() {
        return List.of("pki", "init");
    }

    @Override
    public String usage() {
        return "pki init [--dir DIR] [--host NAME]... [--system ID]... [--algorithm EC_P256|RSA_2048|RSA_3072] [--force]";
    }

    @Override
    public Set<String> valued() {
        return Set.of("dir", "host", "system", "algorithm");
    }

    @Override
    public Set<String> flags() {
        return Set.of("force");
    }

    @Override
    public void run(Arguments args, InputStream in, PrintStream out, PrintStream err) throws CommandException {
        PkiLayout layout = new PkiLayout(Path.of(args.value("dir", "pki")));
        KeyAlgorithm algorithm = algorithm(args.value("algorithm", "EC_P256"));
        List<String> hosts = args.values("host").isEmpty() ? List.of("localhost", "127.0.0.1") : args.values("host");
        List<String> systems = args.values("system");
        for (String s : systems) {
            if (!PlatformPki.SYSTEM_ID.matcher(s).matches()) {
                throw CommandException.usage("system id '" + s + "' must match " + PlatformPki.SYSTEM_ID.pattern());
            }
        }
        PlatformPki pki = new PlatformPki(layout, Clock.systemUTC(), algorithm);
        if (pki.exists() && !args.flag("force")) {
            throw new CommandException(
                    ExitCodes.CANNOT_CREATE,
                    layout.dir() + " already holds a PKI;"
                            + " use --force to replace it (every issued client certificate stops working)");
        }
        try {
            pki.init(hosts, systems);
        } catch (IOException e) {
            throw new CommandException(ExitCodes.CANNOT_CREATE, "cannot write " + layout.dir() + ": " + e.getMessage());
        }
        out.println("Created platform CA, server certificate for " + String.join(", ", hosts)
                + (systems.isEmpty() ? "" : " and client certificates for " + String.join(", ", systems))
                + " in " + layout.dir().toAbsolutePath());
        out.println("Clients trust " + layout.caCertificate() + "; keep " + layout.caKeyStore() + " and "
                + layout.storePasswordFile() + " private.");
    }

    static KeyAlgorithm algorithm(String name) throws CommandException {
        try {
            KeyAlgorithm a = KeyAlgorithm.valueOf(name.toUpperCase(Locale.ROOT));
            if (a == KeyAlgorithm.SM2) {
                throw CommandException.usage("TLS certificates cannot be SM2; use EC_P256, RSA_2048 or RSA_3072");
            }
            // The other kinds (Brainpool, Ed25519, ...) stand in for other producers' signers in tests; the
            // platform's TLS PKI keeps to what every TLS stack here negotiates.
            if (a != KeyAlgorithm.EC_P256 && a != KeyAlgorithm.RSA_2048 && a != KeyAlgorithm.RSA_3072) {
                throw new IllegalArgumentException(name);
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw CommandException.usage("unknown algorithm '" + name + "'; use EC_P256, RSA_2048 or RSA_3072");
        }
    }
}
