package cn.tongban.licence.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.report.SignatureDetail;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** Builds a {@link VerificationReport} from its parts, deciding the indication and the rule that decided it. */
public final class Reports {

    private Reports() {}

    /**
     * ETSI EN 319 102-1 §5.1.3: the first FAILED check (document checks first, then each signature's) makes
     * TOTAL_FAILED; otherwise the first INDETERMINATE one makes INDETERMINATE; otherwise TOTAL_PASSED.
     */
    public static VerificationReport of(
            String type,
            byte[] document,
            Instant validationTime,
            List<Check> checks,
            List<SignatureDetail> signatures,
            LicenceMetadata licence,
            List<String> warnings) {
        return of(type, document, validationTime, checks, signatures, List.of(), licence, warnings);
    }

    /**
     * As above, with document-level checks that rank after the signatures' ({@code after}: the licence's rules,
     * which mean little when the signature that carries the licence is broken). The report lists them with the
     * other document checks.
     */
    public static VerificationReport of(
            String type,
            byte[] document,
            Instant validationTime,
            List<Check> checks,
            List<SignatureDetail> signatures,
            List<Check> after,
            LicenceMetadata licence,
            List<String> warnings) {
        List<Check> ordered = new ArrayList<>(checks);
        signatures.forEach(s -> ordered.addAll(s.checks()));
        ordered.addAll(after);
        Check decisive = first(ordered, Check.Status.FAILED);
        if (decisive == null) {
            decisive = first(ordered, Check.Status.INDETERMINATE);
        }
        Indication indication = decisive == null
                ? Indication.TOTAL_PASSED
                : decisive.status() == Check.Status.FAILED ? Indication.TOTAL_FAILED : Indication.INDETERMINATE;
        List<String> allWarnings = new ArrayList<>(warnings);
        ordered.stream()
                .filter(c -> c.status() == Check.Status.WARNING)
                .forEach(c -> allWarnings.add(c.rule() + ": " + c.detail()));
        return new VerificationReport(
                type,
                sha256(document),
                indication,
                decisive == null ? null : decisive.subIndication(),
                decisive == null ? null : decisive.rule(),
                validationTime,
                signatures,
                licence,
                concat(checks, after),
                allWarnings);
    }

    /** A report for a document that could not be read at all. */
    public static VerificationReport unreadable(
            String type, byte[] document, Instant validationTime, String rule, String clause, String detail) {
        return of(
                type,
                document,
                validationTime,
                List.of(Check.failed(rule, SubIndication.FORMAT_FAILURE, clause, detail)),
                List.of(),
                null,
                List.of());
    }

    /** The indication of one signature's checks, in the same order of precedence. */
    public static Check decisive(List<Check> checks) {
        Check c = first(checks, Check.Status.FAILED);
        return c != null ? c : first(checks, Check.Status.INDETERMINATE);
    }

    private static Check first(List<Check> checks, Check.Status status) {
        for (Check c : checks) {
            if (c.status() == status) {
                return c;
            }
        }
        return null;
    }

    private static List<Check> concat(List<Check> a, List<Check> b) {
        List<Check> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
