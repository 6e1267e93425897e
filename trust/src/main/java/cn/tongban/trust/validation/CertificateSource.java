package cn.tongban.trust.validation;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/** A pool of intermediate CA certificates the path builder may use (RFC 5280 §6: path construction input). */
@FunctionalInterface
public interface CertificateSource {

    /** Certificates whose subject is {@code subject}; empty when none. */
    List<X509Certificate> bySubject(X500Principal subject);

    /** A source over a fixed collection. */
    static CertificateSource of(Collection<X509Certificate> certificates) {
        List<X509Certificate> all = List.copyOf(certificates);
        return subject -> all.stream()
                .filter(c -> c.getSubjectX500Principal().equals(subject))
                .toList();
    }

    /** A source that knows no certificates. */
    static CertificateSource empty() {
        return subject -> List.of();
    }
}
