package cn.tongban.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.tongban.licence.DocumentVerifiers;
import cn.tongban.licence.report.SignatureDetail;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.trust.validation.CertificateSource;
import cn.tongban.trust.validation.HttpRevocationFetcher;
import cn.tongban.trust.validation.InMemoryRevocationCache;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.RevocationChecker;
import cn.tongban.trust.validation.TrustAnchors;
import cn.tongban.trust.verdict.Check;

/**
 * {@code verify FILE [--trust CERTFILE]... [--validation-time ISO-8601] [--no-revocation] [--format json|text]} —
 * FILE a PDF, an OFD or a bare GB/T 38540 seal file ({@code .esl}, judged at the validation time; its maker must
 * chain to a {@code --trust} anchor). A contract other tools depend on: exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE, 64 usage error, 66
 * unreadable input; JSON on stdout has at least {@code indication} and {@code subIndication}. Anchors are only the
 * certificates given with {@code --trust} (every certificate of a PEM file, or one DER certificate; an end-entity
 * certificate may be an anchor); revocation is fetched from the certificates' OCSP and CRL addresses unless
 * {@code --no-revocation}, which the report carries as a warning.
 */
final class VerifyCommand implements Command {

    static final int FAILED = 1;
    static final int INDETERMINATE = 2;
    /** Largest document read (the same default as the HTTP endpoint). */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Clock clock;

    VerifyCommand() {
        this(Clock.systemUTC());
    }

    VerifyCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<String> words() {
        return List.of("verify");
    }

    @Override
    public String usage() {
        return "verify FILE [--trust CERTFILE]... [--validation-time ISO-8601] [--no-revocation] [--format json|text]"
                + "   verify a signed PDF/OFD licence, a stamped document or a bare GB/T 38540 seal file (.esl)"
                + " (exit 0 passed, 1 failed, 2 indeterminate)";
    }

    @Override
    public Set<String> valued() {
        return Set.of("trust", "validation-time", "format");
    }

    @Override
    public Set<String> flags() {
        return Set.of("no-revocation");
    }

    @Override
    public int positionals() {
        return 1;
    }

    @Override
    public void run(Arguments args, InputStream in, PrintStream out, PrintStream err) throws CommandException {
        if (args.positional().isEmpty()) {
            throw CommandException.usage("the document to verify (FILE) is missing");
        }
        String format = args.value("format", "json");
        if (!format.equals("json") && !format.equals("text")) {
            throw CommandException.usage("--format must be json or text, not '" + format + "'");
        }
        String time = args.value("validation-time", null);
        Instant at = time == null ? null : CliInputs.instant("validation-time", time);
        List<X509Certificate> anchors = new ArrayList<>();
        for (String file : args.values("trust")) {
            byte[] content = CliInputs.read(file, "--trust", MAX_BYTES);
            try {
                anchors.addAll(TrustAnchors.parse(content));
            } catch (RuntimeException e) {
                throw CommandException.usage("--trust " + file + " holds no PEM or DER certificate");
            }
        }
        byte[] document = CliInputs.read(args.positional().get(0), "FILE", MAX_BYTES);
        boolean revocation = !args.flag("no-revocation");

        HttpRevocationFetcher fetcher = new HttpRevocationFetcher(Duration.ofSeconds(5), Duration.ofSeconds(10));
        RevocationChecker checker = new RevocationChecker(fetcher, fetcher, new InMemoryRevocationCache(clock), clock);
        DocumentTrust trust = new DocumentTrust(
                TrustAnchors.of(), new PathValidator(CertificateSource.of(List.of()), checker), clock);
        VerificationReport report = DocumentVerifiers.standard(trust, null, OfdLimits.DEFAULT)
                .verify(document, new VerificationOptions(at, anchors, revocation));

        if (format.equals("json")) {
            try {
                out.println(JSON.writeValueAsString(report));
            } catch (IOException e) {
                throw new CommandException(ExitCodes.IO_ERROR, "cannot write the report: " + e.getMessage());
            }
        } else {
            out.print(text(report));
        }
        out.flush();
        switch (report.indication()) {
            case TOTAL_PASSED -> {}
            case TOTAL_FAILED ->
                throw new CommandException(
                        FAILED, "TOTAL_FAILED " + report.subIndication() + " (rule " + report.rule() + ")");
            case INDETERMINATE ->
                throw new CommandException(
                        INDETERMINATE, "INDETERMINATE " + report.subIndication() + " (rule " + report.rule() + ")");
        }
    }

    static String text(VerificationReport r) {
        StringBuilder b = new StringBuilder();
        b.append(r.documentType())
                .append(" document sha256 ")
                .append(r.documentDigest())
                .append('\n');
        b.append("indication: ").append(r.indication());
        if (r.subIndication() != null) {
            b.append(" / ")
                    .append(r.subIndication())
                    .append(" (rule ")
                    .append(r.rule())
                    .append(')');
        }
        b.append("\nvalidation time: ").append(r.validationTime()).append('\n');
        if (r.licence() != null) {
            b.append("licence: ")
                    .append(r.licence().name())
                    .append(' ')
                    .append(r.licence().identifier())
                    .append(", issuer ")
                    .append(r.licence().issuer())
                    .append(", valid ")
                    .append(r.licence().validFrom())
                    .append(" .. ")
                    .append(
                            r.licence().validTo() == null
                                    ? "(no end)"
                                    : r.licence().validTo())
                    .append('\n');
        }
        for (Check c : r.checks()) {
            line(b, "  ", c);
        }
        for (SignatureDetail s : r.signatures()) {
            b.append("signature ")
                    .append(s.id())
                    .append(" (")
                    .append(s.kind())
                    .append("): ")
                    .append(s.indication());
            if (s.subIndication() != null) {
                b.append(" / ").append(s.subIndication());
            }
            b.append("\n  signer: ")
                    .append(s.signer())
                    .append("\n  signed at: ")
                    .append(s.signingTime())
                    .append(" (")
                    .append(s.timeSource())
                    .append(")\n");
            if (s.seal() != null) {
                b.append("  seal: ")
                        .append(s.seal().name())
                        .append(" [")
                        .append(s.seal().esId())
                        .append("]\n");
            }
            for (Check c : s.checks()) {
                line(b, "    ", c);
            }
        }
        r.warnings().forEach(w -> b.append("warning: ").append(w).append('\n'));
        return b.toString();
    }

    private static void line(StringBuilder b, String indent, Check c) {
        b.append(indent).append(c.status()).append(' ').append(c.rule());
        if (c.subIndication() != null) {
            b.append(" [").append(c.subIndication()).append(']');
        }
        b.append(" — ").append(c.detail()).append('\n');
    }
}
