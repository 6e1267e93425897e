package cn.tongban.trust.validation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.tongban.trust.pki.Providers;

/**
 * The one place that fetches revocation data over the network: OCSP by HTTP POST to the authorityInfoAccess
 * id-ad-ocsp URI (RFC 6960 Appendix A.1) and CRLs by HTTP GET (RFC 5280 §4.2.1.13). Failures yield empty, so the
 * validator falls back or reports TRY_LATER. Responses are verified by the caller, never trusted here.
 */
public final class HttpRevocationFetcher implements OcspSource, CrlSource {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRevocationFetcher.class);
    /** Bodies larger than this are refused (a CRL of a provincial CA is well under this). */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpRevocationFetcher(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    @Override
    public Optional<byte[]> ocspResponse(X509Certificate certificate, X509Certificate issuer) {
        Optional<URI> url = ocspUrl(certificate);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            // RFC 6960 §4.1.1: CertID with SHA-1 name and key hashes, as responders universally support.
            CertificateID id = new CertificateID(
                    new JcaDigestCalculatorProviderBuilder()
                            .setProvider(Providers.bc())
                            .build()
                            .get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer),
                    certificate.getSerialNumber());
            byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
            return send(HttpRequest.newBuilder(url.get())
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/ocsp-request")
                    .header("Accept", "application/ocsp-response")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                    .build());
        } catch (Exception e) {
            LOG.warn("OCSP request to {} failed: {}", url.get(), e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<byte[]> crl(URI distributionPoint) {
        if (!"http".equalsIgnoreCase(distributionPoint.getScheme())
                && !"https".equalsIgnoreCase(distributionPoint.getScheme())) {
            return Optional.empty();
        }
        try {
            return send(HttpRequest.newBuilder(distributionPoint)
                    .timeout(requestTimeout)
                    .GET()
                    .build());
        } catch (Exception e) {
            LOG.warn("CRL download from {} failed: {}", distributionPoint, e.toString());
            return Optional.empty();
        }
    }

    private Optional<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_BODY) {
                LOG.warn("{} answered {} with {} bytes", request.uri(), response.statusCode(), response.body().length);
                return Optional.empty();
            }
            return Optional.of(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** RFC 5280 §4.2.2.1: the first id-ad-ocsp accessLocation URI of authorityInfoAccess. */
    static Optional<URI> ocspUrl(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(value).getOctets());
            for (AccessDescription description : aia.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return Optional.of(URI.create(location.getName().toString()));
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("unparsable authorityInfoAccess in {}", certificate.getSubjectX500Principal());
        }
        return Optional.empty();
    }
}
