package cn.tongban.trust.validation;

import java.security.cert.X509Certificate;

/** Whether a certificate says where its revocation status is published. */
final class RevocationSources {

    static final String CLAUSE = "RFC 5280 §4.2.1.13 cRLDistributionPoints, §4.2.2.1 authorityInfoAccess id-ad-ocsp, "
            + "§6.3; ETSI EN 319 102-1 §5.2.5";

    private RevocationSources() {}

    /** True when the certificate names a CRL distribution point URI or an OCSP responder URI. */
    static boolean declared(X509Certificate certificate) {
        return !CrlVerifier.distributionPoints(certificate).isEmpty()
                || HttpRevocationFetcher.ocspUrl(certificate).isPresent();
    }
}
