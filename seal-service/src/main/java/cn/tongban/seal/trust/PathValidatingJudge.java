package cn.tongban.seal.trust;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.trust.pki.Certificates;
import cn.tongban.trust.validation.CertificateFacts;
import cn.tongban.trust.validation.PathValidationResult;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.RevocationStatus;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.ValidationPolicy;

/**
 * The real {@link CertificateJudge}: RFC 5280 §6 path validation by the {@code trust} module at the signing time
 * (GM/T 0031-2014 §6.1.2 step 3 for the seal maker, §6.2.3 step 4 for the signer; docs/STANDARDS.md §1.5). Seal makers
 * must chain to the seal-making authorities' anchor set, signers to the signers' set, each under its own
 * {@link ValidationPolicy} (key usage, algorithms, revocation). A certificate revoked after the signing time
 * still passes, as the trust module records it without failing the path.
 */
public final class PathValidatingJudge implements CertificateJudge {

    private final PathValidator validator;
    private final TrustAnchorSet sealMakers;
    private final TrustAnchorSet signers;
    private final ValidationPolicy makerPolicy;
    private final ValidationPolicy signerPolicy;
    private final Clock clock;
    private final Duration reuse;
    private final ConcurrentHashMap<Key, Cached> paths = new ConcurrentHashMap<>();

    /**
     * @param reuse how long a passed path may be reused for other signing times of the same certificate (its
     *              time-dependent facts are re-checked against each time; chain signatures, key usage and
     *              algorithms are not); never beyond the earliest nextUpdate of its revocation data. ZERO: never.
     */
    public PathValidatingJudge(
            PathValidator validator,
            TrustAnchorSet sealMakers,
            TrustAnchorSet signers,
            ValidationPolicy makerPolicy,
            ValidationPolicy signerPolicy,
            Clock clock,
            Duration reuse) {
        this.validator = Objects.requireNonNull(validator);
        this.sealMakers = Objects.requireNonNull(sealMakers);
        this.signers = Objects.requireNonNull(signers);
        this.makerPolicy = Objects.requireNonNull(makerPolicy);
        this.signerPolicy = Objects.requireNonNull(signerPolicy);
        this.clock = Objects.requireNonNull(clock);
        this.reuse = Objects.requireNonNull(reuse);
    }

    /**
     * Seal makers under {@link ValidationPolicy#sealMaker()}, signers under {@link ValidationPolicy#documentSigning()},
     * passed paths reused for up to {@link #DEFAULT_REUSE}.
     */
    public static PathValidatingJudge of(PathValidator validator, TrustAnchorSet sealMakers, TrustAnchorSet signers) {
        return new PathValidatingJudge(
                validator,
                sealMakers,
                signers,
                ValidationPolicy.sealMaker(),
                ValidationPolicy.documentSigning(),
                Clock.systemUTC(),
                DEFAULT_REUSE);
    }

    /** One minute: a revocation published since is seen at most this late (the trust module caches to nextUpdate). */
    public static final Duration DEFAULT_REUSE = Duration.ofMinutes(1);

    private static final int MAX_CACHED = 10_000;

    private record Key(String certificateSha256, Purpose purpose) {}

