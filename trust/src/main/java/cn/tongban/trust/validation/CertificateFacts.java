package cn.tongban.trust.validation;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What was established about one certificate of the path, independent of the verdict.
 *
 * @param certificate the certificate
 * @param trustAnchor whether it is the path's trust anchor
 * @param validity    its validity period relative to the validation time
 * @param revocation  its revocation status (with source and times) or why it was not checked
 * @param violations  the constraint rules it failed, with clauses
 */
public record CertificateFacts(
        X509Certificate certificate,
        boolean trustAnchor,
        Validity validity,
        RevocationStatus revocation,
        List<String> violations) {

    /** RFC 5280 §4.1.2.5 validity relative to the validation time. */
    public enum Validity {
        WITHIN,
        EXPIRED,
        NOT_YET_VALID
    }

    public CertificateFacts {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(revocation, "revocation");
        violations = List.copyOf(violations);
    }
}
