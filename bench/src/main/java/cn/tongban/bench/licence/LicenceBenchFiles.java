package cn.tongban.bench.licence;

import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.fixtures.pdf.SignSpec;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.licence.pdf.PdfLicenceVerifier;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.validation.CertificateSource;
import cn.tongban.trust.validation.InMemoryRevocationCache;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.RevocationChecker;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.TrustAnchors;

/**
 * One licence issuer for the verification benchmarks: a test PKI of the given algorithm whose certificates name CRL
 * distribution points at {@code published}'s {@code /crl/...} (root → intermediate → document signer), its two CRLs made once, and
 * a signed electronic-licence PDF of about {@code bytes} bytes (one page, licence.json, an incompressible padding
 * attachment, one CAdES-based PAdES signature with signing-certificate-v2, SHA-256).
 */
public final class LicenceBenchFiles {

    public final KeyAlgorithm algorithm;
    public final TestPki pki;
    public final byte[] pdf;
    /** The DER CRLs by their full distribution-point URL. */
    public final Map<String, byte[]> crls;

    private LicenceBenchFiles(KeyAlgorithm algorithm, TestPki pki, byte[] pdf, Map<String, byte[]> crls) {
        this.algorithm = algorithm;
        this.pki = pki;
        this.pdf = pdf;
        this.crls = crls;
    }

    public static LicenceBenchFiles make(KeyAlgorithm algorithm, URI published, int bytes) {
        Clock clock = Clock.systemUTC();
        TestPki pki = TestPki.builder(clock, algorithm).publishedAt(published).build();
        SignSpec spec = SignSpec.at(clock.instant().minusSeconds(60));
        // The padding attachment is sized so that the signed file, page, licence.json and signature included, is
        // about {@code bytes} long: the overhead is measured on an unpadded licence first.
        int overhead = LicencePdfs.sign(LicencePdfs.unsigned(), pki.documentSigner(), spec).length;
        byte[] unsigned = LicencePdfs.unsigned(LicencePdfs.Content.standard().paddedTo(Math.max(0, bytes - overhead)));
        byte[] pdf = LicencePdfs.sign(unsigned, pki.documentSigner(), spec);
        try {
            Map<String, byte[]> crls = Map.of(
                    published.resolve(TestPki.ROOT_CRL_PATH).toString(),
                            pki.root().currentCrl().getEncoded(),
                    published.resolve(TestPki.INTERMEDIATE_CRL_PATH).toString(),
                            pki.currentCrl().getEncoded());
            return new LicenceBenchFiles(algorithm, pki, pdf, crls);
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate root() {
        return pki.root().certificate();
    }

    public X509Certificate intermediate() {
        return pki.intermediate().certificate();
    }

    /**
     * license-verify's PDF verifier as the server builds it: the root in the licence-issuer set, the intermediate
     * as a known certificate, revocation on (no OCSP answer, so the CRLs; statuses cached until nextUpdate).
     */
    public PdfLicenceVerifier tongbanVerifier() {
        RevocationChecker revocation = new RevocationChecker(
                (cert, issuer) -> Optional.empty(),
                point -> Optional.ofNullable(crls.get(point.toString())),
                new InMemoryRevocationCache(pki.clock()),
                pki.clock());
        TrustAnchors anchors = TrustAnchors.of(new TrustAnchorSet(DocumentTrust.LICENCE_ISSUERS, Set.of(root())));
        DocumentTrust trust = new DocumentTrust(
                anchors, new PathValidator(CertificateSource.of(List.of(intermediate())), revocation), pki.clock());
        return new PdfLicenceVerifier(trust, null);
    }
}
