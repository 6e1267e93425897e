package cn.tongban.server.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import cn.tongban.seal.codec.PictureType;
import cn.tongban.seal.custody.KeyCustodyException;
import cn.tongban.seal.custody.Pkcs12Custody;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.issue.SealIssuance;
import cn.tongban.seal.issue.SealOrder;
import cn.tongban.seal.make.InvalidSealRequestException;

/**
 * {@code seal make --maker P12 --maker-password PW --signer-cert CERTFILE --name NAME --picture IMAGE
 * --valid-from ISO-8601 --valid-to ISO-8601 --out FILE.esl} — a contract other tools depend on: exit 0 made, 64
 * usage error, 65 bad input data (picture, dates, certificates, maker key or password), 66 unreadable input, 73
 * the output cannot be written. The seal is a GB/T 38540 v4 SESeal (docs/STANDARDS.md §1.1) signed by the seal-making
 * authority's key from the PKCS#12 file (SM2 → SM3withSM2, RSA/ECDSA → SHA-256, docs/STANDARDS.md §1.3). Optional:
 * {@code --signer-cert} again for more signers (every certificate of a PEM file counts), {@code --width MM}
 * {@code --height MM} (default 40 mm wide, height by the picture's aspect ratio; an SVG's own mm size when it
 * states one), {@code --type N} (SES_ESPropertyInfo.type, default 1, unit seal), {@code --esid ID} (default a
 * random 32-hex id), {@code --vid VENDOR} (default TONGBAN), {@code --digests} (list the signers' SM3 digests
 * instead of their certificates), {@code --maker-alias} (when the PKCS#12 file holds several keys).
 * The password is used to open the file and is never printed.
 */
final class SealMakeCommand implements Command {

    static final long MAX_FILE = 16L * 1024 * 1024;
    static final int DEFAULT_WIDTH_MM = 40;

    private final Clock clock;

    SealMakeCommand() {
        this(Clock.systemUTC());
    }

    SealMakeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<String> words() {
        return List.of("seal", "make");
    }

    @Override
    public String usage() {
        return "seal make --maker P12 --maker-password PW --signer-cert CERTFILE --name NAME --picture IMAGE "
                + "--valid-from ISO-8601 --valid-to ISO-8601 --out FILE.esl [--width MM] [--height MM] [--type N] "
                + "[--esid ID] [--vid VENDOR] [--digests] [--maker-alias ALIAS]   make a GB/T 38540 seal";
    }

    @Override
    public Set<String> valued() {
        return Set.of(
                "maker",
                "maker-password",
                "signer-cert",
                "name",
                "picture",
                "valid-from",
                "valid-to",
                "out",
                "width",
                "height",
                "type",
                "esid",
                "vid",
                "maker-alias");
    }

    @Override
    public Set<String> flags() {
        return Set.of("digests");
    }

