package cn.tongban.trust.validation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import cn.tongban.trust.pki.KeyPurpose;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.verdict.SubIndication;

/** The RFC 5280 §6.1 per-certificate rules other than signatures and revocation, plus the policy's leaf rules. */
final class ChainConstraints {

    /** Critical extensions this validator processes or may safely accept (RFC 5280 §6.1.4(o), §6.1.5(f)). */
    private static final Set<String> UNDERSTOOD = Set.of(
            "2.5.29.15", // keyUsage
            "2.5.29.19", // basicConstraints
            "2.5.29.37", // extKeyUsage
            "2.5.29.17", // subjectAltName
            "2.5.29.32", // certificatePolicies (any policy accepted; no policy constraints are set)
            "2.5.29.14",
            "2.5.29.35", // key identifiers
            "1.3.6.1.5.5.7.48.1.5"); // id-pkix-ocsp-nocheck

    private ChainConstraints() {}

    static CertificateFacts.Validity validity(X509Certificate certificate, Instant at) {
        if (at.isBefore(certificate.getNotBefore().toInstant())) {
            return CertificateFacts.Validity.NOT_YET_VALID;
        }
        return at.isAfter(certificate.getNotAfter().toInstant())
                ? CertificateFacts.Validity.EXPIRED
                : CertificateFacts.Validity.WITHIN;
    }

    /** Findings for the certificate at {@code index} of {@code path} (leaf 0, anchor last). */
    static List<Finding> check(
            List<X509Certificate> path,
            int index,
            Instant at,
            Instant algorithmsAt,
            ValidationPolicy policy,
            AnchorSetPolicy anchorSet) {
        X509Certificate cert = path.get(index);
        String name = Signatures.name(cert);
        boolean leaf = index == 0;
        boolean anchor = index == path.size() - 1;
        List<Finding> findings = new ArrayList<>();
        // RFC 5280 §6.1.3(a)(2): the certificate validity period includes the validation time.
        switch (validity(cert, at)) {
            case EXPIRED ->
                findings.add(new Finding(
                        leaf ? SubIndication.EXPIRED : SubIndication.OUT_OF_BOUNDS_NO_POE,
                        name + " expired at " + cert.getNotAfter().toInstant() + ", before " + at
                                + " (RFC 5280 §6.1.3(a)(2))"));
            case NOT_YET_VALID ->
                findings.add(new Finding(
                        leaf ? SubIndication.NOT_YET_VALID : SubIndication.OUT_OF_BOUNDS_NO_POE,
                        name + " is valid only from " + cert.getNotBefore().toInstant() + ", after " + at
                                + " (RFC 5280 §6.1.3(a)(2))"));
            case WITHIN -> {}
        }
        // ETSI EN 319 102-1 §5.2.8: cryptographic constraints on keys of the whole path, judged at the time of use
        // (a time-stamp's genTime, else the validation time; never a merely claimed time)...
        policy.algorithms()
                .checkKey(cert.getPublicKey(), name, algorithmsAt)
                .ifPresent(r -> findings.add(new Finding(SubIndication.CRYPTO_CONSTRAINTS_FAILURE, r)));
        // ...and on every signature relied upon (the anchor's self-signature is not, RFC 5280 §6.1.1(d)).
        if (!anchor) {
            policy.algorithms()
                    .checkSignatureAlgorithm(cert.getSigAlgOID(), cert.getSigAlgParams(), name, algorithmsAt)
                    .ifPresent(r -> findings.add(new Finding(SubIndication.CRYPTO_CONSTRAINTS_FAILURE, r)));
            // A certificate without extensions (X.509 v1 or v3 without any) has none critical: a mutable empty set.
            Set<String> critical = cert.getCriticalExtensionOIDs() == null
                    ? new HashSet<>()
                    : new HashSet<>(cert.getCriticalExtensionOIDs());
            critical.removeAll(UNDERSTOOD);
            if (!critical.isEmpty()) {
                findings.add(chain(name + " has unrecognised critical extensions " + critical
                        + " (RFC 5280 §6.1.4(o), §6.1.5(f))"));
            }
        }
        if (!anchor && anchorSet.keyUsageRequired() && cert.getKeyUsage() == null) {
            // The anchor set's profile demands the extension RFC 5280 §4.2.1.3 lets a certificate omit.
            findings.add(chain(AnchorSetPolicy.KEY_USAGE_REQUIRED + ": " + name + " has no keyUsage extension, which"
                    + " the anchor set's policy requires (key-usage-required; RFC 5280 §4.2.1.3)"));
        }
        if (leaf) {
            checkLeaf(cert, name, policy, findings);
        } else {
            checkIssuer(path, index, name, anchor, findings);
        }
        return findings;
    }

