package cn.tongban.trust.validation;

import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory OCSP and CRL sources that count their calls; no network. */
final class FakeSources implements OcspSource, CrlSource {

    final Map<BigInteger, byte[]> ocsp = new HashMap<>();
    final Map<URI, byte[]> crls = new HashMap<>();
    final AtomicInteger ocspCalls = new AtomicInteger();
    final AtomicInteger crlCalls = new AtomicInteger();

    @Override
    public Optional<byte[]> ocspResponse(X509Certificate certificate, X509Certificate issuer) {
        ocspCalls.incrementAndGet();
        return Optional.ofNullable(ocsp.get(certificate.getSerialNumber()));
    }

    @Override
    public Optional<byte[]> crl(URI distributionPoint) {
        crlCalls.incrementAndGet();
        return Optional.ofNullable(crls.get(distributionPoint));
    }

    PathValidator validator() {
        return new PathValidator(
                CertificateSource.empty(), new RevocationChecker(this, this, RevocationCache.none(), TestPki.CLOCK));
    }
}
