package cn.tongban.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import cn.tongban.trust.pki.Certificates;

/** {@code pki client}: issues a client certificate for one more system with an existing platform CA. */
final class PkiClientCommand implements Command {

    @Override
    public List<String> words() {
        return List.of("pki", "client");
    }

    @Override
    public String usage() {
        return "pki client --system ID [--dir DIR] [--algorithm EC_P256|RSA_2048|RSA_3072]";
    }

    @Override
    public Set<String> valued() {
        return Set.of("dir", "system", "algorithm");
    }

    @Override
    public void run(Arguments args, InputStream in, PrintStream out, PrintStream err) throws CommandException {
        PkiLayout layout = new PkiLayout(Path.of(args.value("dir", "pki")));
        String system = args.required("system");
        if (!PlatformPki.SYSTEM_ID.matcher(system).matches()) {
            throw CommandException.usage("system id '" + system + "' must match " + PlatformPki.SYSTEM_ID.pattern());
        }
        if (!Files.isReadable(layout.caKeyStore()) || !Files.isReadable(layout.storePasswordFile())) {
            throw new CommandException(
                    ExitCodes.NO_INPUT, "no platform CA in " + layout.dir() + "; run pki init first");
        }
        PlatformPki pki = new PlatformPki(
                layout, Clock.systemUTC(), PkiInitCommand.algorithm(args.value("algorithm", "EC_P256")));
        try {
            X509Certificate cert = pki.issueClient(system);
            out.println("Issued " + layout.clientCertificate(system) + " (SHA-256 "
                    + Certificates.sha256Fingerprint(cert) + "); register it to system " + system);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandException(ExitCodes.DATA_ERROR, "cannot issue: " + e.getMessage());
        }
    }
}