    /**
     * A passed path with its time-dependent facts as instants: per certificate notBefore, notAfter and the
     * revocation time (or null). Read once here because Bouncy Castle's certificates parse their validity dates
     * with a new SimpleDateFormat on every call (8% of a seal verification in a profile).
     */
    private record Cached(
            PathValidationResult result, Instant until, Instant[] notBefore, Instant[] notAfter, Instant[] revokedAt) {

        static Cached of(PathValidationResult r, Instant until) {
            int n = r.facts().size();
            Instant[] from = new Instant[n];
            Instant[] to = new Instant[n];
            Instant[] revoked = new Instant[n];
            for (int i = 0; i < n; i++) {
                CertificateFacts f = r.facts().get(i);
                from[i] = f.certificate().getNotBefore().toInstant();
                to[i] = f.certificate().getNotAfter().toInstant();
                revoked[i] = f.revocation() instanceof RevocationStatus.Revoked rv ? rv.revocationTime() : null;
            }
            return new Cached(r, until, from, to, revoked);
        }

        /** RFC 5280 §6.1.3(a)(2),(3) again for another time: every certificate of the path valid and unrevoked at t. */
        boolean holdsAt(Instant t) {
            for (int i = 0; i < notBefore.length; i++) {
                if (t.isBefore(notBefore[i])
                        || t.isAfter(notAfter[i])
                        || (revokedAt[i] != null && !revokedAt[i].isAfter(t))) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public Judgement judge(X509Certificate cert, Instant at, Purpose purpose) {
        return judge(cert, List.of(), at, purpose);
    }

    /**
     * As {@link #judge(X509Certificate, Instant, Purpose)}, with certificates the document carries (e.g. a CMS
     * certificate set, RFC 5652 §5.1) as candidate intermediates (RFC 5280 §6.1). A passed path is reused by the
     * certificate alone: how its intermediates were found does not change that it is valid. {@code at} may be a
     * claimed signing time (OFD TBS_Sign.timeInfo, a PDF's /M), so the path's algorithms are judged at the
     * validation time (this judge's clock).
     */
    public Judgement judge(X509Certificate cert, List<X509Certificate> pool, Instant at, Purpose purpose) {
        return judge(cert, pool, at, clock.instant(), purpose);
    }

    /**
     * As {@link #judge(X509Certificate, List, Instant, Purpose)}, with the path's algorithms judged at
     * {@code algorithmsAt}: the signing time a verified time-stamp proves, else the validation time (ETSI EN 319
     * 102-1 §5.2.8). A pass at an earlier time is reused for other signing times only if its algorithms are
     * acceptable at the validation time too.
     */
    public Judgement judge(
            X509Certificate cert, List<X509Certificate> pool, Instant at, Instant algorithmsAt, Purpose purpose) {
        boolean maker = purpose == Purpose.SEAL_MAKER;
        Key key = reuse.isZero() ? null : new Key(Certificates.sha256Fingerprint(cert), purpose);
        Instant now = clock.instant();
        if (key != null) {
            Cached cached = paths.get(key);
            if (cached != null && now.isBefore(cached.until()) && cached.holdsAt(at)) {
                return Judgement.passed("path to anchor set '" + (maker ? sealMakers : signers).name() + "' at " + at
                                + ": valid (path and revocation data established at "
                                + cached.result().validationTime()
                                + ", every certificate valid and unrevoked at " + at + ")")
                        .withWarnings(cached.result().warnings());
            }
        }
        ValidationPolicy policy = maker ? makerPolicy : signerPolicy;
        PathValidationResult r = validator.validate(cert, pool, maker ? sealMakers : signers, at, algorithmsAt, policy);
        // Only a pass whose algorithms hold at the validation time may serve later calls, whatever their time.
        boolean reusable = !algorithmsAt.isBefore(now) || policy.algorithms().allows(r.chain(), now);
        if (key != null && r.passed() && reusable) {
            if (paths.size() >= MAX_CACHED) {
                paths.clear();
            }
            paths.put(key, Cached.of(r, until(r, now)));
        }
        String detail = "path to anchor set '" + (maker ? sealMakers : signers).name() + "' at " + at + ": "
                + (r.reasons().isEmpty() ? "valid" : String.join("; ", r.reasons()));
        return (switch (r.indication()) {
                    case TOTAL_PASSED -> Judgement.passed(detail);
                    case TOTAL_FAILED -> Judgement.failed(r.subIndication(), detail);
                    case INDETERMINATE -> Judgement.indeterminate(r.subIndication(), detail);
                })
                .withWarnings(r.warnings());
    }

    private Instant until(PathValidationResult r, Instant now) {
        Instant until = now.plus(reuse);
        for (CertificateFacts f : r.facts()) {
            Instant next = f.revocation().nextUpdate();
            if (next != null && next.isBefore(until)) {
                until = next;
            }
        }
        return until;
    }
}