    /**
     * RFC 5280 §6.1.4 for an issuing certificate. For the trust anchor only its pathLenConstraint is enforced (as
     * RFC 5937 allows: a limit its owner set): §6.1.4 applies to the certificates of the path, which do not include
     * the anchor (§6.1.1(d): an anchor is trusted as a name and a key), so its cA flag and keyUsage are not checked,
     * as in Java's PKIX and EU DSS. ofdrw's test root, for one, lacks keyCertSign.
     */
    private static void checkIssuer(
            List<X509Certificate> path, int index, String name, boolean anchor, List<Finding> findings) {
        X509Certificate cert = path.get(index);
        int pathLen = cert.getBasicConstraints();
        // RFC 5280 §6.1.4(k): an issuing certificate must have basicConstraints with cA TRUE.
        if (pathLen < 0 && !anchor) {
            findings.add(
                    chain(name + " issues certificates but is not a CA (basicConstraints cA) (RFC 5280 §6.1.4(k))"));
        }
        // RFC 5280 §6.1.4(n): if keyUsage is present, keyCertSign must be set.
        if (!anchor && !Signatures.keyUsageAllows(cert, KeyUsage.KEY_CERT_SIGN.index())) {
            findings.add(chain(name + " issues certificates but lacks keyCertSign (RFC 5280 §6.1.4(n))"));
        }
        // RFC 5280 §6.1.4(l),(m): pathLenConstraint bounds the non-self-issued intermediates below this CA.
        int below = 0;
        for (int j = 1; j < index; j++) {
            X509Certificate c = path.get(j);
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                below++;
            }
        }
        if (pathLen >= 0 && below > pathLen) {
            findings.add(chain(name + " allows " + pathLen + " intermediate CA certificates below it but the path has "
                    + below + " (RFC 5280 §4.2.1.9, §6.1.4(l))"));
        }
    }

    private static void checkLeaf(X509Certificate cert, String name, ValidationPolicy policy, List<Finding> findings) {
        // RFC 5280 §4.2.1.3: the key may only be used for the purposes its keyUsage asserts. A certificate without
        // the extension is not restricted; whether it must carry one is the anchor set's rule (KEY_USAGE_REQUIRED).
        boolean[] usage = cert.getKeyUsage();
        if (!policy.anyKeyUsage().isEmpty() && usage != null) {
            boolean ok = policy.anyKeyUsage().stream().anyMatch(u -> usage.length > u.index() && usage[u.index()]);
            if (!ok) {
                findings.add(chain(name + " keyUsage asserts none of " + policy.anyKeyUsage() + " required by policy "
                        + policy.name() + " (RFC 5280 §4.2.1.3)"));
            }
        }
        // RFC 5280 §4.2.1.12: the extended key usage must include the purposes the policy is for.
        List<String> eku = Signatures.extendedKeyUsage(cert);
        Set<String> required =
                policy.requiredPurposes().stream().map(KeyPurpose::oid).collect(Collectors.toSet());
        if (!eku.containsAll(required)) {
            findings.add(chain(name + " extKeyUsage " + eku + " lacks " + policy.requiredPurposes()
                    + " required by policy " + policy.name() + " (RFC 5280 §4.2.1.12)"));
        } else if (policy.solePurposeCritical()) {
            // RFC 3161 §2.3: the TSA certificate's EKU extension is critical and holds only id-kp-timeStamping.
            Set<String> critical = cert.getCriticalExtensionOIDs();
            boolean isCritical = critical != null && critical.contains("2.5.29.37");
            if (!isCritical || !Set.copyOf(eku).equals(required)) {
                findings.add(chain(name + " extKeyUsage must be critical and hold only " + policy.requiredPurposes()
                        + " (RFC 3161 §2.3)"));
            }
        }
    }

    private static Finding chain(String reason) {
        return new Finding(SubIndication.CHAIN_CONSTRAINTS_FAILURE, reason);
    }
}
