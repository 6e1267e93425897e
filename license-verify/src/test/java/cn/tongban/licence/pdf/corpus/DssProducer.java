package cn.tongban.licence.pdf.corpus;

import java.security.Signature;
import java.util.Date;
import java.util.HashMap;
import java.util.List;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.PAdESTimestampParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.client.http.MemoryDataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.tsp.KeyEntityTSPSource;

import cn.tongban.trust.pki.Providers;

/**
 * EU DSS 6.4 as a signing product (PAdES with its PDFBox back end), used as documented: {@code getDataToSign},
 * the signature value made outside DSS with the signer's key, {@code signDocument}; {@code extendDocument} to add
 * validation data; {@code timestamp} for a document time-stamp. Its time-stamps come from a DSS
 * {@link KeyEntityTSPSource} holding the test PKI's TSA key; revocation data for B-LT from the PKI's CRLs,
 * served from memory (no network).
 */
final class DssProducer {

    /** The TSA policy of the test-fixtures TSA (RFC 3161 §2.4.2). */
    private static final String TSA_POLICY = "2.999.3161.1";

    private final CorpusPki pki;

    DssProducer(CorpusPki pki) {
        this.pki = pki;
    }

    /** What DSS knows when it signs and extends: the root as trusted, the issuing CA, the PKI's CRLs. */
    static CommonCertificateVerifier verifier(CorpusPki pki) {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(pki.root()));
        verifier.setTrustedCertSources(trusted);
        CommonCertificateSource adjunct = new CommonCertificateSource();
        adjunct.addCertificate(new CertificateToken(pki.intermediate()));
        verifier.setAdjunctCertSources(adjunct);
        verifier.setCrlSource(new OnlineCRLSource(new MemoryDataLoader(new HashMap<>(pki.crls()))));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        return verifier;
    }

    private PAdESService service() {
        PAdESService service = new PAdESService(verifier(pki));
        KeyEntityTSPSource tsp = new KeyEntityTSPSource(
                pki.tsa().privateKey(), pki.tsa().certificate(), pki.tsa().chain());
        tsp.setTsaPolicy(TSA_POLICY);
        service.setTspSource(tsp);
        return service;
    }

    byte[] sign(byte[] pdf, CorpusPki.Signer signer, SignatureLevel level) {
        return sign(pdf, signer, level, null);
    }

    /** A PAdES signature at {@code level}; with {@code permission} a certification signature (DocMDP). */
    byte[] sign(byte[] pdf, CorpusPki.Signer signer, SignatureLevel level, CertificationPermission permission) {
        return sign(pdf, signer, level, permission, null);
    }

    /**
     * As {@link #sign(byte[], CorpusPki.Signer, SignatureLevel, CertificationPermission)}, visible: into the
     * existing empty signature field {@code field}, or for {@code ""} in a new field at the bottom of page 1; the appearance is DSS's text rendering of the signer.
     */
    byte[] sign(
            byte[] pdf,
            CorpusPki.Signer signer,
            SignatureLevel level,
            CertificationPermission permission,
            String field) {
        PAdESSignatureParameters p = new PAdESSignatureParameters();
        if (field != null) {
            SignatureImageParameters image = new SignatureImageParameters();
            SignatureImageTextParameters text = new SignatureImageTextParameters();
            text.setText("Signed by " + signer.name());
            image.setTextParameters(text);
            SignatureFieldParameters position = new SignatureFieldParameters();
            if (!field.isEmpty()) {
                position.setFieldId(field);
            }
            position.setPage(1);
            position.setOriginX(320);
            position.setOriginY(60);
            position.setWidth(200);
            position.setHeight(40);
            image.setFieldParameters(position);
            p.setImageParameters(image);
        }
        p.setSignatureLevel(level);
        p.setSigningCertificate(new CertificateToken(signer.certificate()));
        p.setCertificateChain(signer.chain().stream().map(CertificateToken::new).toList());
        p.setDigestAlgorithm(
                signer.kind() == CorpusPki.KeyKind.EC_P384 || signer.kind() == CorpusPki.KeyKind.BRAINPOOL_P384
                        ? DigestAlgorithm.SHA384
                        : DigestAlgorithm.SHA256);
        if (signer.kind() == CorpusPki.KeyKind.RSA_PSS_2048) {
            p.setEncryptionAlgorithm(EncryptionAlgorithm.RSASSA_PSS);
        }
        p.bLevel().setSigningDate(new Date(pki.clock.millis() - 30_000));
        p.setReason("issued electronic licence");
        p.setContentSize(12_000);
        if (permission != null) {
            p.setPermission(permission);
        }
        PAdESService service = service();
        DSSDocument doc = new InMemoryDocument(pdf);
        ToBeSigned tbs = service.getDataToSign(doc, p);
        SignatureAlgorithm algorithm = p.getSignatureAlgorithm();
        byte[] value;
        try {
            Signature s = Signature.getInstance(algorithm.getJCEId(), Providers.bc());
            s.initSign(signer.key());
            s.update(tbs.getBytes());
            value = s.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.getJCEId(), e);
        }
        return DSSUtils.toByteArray(service.signDocument(doc, p, new SignatureValue(algorithm, value)));
    }

    /** An empty signature field {@code name} (ISO 32000-1 §12.7.4.5) on page 1, for a later signer. */
    byte[] addSignatureField(byte[] pdf, String name) {
        SignatureFieldParameters f = new SignatureFieldParameters();
        f.setFieldId(name);
        f.setPage(1);
        f.setOriginX(320);
        f.setOriginY(60);
        f.setWidth(200);
        f.setHeight(40);
        return DSSUtils.toByteArray(service().addNewSignatureField(new InMemoryDocument(pdf), f));
    }

    /** The document's signatures augmented to {@code level} (B-LT: a revision that only adds /DSS). */
    byte[] extend(byte[] pdf, SignatureLevel level) {
        PAdESSignatureParameters p = new PAdESSignatureParameters();
        p.setSignatureLevel(level);
        return DSSUtils.toByteArray(service().extendDocument(new InMemoryDocument(pdf), p));
    }

    /** A document time-stamp (ETSI EN 319 142-1 §5.4) over the whole document. */
    byte[] timestamp(byte[] pdf) {
        return DSSUtils.toByteArray(service().timestamp(new InMemoryDocument(pdf), new PAdESTimestampParameters()));
    }

    static List<SignatureLevel> levels() {
        return List.of(
                SignatureLevel.PAdES_BASELINE_B,
                SignatureLevel.PAdES_BASELINE_T,
                SignatureLevel.PAdES_BASELINE_LT,
                SignatureLevel.PAdES_BASELINE_LTA);
    }
}
