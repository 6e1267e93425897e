package cn.tongban.bench.licence;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.client.http.MemoryDataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

/**
 * EU DSS 6.4 validating a PDF as its documentation shows: {@link SignedDocumentValidator#fromDocument} (PAdES with
 * the PDFBox back end), DSS's default validation policy, the issuer's root as trusted certificate, the intermediate
 * as an adjunct certificate, and revocation from the same CRLs as Tongban (served from memory, no network; DSS
 * parses and checks the CRL on each validation, as it does without a CRL cache). No OCSP, no AIA fetching.
 */
public final class DssPdfVerifier {

    private final CommonCertificateVerifier verifier;

    /** A verifier configured by the caller (several issuers behind one DSS, as in the HTTP comparison). */
    public DssPdfVerifier(CommonCertificateVerifier verifier) {
        this.verifier = verifier;
    }

    public DssPdfVerifier(X509Certificate root, List<X509Certificate> intermediates, Map<String, byte[]> crls) {
        verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(root));
        verifier.setTrustedCertSources(trusted);
        CommonCertificateSource adjunct = new CommonCertificateSource();
        intermediates.forEach(c -> adjunct.addCertificate(new CertificateToken(c)));
        verifier.setAdjunctCertSources(adjunct);
        verifier.setCrlSource(new OnlineCRLSource(new MemoryDataLoader(new HashMap<>(crls))));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
    }

    public static DssPdfVerifier of(LicenceBenchFiles files) {
        return new DssPdfVerifier(files.root(), List.of(files.intermediate()), files.crls);
    }

    public Reports validate(byte[] pdf) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument();
    }

    /** "INDICATION[/SUB_INDICATION]" of the first signature, or "NO_SIGNATURE". */
    public static String verdict(Reports reports) {
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();
        if (id == null) {
            return "NO_SIGNATURE";
        }
        Indication indication = simple.getIndication(id);
        return indication + (simple.getSubIndication(id) == null ? "" : "/" + simple.getSubIndication(id));
    }
}
