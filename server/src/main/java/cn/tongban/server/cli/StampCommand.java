package cn.tongban.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import cn.tongban.licence.DocumentVerifiers;
import cn.tongban.seal.custody.KeyCustodyException;
import cn.tongban.seal.custody.Pkcs12Custody;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.issue.StampRefusal;
import cn.tongban.seal.issue.Stamping;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;

/**
 * {@code stamp --in FILE(.pdf|.ofd) --seal FILE.esl --key P12 --password PW --page N --x MM --y MM --out FILE} — a
 * contract other tools depend on: exit 0 stamped, 64 usage error (missing option, not a number, page below 1,
 * negative position), 65 bad input data (not a PDF or OFD, malformed seal, key not one of the seal's signers, seal
 * or certificate outside its validity now, page beyond the document, seal not fitting on the page, wrong
 * password), 66 unreadable input, 73 the output cannot be written. The format is read from the content, not the
 * name. The position is the top-left corner of the seal picture in mm from the page's top-left corner; the
 * picture keeps the seal's own size. An OFD gets a GB/T 38540 signature (Signatures.xml, Signature.xml,
 * SignedValue.dat, Seal.esl; docs/STANDARDS.md §1.6), a PDF a PAdES signature carrying the seal; earlier stamps stay
 * valid. {@code --key-alias} picks a key when the PKCS#12 file holds several. The password is never printed.
 */
final class StampCommand implements Command {

    static final long MAX_DOCUMENT = 256L * 1024 * 1024;

    private final Clock clock;

    StampCommand() {
        this(Clock.systemUTC());
    }

    StampCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<String> words() {
        return List.of("stamp");
    }

    @Override
    public String usage() {
        return "stamp --in FILE(.pdf|.ofd) --seal FILE.esl --key P12 --password PW --page N --x MM --y MM "
                + "--out FILE [--key-alias ALIAS]   put a seal on a PDF or OFD";
    }

    @Override
    public Set<String> valued() {
        return Set.of("in", "seal", "key", "password", "page", "x", "y", "out", "key-alias");
    }

    @Override
    public void run(Arguments args, InputStream in, PrintStream out, PrintStream err) throws CommandException {
        String inFile = args.required("in");
        String sealFile = args.required("seal");
        String keyFile = args.required("key");
        String password = args.required("password");
        int page = CliInputs.integer("page", args.required("page"));
        double x = CliInputs.number("x", args.required("x"));
        double y = CliInputs.number("y", args.required("y"));
        String outFile = args.required("out");
        StampPosition position;
        try {
            position = new StampPosition(page, x, y);
        } catch (IllegalArgumentException e) {
            throw CommandException.usage("--page/--x/--y: " + e.getMessage());
        }

        byte[] document = CliInputs.read(inFile, "--in", MAX_DOCUMENT);
        byte[] seal = CliInputs.read(sealFile, "--seal", SealMakeCommand.MAX_FILE);
        byte[] store = CliInputs.read(keyFile, "--key", SealMakeCommand.MAX_FILE);
        DocumentVerifiers.Kind kind = DocumentVerifiers.sniff(document);
        if (kind != DocumentVerifiers.Kind.PDF && kind != DocumentVerifiers.Kind.OFD) {
            throw new CommandException(ExitCodes.DATA_ERROR, "--in " + inFile + " is neither a PDF nor an OFD");
        }

        byte[] stamped;
        String signer;
        try (Pkcs12Custody custody = Pkcs12Custody.open(store, password.toCharArray(), keyFile)) {
            String alias = args.value("key-alias", null);
            SigningKey key = alias == null ? custody.onlyKey() : custody.key(alias);
            signer = key.certificate().getSubjectX500Principal().getName();
            stamped = new Stamping(clock)
                    .prepare(seal, key)
                    .stamp(
                            kind == DocumentVerifiers.Kind.PDF ? Stamping.Format.PDF : Stamping.Format.OFD,
                            document,
                            position);
        } catch (KeyCustodyException e) {
            throw new CommandException(ExitCodes.DATA_ERROR, "--key: " + e.getMessage());
        } catch (StampRefusal e) {
            throw new CommandException(ExitCodes.DATA_ERROR, "cannot stamp: " + String.join("; ", e.reasons()));
        } catch (StampException e) {
            throw new CommandException(ExitCodes.DATA_ERROR, "cannot stamp: " + String.join("; ", e.reasons()));
        }
        CliInputs.write(outFile, stamped);
        out.println(
                "stamped page " + page + " of " + inFile + " (" + kind + ") at (" + x + ", " + y + ") mm, signed by "
                        + signer + " → " + outFile + " (" + stamped.length + " bytes, sha256 "
                        + SealMakeCommand.sha256(stamped) + ")");
    }
}
