package cn.tongban.trust.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Builds a certification path from a leaf to an anchor of a {@link TrustAnchorSet} (RFC 4158 forward building):
 * issuer candidates match on name chaining (RFC 5280 §6.1.3(a)(4)) and, where both are present, on
 * authorityKeyIdentifier = subjectKeyIdentifier (RFC 5280 §4.2.1.1); a candidate is only taken when the child's
 * signature verifies with its key (§6.1.3(a)(1)). Depth-first, anchors first, without loops.
 */
final class PathBuilder {

    /** The built path (leaf first, anchor last), or why none was found. */
    record Outcome(List<X509Certificate> path, List<X509Certificate> brokenLinks, List<String> reasons) {
        boolean found() {
            return !path.isEmpty();
        }
    }

    static final int MAX_DEPTH = 10;

    private final CertificateSource pool;
    private final TrustAnchorSet anchors;
    private final List<X509Certificate> brokenLinks = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();

    private PathBuilder(CertificateSource pool, TrustAnchorSet anchors) {
        this.pool = pool;
        this.anchors = anchors;
    }

    static Outcome build(X509Certificate leaf, CertificateSource pool, TrustAnchorSet anchors) {
        PathBuilder builder = new PathBuilder(pool, anchors);
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        Optional<List<X509Certificate>> found = builder.extend(path);
        return new Outcome(found.orElse(List.of()), List.copyOf(builder.brokenLinks), List.copyOf(builder.reasons));
    }

    private Optional<List<X509Certificate>> extend(List<X509Certificate> path) {
        X509Certificate tail = path.get(path.size() - 1);
        if (anchors.contains(tail)) {
            return Optional.of(List.copyOf(path));
        }
        if (path.size() > MAX_DEPTH) {
            reasons.add("path longer than " + MAX_DEPTH + " certificates abandoned");
            return Optional.empty();
        }
        for (X509Certificate candidate : candidates(tail)) {
            if (path.stream().anyMatch(c -> TrustAnchorSet.encodingEquals(c, candidate))) {
                continue;
            }
            if (!Signatures.verifies(tail, candidate.getPublicKey())) {
                // RFC 5280 §6.1.3(a)(1): a name-matching issuer whose key does not verify is no link.
                brokenLinks.add(tail);
                reasons.add("signature of " + Signatures.name(tail) + " does not verify with the key of "
                        + Signatures.name(candidate) + " (RFC 5280 §6.1.3(a)(1))");
                continue;
            }
            path.add(candidate);
            Optional<List<X509Certificate>> found = extend(path);
            if (found.isPresent()) {
                return found;
            }
            path.remove(path.size() - 1);
        }
        return Optional.empty();
    }

    /** Anchors first, then the pool; deduplicated by encoding. */
    private List<X509Certificate> candidates(X509Certificate child) {
        X500Principal issuer = child.getIssuerX500Principal();
        Map<String, X509Certificate> unique = new LinkedHashMap<>();
        List<X509Certificate> all = new ArrayList<>(anchors.withSubject(issuer));
        all.addAll(pool.bySubject(issuer));
        byte[] aki = authorityKeyId(child);
        for (X509Certificate candidate : all) {
            byte[] ski = subjectKeyId(candidate);
            if (aki != null && ski != null && !Arrays.equals(aki, ski)) {
                continue;
            }
            unique.putIfAbsent(Arrays.toString(encoded(candidate)), candidate);
        }
        return List.copyOf(unique.values());
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            return new byte[0];
        }
    }

    static byte[] authorityKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (value == null) {
            return null;
        }
        try {
            return AuthorityKeyIdentifier.getInstance(
                            ASN1OctetString.getInstance(value).getOctets())
                    .getKeyIdentifierOctets();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static byte[] subjectKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (value == null) {
            return null;
        }
        try {
            return ASN1OctetString.getInstance(
                            ASN1OctetString.getInstance(value).getOctets())
                    .getOctets();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
