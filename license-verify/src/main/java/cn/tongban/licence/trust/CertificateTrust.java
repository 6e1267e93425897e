package cn.tongban.licence.trust;

import cn.tongban.licence.report.Check;
import cn.tongban.licence.report.SubIndication;
import cn.tongban.trust.validation.PathValidationResult;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.TimestampValidationResult;
import cn.tongban.trust.validation.TimestampValidator;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.TrustAnchors;
import cn.tongban.trust.validation.ValidationPolicy;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The certificate judgement of document verification: which anchors a certificate must chain to, and the
 * {@code trust} module's verdict (RFC 5280 §6 path validation at a given time, revocation per RFC 6960 / RFC 5280
 * §6.3) mapped to the report's ETSI EN 319 102-1 sub-indications.
 * <p>
 * Anchor-set conventions (named sets of {@link TrustAnchors}; directory names {@code licence-type_<code>} load as
 * {@code licence-type:<code>}):
 * <ul>
 *   <li>{@code licence-type:<typeCode>} — issuers trusted for licences of that GB/T 36904 type code;</li>
 *   <li>{@code licence-issuers} — issuers trusted for licence types that have no set of their own, and for signed
 *       documents without licence metadata;</li>
 *   <li>{@code tsa} — time-stamping authorities (RFC 3161); when absent, {@code licence-issuers} is used;</li>
 *   <li>the caller's extra anchors ({@code VerificationOptions.extraAnchors}, CLI {@code --trust}) join every set:
 *       an end-entity certificate given there is itself an anchor.</li>
 * </ul>
 * Thread-safe; never throws for a bad certificate.
 */
public final class CertificateTrust {

    public static final String GENERAL_SET = "licence-issuers";
    public static final String TSA_SET = "tsa";
    private static final String CLAUSE = "RFC 5280 §6.1 (path validation at the time judged), §6.3 / RFC 6960 (revocation)";

    private final TrustAnchors anchors;
    private final PathValidator paths;
    private final TimestampValidator timestamps;

    public CertificateTrust(TrustAnchors anchors, PathValidator paths) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.paths = Objects.requireNonNull(paths, "paths");
        this.timestamps = new TimestampValidator(paths);
    }

    /** Name of the anchor set of issuers trusted for licence type {@code typeCode}. */
    public static String typeSet(String typeCode) {
        return "licence-type:" + typeCode;
    }

    /** Whether a set of that name is configured. */
    public boolean hasSet(String name) {
        return anchors.get(name).isPresent();
    }

    /**
     * The verdict on a certificate.
     *
     * @param status        PASSED, FAILED or INDETERMINATE
     * @param subIndication why it did not pass; null when it passed
     * @param detail        facts with clauses (chain, revocation source, reasons)
     * @param chain         the path built, leaf first; empty when none
     * @param anchorSet     the name of the anchor set judged against
     */
    public record Judgement(Check.Status status, SubIndication subIndication, String detail,
                            List<X509Certificate> chain, String anchorSet) {
        public Judgement {
            chain = List.copyOf(chain);
        }

        public boolean passed() {
            return status == Check.Status.PASSED;
        }

        /** This judgement as a report check named {@code rule}. */
        public Check toCheck(String rule) {
            return new Check(rule, status, subIndication, CLAUSE, detail);
        }
    }

    /**
     * Judges {@code leaf} at {@code at} against the set {@code setName} (plus {@code extraAnchors}).
     *
     * @param pool            certificates that may serve as intermediates (e.g. those in the CMS)
     * @param checkRevocation false skips OCSP/CRL (the caller reports that as a warning)
     */
    public Judgement judge(X509Certificate leaf, List<X509Certificate> pool, String setName,
                           List<X509Certificate> extraAnchors, Instant at, boolean checkRevocation,
                           ValidationPolicy policy) {
        TrustAnchorSet set = anchorSet(setName, extraAnchors);
        ValidationPolicy effective = checkRevocation ? policy : policy.withoutRevocation();
        PathValidationResult result;
        try {
            result = paths.validate(leaf, pool, set, at, effective);
        } catch (RuntimeException e) {
            return new Judgement(Check.Status.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                    "path validation could not be completed: " + e.getClass().getSimpleName(), List.of(), set.name());
        }
        String chain = result.chain().stream().map(c -> c.getSubjectX500Principal().getName())
                .reduce((a, b) -> a + " <- " + b).orElse("none");
        if (result.passed()) {
            return new Judgement(Check.Status.PASSED, null, "chain " + chain + " to anchor set '" + set.name()
                    + "' valid at " + at + (checkRevocation ? ", not revoked" : ", revocation not checked"),
                    result.chain(), set.name());
        }
        SubIndication sub = map(result.subIndication());
        Check.Status status = result.indication() == cn.tongban.trust.validation.Indication.TOTAL_FAILED
                ? Check.Status.FAILED : Check.Status.INDETERMINATE;
        return new Judgement(status, sub, "at " + at + ": " + String.join("; ", result.reasons()), result.chain(),
                set.name());
    }

    /**
     * Validates an RFC 3161 token over {@code data} against the {@value #TSA_SET} set (else {@value #GENERAL_SET})
     * plus {@code extraAnchors}.
     */
    public TimestampValidationResult timestamp(byte[] token, byte[] data, List<X509Certificate> pool,
                                               List<X509Certificate> extraAnchors) {
        String name = hasSet(TSA_SET) ? TSA_SET : GENERAL_SET;
        return timestamps.validate(token, data, pool, anchorSet(name, extraAnchors));
    }

    /** The named set (empty when not configured) joined with the caller's extra anchors. */
    public TrustAnchorSet anchorSet(String name, List<X509Certificate> extraAnchors) {
        Optional<TrustAnchorSet> configured = anchors.get(name);
        if (extraAnchors.isEmpty()) {
            return configured.orElseGet(() -> new TrustAnchorSet(name, Set.of()));
        }
        Set<X509Certificate> all = new HashSet<>(extraAnchors);
        configured.ifPresent(s -> all.addAll(s.certificates()));
        return new TrustAnchorSet(name + "+extra", all);
    }

    /** The trust module's sub-indications have the report's names (ETSI EN 319 102-1 Table 5). */
    public static SubIndication map(cn.tongban.trust.validation.SubIndication s) {
        return s == null ? null : SubIndication.valueOf(s.name());
    }

    /** Every configured set name, for reports and diagnostics. */
    public List<String> setNames() {
        return new ArrayList<>(anchors.names());
    }
}
