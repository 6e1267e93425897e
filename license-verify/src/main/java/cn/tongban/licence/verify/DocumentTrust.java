package cn.tongban.licence.verify;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.trust.PathValidatingJudge;
import cn.tongban.trust.validation.AnchorSetPolicy;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.TimestampValidationResult;
import cn.tongban.trust.validation.TimestampValidator;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.TrustAnchors;
import cn.tongban.trust.validation.ValidationPolicy;

/**
 * What documents are verified against: named trust-anchor sets and a path validator (with its revocation
 * sources). Set names (directories under the anchors root, {@code _} for {@code :}, see {@link TrustAnchors#load}):
 * <ul>
 *   <li>{@value #SEAL_MAKERS} — seal-making authorities (GM/T 0031-2014 §6.1.2 step 3);</li>
 *   <li>{@code licence-type:<typeCode>} — issuers trusted for one licence type (GB/T 36904 type code, e.g. a
 *       business licence), so another province's issuers can be trusted for cross-region services;</li>
 *   <li>{@value #LICENCE_ISSUERS} — issuers trusted for any licence type without a set of its own;</li>
 *   <li>{@value #SIGNERS} — signers of documents that are not licences (seal-stamped documents);</li>
 *   <li>{@value #TIMESTAMPING} — time-stamping authorities (RFC 3161) whose tokens prove signing times.</li>
 * </ul>
 * Certificates the caller adds for one call ({@link VerificationOptions#extraAnchors()}, CLI {@code --trust}) join
 * every set, under that set's {@link AnchorSetPolicy}. Thread-safe; judges over the configured sets alone are reused, so their path cache is.
 */
public final class DocumentTrust {

    public static final String SEAL_MAKERS = "seal-maker";
    public static final String SIGNERS = "signer";
    public static final String LICENCE_ISSUERS = "licence-issuer";
    public static final String TIMESTAMPING = "tsa";

    private final TrustAnchors anchors;
    private final PathValidator validator;
    private final Clock clock;
    private final ConcurrentHashMap<String, CertificateJudge> judges = new ConcurrentHashMap<>();
    private final TimestampValidator timestamps;

    public DocumentTrust(TrustAnchors anchors, PathValidator validator, Clock clock) {
        this.anchors = Objects.requireNonNull(anchors);
        this.validator = Objects.requireNonNull(validator);
        this.clock = Objects.requireNonNull(clock);
        this.timestamps = new TimestampValidator(validator, clock);
    }

    public static String licenceType(String typeCode) {
        return "licence-type:" + typeCode;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The anchor set signers of a licence of {@code typeCode} must chain to: its own set if configured, else
     * {@value #LICENCE_ISSUERS}; {@value #SIGNERS} when {@code typeCode} is null (not a licence).
     */
    public String signerSetFor(String typeCode) {
        if (typeCode == null) {
            return SIGNERS;
        }
        String own = licenceType(typeCode);
        return anchors.get(own).isPresent() ? own : LICENCE_ISSUERS;
    }

    /** Whether the set exists in the configuration (extra anchors aside). */
    public boolean configured(String setName) {
        return anchors.get(setName).isPresent();
    }

    /** A judge: seal makers against {@value #SEAL_MAKERS}, signers against {@code signerSet}, both plus extras. */
    public CertificateJudge judge(VerificationOptions options, String signerSet) {
        boolean revocation = options.checkRevocation();
        if (options.extraAnchors().isEmpty() && options.validationTime() == null) {
            return judges.computeIfAbsent(
                    signerSet + "|" + revocation, k -> newJudge(List.of(), signerSet, revocation, clock));
        }
        Clock at = options.validationTime() == null ? clock : Clock.fixed(options.validationTime(), ZoneOffset.UTC);
        return newJudge(options.extraAnchors(), signerSet, revocation, at);
    }

    private CertificateJudge newJudge(List<X509Certificate> extra, String signerSet, boolean revocation, Clock at) {
        ValidationPolicy maker = ValidationPolicy.sealMaker();
        ValidationPolicy signer = ValidationPolicy.documentSigning();
        if (!revocation) {
            maker = maker.withoutRevocation();
            signer = signer.withoutRevocation();
        }
        return new PathValidatingJudge(
                validator,
                set(SEAL_MAKERS, extra),
                set(signerSet, extra),
                maker,
                signer,
                at,
                extra.isEmpty() ? PathValidatingJudge.DEFAULT_REUSE : Duration.ZERO);
    }

    /**
     * The signer's certificate judged at {@code at} (the signing time a time-stamp proves, else the validation time;
     * never a merely claimed time, as the path's algorithms are judged at it too) against {@code signerSet} through
     * the (cached) judge, with the certificates the document carries ({@code pool}, e.g. a CMS certificate set,
     * RFC 5652 §5.1) as candidate intermediates besides the configured ones (RFC 5280 §6.1).
     */
    public CertificateJudge.Judgement judgeSigner(
            X509Certificate signer,
            List<X509Certificate> pool,
            Instant at,
            VerificationOptions options,
            String signerSet) {
        CertificateJudge judge = judge(options, signerSet);
        if (judge instanceof PathValidatingJudge paths) {
            // One validation with the document's certificates as candidates; a passed path is reused (cached by
            // the judge) for later documents of the same signer, as for configured intermediates.
            // {@code at} is the proven signing time or the validation time: the algorithms are judged at it.
            return paths.judge(signer, pool, at, at, CertificateJudge.Purpose.SIGNER);
        }
        return judge.judge(signer, at, CertificateJudge.Purpose.SIGNER);
    }

    /**
     * An RFC 3161 token over {@code data} (RFC 3161 §2.4.2 imprint, the TSA certificate at genTime, §2.3) against
     * the {@value #TIMESTAMPING} set plus the caller's extra anchors.
     */
    public TimestampValidationResult timestamp(
            byte[] token, byte[] data, List<X509Certificate> pool, VerificationOptions options) {
        return timestamps.validate(token, data, pool, set(TIMESTAMPING, options.extraAnchors()));
    }

    private TrustAnchorSet set(String name, List<X509Certificate> extra) {
        Optional<TrustAnchorSet> configured = anchors.get(name);
        Set<X509Certificate> all = new HashSet<>(extra);
        configured.ifPresent(s -> all.addAll(s.certificates()));
        // The set's own rules (key usage, revocation) hold for the caller's extra anchors too.
        return new TrustAnchorSet(
                name, all, configured.map(TrustAnchorSet::policy).orElse(AnchorSetPolicy.DEFAULT));
    }
}
