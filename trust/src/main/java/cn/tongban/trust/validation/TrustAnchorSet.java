package cn.tongban.trust.validation;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * A named set of trust anchors (RFC 5280 §6.1.1(d) trust anchor information), e.g. {@code "licence-type:0001"},
 * {@code "seal-maker"} or {@code "region:310000"}. Anchors are certificates; their name and key are used. The
 * set's {@link AnchorSetPolicy} adds the rules its authority's profile demands of paths ending in it.
 */
public record TrustAnchorSet(String name, Set<X509Certificate> certificates, AnchorSetPolicy policy) {

    public TrustAnchorSet {
        Objects.requireNonNull(name, "name");
        certificates = Set.copyOf(certificates);
        Objects.requireNonNull(policy, "policy");
    }

    /** A set under {@link AnchorSetPolicy#DEFAULT}. */
    public TrustAnchorSet(String name, Set<X509Certificate> certificates) {
        this(name, certificates, AnchorSetPolicy.DEFAULT);
    }

    /** The same anchors under {@code other} rules. */
    public TrustAnchorSet withPolicy(AnchorSetPolicy other) {
        return new TrustAnchorSet(name, certificates, other);
    }

    /** True when {@code certificate} is one of the anchors (DER-equal). */
    public boolean contains(X509Certificate certificate) {
        // Compare encodings: JDK and Bouncy Castle certificate objects need not agree on equals/hashCode.
        return certificates.stream().anyMatch(c -> encodingEquals(c, certificate));
    }

    static boolean encodingEquals(X509Certificate a, X509Certificate b) {
        try {
            return java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }

    /** Anchors whose subject is {@code subject}. */
    public List<X509Certificate> withSubject(X500Principal subject) {
        return certificates.stream()
                .filter(c -> c.getSubjectX500Principal().equals(subject))
                .toList();
    }

    /**
     * This set together with {@code other}'s anchors, under this set's name and policy (e.g. home region plus a
     * partner).
     */
    public TrustAnchorSet union(TrustAnchorSet other) {
        Set<X509Certificate> all = new java.util.HashSet<>(certificates);
        all.addAll(other.certificates);
        return new TrustAnchorSet(name + "+" + other.name, all, policy);
    }
}
