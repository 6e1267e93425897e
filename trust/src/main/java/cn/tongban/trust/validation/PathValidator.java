package cn.tongban.trust.validation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Certification path validation at a given time (RFC 5280 §6.1) with revocation (RFC 5280 §6.3, RFC 6960). The
 * validation time {@code at} is the time the signature is known to have existed (a time-stamp's genTime, or the
 * signing time the caller accepts): a leaf expired or revoked before it fails; revocation after it is recorded but
 * does not fail the path. Problems are results, never exceptions.
 */
public final class PathValidator {

    private final CertificateSource intermediates;
    private final RevocationChecker revocation;

    public PathValidator(CertificateSource intermediates, RevocationChecker revocation) {
        this.intermediates = Objects.requireNonNull(intermediates, "intermediates");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
    }

    public PathValidationResult validate(
            X509Certificate leaf,
            List<X509Certificate> extraCerts,
            TrustAnchorSet anchors,
            Instant at,
            ValidationPolicy policy) {
        return validate(leaf, extraCerts, anchors, at, at, policy);
    }

    /**
     * As {@link #validate(X509Certificate, List, TrustAnchorSet, Instant, ValidationPolicy)}, with the algorithms
     * of the path judged at {@code algorithmsAt} (ETSI EN 319 102-1 §5.2.8, the time of use): the proven signing
     * time, else the validation time. Callers whose {@code at} is only claimed (a signing time the document
     * states) pass the validation time here, so that a backdated claim cannot make an expired algorithm acceptable.
     */
    public PathValidationResult validate(
            X509Certificate leaf,
            List<X509Certificate> extraCerts,
            TrustAnchorSet anchors,
            Instant at,
            Instant algorithmsAt,
            ValidationPolicy policy) {
        Objects.requireNonNull(algorithmsAt, "algorithmsAt");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(policy, "policy");
        CertificateSource extra = CertificateSource.of(extraCerts);
        CertificateSource pool = subject -> {
            List<X509Certificate> all = new ArrayList<>(extra.bySubject(subject));
            all.addAll(intermediates.bySubject(subject));
            return all;
        };
        PathBuilder.Outcome built = PathBuilder.build(leaf, pool, anchors);
        if (!built.found()) {
            List<String> reasons = new ArrayList<>(built.reasons());
            reasons.add("no path from " + Signatures.name(leaf) + " to an anchor of set '" + anchors.name() + "'");
            // A name-matching issuer whose signature fails is a broken link, not merely a missing one.
            SubIndication sub = built.brokenLinks().isEmpty()
                    ? SubIndication.NO_CERTIFICATE_CHAIN_FOUND
                    : SubIndication.SIG_CRYPTO_FAILURE;
            return new PathValidationResult(Severity.indication(sub), sub, at, List.of(), List.of(), reasons);
        }
        List<X509Certificate> path = built.path();
        List<Finding> findings = new ArrayList<>();
        List<List<String>> violations = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            List<Finding> own = ChainConstraints.check(path, i, at, algorithmsAt, policy, anchors.policy());
            findings.addAll(own);
            violations.add(own.stream().map(Finding::reason).toList());
        }
        List<String> warnings = new ArrayList<>();
        List<RevocationStatus> statuses = revocation(path, at, policy, anchors, findings, warnings);
        List<CertificateFacts> facts = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            facts.add(new CertificateFacts(
                    path.get(i),
                    i == path.size() - 1,
                    ChainConstraints.validity(path.get(i), at),
                    statuses.get(i),
                    violations.get(i)));
        }
        findings.sort(Severity.MOST_SEVERE_FIRST);
        List<String> reasons = findings.stream().map(Finding::reason).toList();
        if (findings.isEmpty()) {
            return new PathValidationResult(Indication.TOTAL_PASSED, null, at, path, facts, reasons, warnings);
        }
        SubIndication sub = findings.get(0).subIndication();
        return new PathValidationResult(Severity.indication(sub), sub, at, path, facts, reasons, warnings);
    }

    /**
     * RFC 5280 §6.1.3(a)(3): the certificate was not revoked at the validation time, as far as the anchor set's
     * {@link RevocationMode} asks. Adds findings, and warnings for what the mode leaves unchecked.
     */
    private List<RevocationStatus> revocation(
            List<X509Certificate> path,
            Instant at,
            ValidationPolicy policy,
            TrustAnchorSet anchors,
            List<Finding> findings,
            List<String> warnings) {
        RevocationMode mode = anchors.policy().revocation();
        List<RevocationStatus> statuses = new ArrayList<>();
        boolean check = policy.requireRevocation() && findings.isEmpty();
        for (int i = 0; i < path.size(); i++) {
            if (i == path.size() - 1) {
                statuses.add(new RevocationStatus.NotChecked("trust anchor (RFC 5280 §6.1.1(d))"));
                continue;
            }
            if (!check) {
                statuses.add(new RevocationStatus.NotChecked(
                        policy.requireRevocation()
                                ? "path already failed"
                                : "policy " + policy.name() + " does not require revocation"));
                continue;
            }
            X509Certificate cert = path.get(i);
            String name = Signatures.name(cert);
            boolean declared = RevocationSources.declared(cert);
            if (mode == RevocationMode.OFF || (mode == RevocationMode.WHEN_DECLARED && !declared)) {
                String why = mode == RevocationMode.OFF
                        ? AnchorSetPolicy.REVOCATION_OFF + ": revocation of " + name + " not checked: anchor set '"
                                + anchors.name() + "' has revocation=off"
                        : AnchorSetPolicy.REVOCATION_NOT_DECLARED + ": " + name + " declares neither "
                                + "cRLDistributionPoints nor an OCSP access method; not checked, as anchor set '"
                                + anchors.name() + "' allows (revocation=when-declared; "
                                + RevocationSources.CLAUSE + ")";
                statuses.add(new RevocationStatus.NotChecked(why));
                warnings.add(why);
                continue;
            }
            RevocationStatus status = revocation.check(cert, path.get(i + 1), policy.algorithms());
            statuses.add(status);
            if (status instanceof RevocationStatus.Revoked r
                    && !r.revocationTime().isAfter(at)) {
                findings.add(new Finding(
                        i == 0 ? SubIndication.REVOKED : SubIndication.REVOKED_CA_NO_POE,
                        name + " was revoked at " + r.revocationTime() + " (" + r.reason() + ", per " + r.source()
                                + "), not after the validation time " + at + " (RFC 5280 §6.1.3(a)(3))"));
            } else if (status instanceof RevocationStatus.Unavailable u && !declared) {
                findings.add(new Finding(
                        SubIndication.TRY_LATER,
                        AnchorSetPolicy.REVOCATION_NOT_DECLARED + ": "
                                + name
                                + " declares neither cRLDistributionPoints nor an OCSP access method, and anchor set '"
                                + anchors.name() + "' requires revocation (revocation=required; "
                                + RevocationSources.CLAUSE
                                + "): " + String.join("; ", u.reasons())));
            } else if (status instanceof RevocationStatus.Unavailable u) {
                findings.add(new Finding(
                        SubIndication.TRY_LATER,
                        name + ": no usable revocation status: " + String.join("; ", u.reasons())));
            }
        }
        return statuses;
    }
}
