package cn.tongban.trust.validation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Establishes a certificate's current revocation status: cache, then OCSP (RFC 6960), then the CRLs of its
 * cRLDistributionPoints (RFC 5280 §6.3). Only verified statuses are cached, until their nextUpdate.
 */
public final class RevocationChecker {

    private final OcspSource ocsp;
    private final CrlSource crls;
    private final RevocationCache cache;
    private final Clock clock;

    public RevocationChecker(OcspSource ocsp, CrlSource crls, RevocationCache cache, Clock clock) {
        this.ocsp = Objects.requireNonNull(ocsp, "ocsp");
        this.crls = Objects.requireNonNull(crls, "crls");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Good, Revoked or Unavailable (with a reason per source tried). */
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, AlgorithmPolicy algorithms) {
        RevocationKey key = RevocationKey.of(certificate, issuer);
        Optional<RevocationStatus> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        var now = clock.instant();
        List<String> reasons = new ArrayList<>();
        Optional<byte[]> response = ocsp.ocspResponse(certificate, issuer);
        if (response.isPresent()) {
            RevocationStatus status = OcspVerifier.judge(response.get(), certificate, issuer, now, algorithms);
            if (!(status instanceof RevocationStatus.Unavailable unavailable)) {
                cache.put(key, status, status.nextUpdate());
                return status;
            }
            reasons.addAll(unavailable.reasons());
        } else {
            reasons.add("no OCSP response available");
        }
        List<URI> points = CrlVerifier.distributionPoints(certificate);
        if (points.isEmpty()) {
            reasons.add("certificate has no cRLDistributionPoints URI");
        }
        for (URI point : points) {
            Optional<byte[]> crl = crls.crl(point);
            if (crl.isEmpty()) {
                reasons.add("no CRL obtained from " + point);
                continue;
            }
            RevocationStatus status = CrlVerifier.judge(crl.get(), certificate, issuer, now, algorithms, point);
            if (!(status instanceof RevocationStatus.Unavailable unavailable)) {
                cache.put(key, status, status.nextUpdate());
                return status;
            }
            reasons.addAll(unavailable.reasons());
        }
        return new RevocationStatus.Unavailable(reasons);
    }
}
