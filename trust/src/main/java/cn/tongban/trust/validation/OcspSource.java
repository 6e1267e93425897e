package cn.tongban.trust.validation;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Obtains an RFC 6960 OCSPResponse (DER) for a certificate; the caller verifies it. */
@FunctionalInterface
public interface OcspSource {

    /** The DER OCSPResponse for {@code certificate} issued by {@code issuer}, or empty when none is available. */
    Optional<byte[]> ocspResponse(X509Certificate certificate, X509Certificate issuer);
}
