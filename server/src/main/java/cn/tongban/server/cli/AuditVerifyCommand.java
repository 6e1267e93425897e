package cn.tongban.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.audit.ExportVerifier;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.server.audit.AuditKeys;
import cn.tongban.trust.pki.Providers;

/**
 * {@code audit verify}: checks an NDJSON export or archive of the access log against signed tree heads, offline
 * (no database, no server). Exit 0 when every entry verifies, 1 when one was altered, removed or reordered
 * (named on stderr), 64 usage, 65 a heads or key file that cannot be parsed, 66 a file that cannot be read.
 */
final class AuditVerifyCommand implements Command {

    static final int VERIFICATION_FAILED = 1;

    @Override
    public List<String> words() {
        return List.of("audit", "verify");
    }

    @Override
    public String usage() {
        return "audit verify --export FILE.ndjson --heads HEADS.json --key PUBLIC-KEY.pem";
    }

    @Override
    public Set<String> valued() {
        return Set.of("export", "heads", "key");
    }

    @Override
    public void run(Arguments args, InputStream in, PrintStream out, PrintStream err) throws CommandException {
        Path export = readable(args.required("export"));
        Path headsFile = readable(args.required("heads"));
        Path keyFile = readable(args.required("key"));
        Providers.bc(); // SM2 keys and SM3withSM2 signatures
        PublicKey key;
        try {
            key = AuditKeys.readPublicKey(keyFile);
        } catch (IOException e) {
            throw new CommandException(ExitCodes.DATA_ERROR, e.getMessage());
        }
        List<SignedTreeHead> heads;
        try {
            JsonNode json = new ObjectMapper().readTree(headsFile.toFile());
            heads = ExportVerifier.readHeads(json);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandException(ExitCodes.DATA_ERROR, headsFile + " is not a heads file: " + e.getMessage());
        }
        if (heads.isEmpty()) {
            throw new CommandException(ExitCodes.DATA_ERROR, headsFile + " holds no signed tree head");
        }
        ExportVerifier.Result result;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            result = ExportVerifier.verify(reader, heads, key);
        } catch (IOException e) {
            throw new CommandException(ExitCodes.NO_INPUT, "cannot read " + export + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandException(
                    VERIFICATION_FAILED, "FAILED " + export + ": malformed prefix line: " + e.getMessage());
        }
        if (!result.ok()) {
            throw new CommandException(
                    VERIFICATION_FAILED,
                    "FAILED " + result.status()
                            + (result.firstSequence() > 0 ? " at entry " + result.firstSequence() : "") + ": "
                            + result.message());
        }
        out.println("OK " + result.message());
    }

    private static Path readable(String name) throws CommandException {
        Path p = Path.of(name);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new CommandException(ExitCodes.NO_INPUT, "cannot read " + p);
        }
        return p;
    }
}