    @Override
    public void run(Arguments args, InputStream in, PrintStream out, PrintStream err) throws CommandException {
        String makerFile = args.required("maker");
        String password = args.required("maker-password");
        List<String> signerFiles = args.values("signer-cert");
        if (signerFiles.isEmpty()) {
            throw CommandException.usage("--signer-cert is required");
        }
        String name = args.required("name");
        String pictureFile = args.required("picture");
        Instant from = CliInputs.instant("valid-from", args.required("valid-from"));
        Instant to = CliInputs.instant("valid-to", args.required("valid-to"));
        String outFile = args.required("out");
        Integer width =
                args.value("width", null) == null ? null : CliInputs.integer("width", args.value("width", null));
        Integer height =
                args.value("height", null) == null ? null : CliInputs.integer("height", args.value("height", null));
        int type = CliInputs.integer("type", args.value("type", "1"));
        String esId = args.value("esid", SealIssuance.newEsId());
        String vid = args.value("vid", "TONGBAN");

        byte[] makerStore = CliInputs.read(makerFile, "--maker", MAX_FILE);
        List<X509Certificate> signers = new ArrayList<>();
        for (String f : signerFiles) {
            List<X509Certificate> certs = SealIssuance.certificates(CliInputs.read(f, "--signer-cert", MAX_FILE));
            if (certs.isEmpty()) {
                throw new CommandException(
                        ExitCodes.DATA_ERROR, "--signer-cert " + f + " holds no PEM or DER certificate");
            }
            signers.addAll(certs);
        }
        byte[] picture = CliInputs.read(pictureFile, "--picture", MAX_FILE);
        PictureType pictureType = PictureType.detect(picture)
                .orElseThrow(() -> new CommandException(
                        ExitCodes.DATA_ERROR,
                        "--picture " + pictureFile + " is not a PNG, JPG, GIF, BMP or SVG image"));
        int[] size = size(picture, pictureType, width, height);

        SealOrder order = new SealOrder(
                vid, esId, type, name, args.flag("digests"), signers, from, to, picture, size[0], size[1]);
        byte[] seal;
        String makerName;
        try (Pkcs12Custody custody = Pkcs12Custody.open(makerStore, password.toCharArray(), makerFile)) {
            String alias = args.value("maker-alias", null);
            SigningKey maker = alias == null ? custody.onlyKey() : custody.key(alias);
            makerName = maker.certificate().getSubjectX500Principal().getName();
            seal = new SealIssuance(clock).make(maker, order).der();
        } catch (KeyCustodyException e) {
            throw new CommandException(ExitCodes.DATA_ERROR, "--maker: " + e.getMessage());
        } catch (InvalidSealRequestException e) {
            throw new CommandException(
                    ExitCodes.DATA_ERROR, "the seal cannot be made: " + String.join("; ", e.violations()));
        }
        CliInputs.write(outFile, seal);
        out.println("made seal " + esId + " \"" + name + "\" (" + pictureType + " " + size[0] + "x" + size[1]
                + " mm, valid " + from + " .. " + to + ", " + signers.size() + " signer(s)), signed by "
                + makerName + " → " + outFile
                + " (" + seal.length + " bytes, sha256 " + sha256(seal) + ")");
    }

    /** Width and height in mm: as given, else the SVG's own mm size, else 40 mm wide and the picture's aspect. */
    static int[] size(byte[] picture, PictureType type, Integer width, Integer height) throws CommandException {
        if (width != null && height != null) {
            return new int[] {width, height};
        }
        double aspect = 1.0; // height / width
        if (type == PictureType.SVG) {
            Optional<double[]> mm = svgMillimetres(picture);
            if (mm.isPresent() && width == null && height == null) {
                return new int[] {(int) Math.round(mm.get()[0]), (int) Math.round(mm.get()[1])};
            }
            if (mm.isPresent()) {
                aspect = mm.get()[1] / mm.get()[0];
            }
        } else {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture));
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new CommandException(
                            ExitCodes.DATA_ERROR, "--picture: the " + type + " image cannot be decoded");
                }
                aspect = (double) image.getHeight() / image.getWidth();
            } catch (IOException e) {
                throw new CommandException(ExitCodes.DATA_ERROR, "--picture: the " + type + " image cannot be decoded");
            }
        }
        if (width != null) {
            return new int[] {width, Math.max(1, (int) Math.round(width * aspect))};
        }
        if (height != null) {
            return new int[] {Math.max(1, (int) Math.round(height / aspect)), height};
        }
        return new int[] {DEFAULT_WIDTH_MM, Math.max(1, (int) Math.round(DEFAULT_WIDTH_MM * aspect))};
    }

    private static final Pattern SVG_SIZE = Pattern.compile(
            "<svg[^>]*?\\swidth\\s*=\\s*\"([0-9.]+)mm\"[^>]*?\\sheight\\s*=\\s*\"([0-9.]+)mm\"", Pattern.DOTALL);

    private static Optional<double[]> svgMillimetres(byte[] svg) {
        Matcher m = SVG_SIZE.matcher(new String(svg, 0, Math.min(svg.length, 4096), StandardCharsets.UTF_8));
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            double w = Double.parseDouble(m.group(1));
            double h = Double.parseDouble(m.group(2));
            return w > 0 && h > 0 ? Optional.of(new double[] {w, h}) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
