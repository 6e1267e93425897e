package cn.tongban.licence.pdf;

import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;

import cn.tongban.trust.pki.Certificates;
import cn.tongban.trust.pki.Providers;
import cn.tongban.trust.validation.AlgorithmPolicy;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The cryptographic rules of a PAdES / PKCS#7 detached signature (RFC 5652 §5.4, §5.6, §11.1-11.2; RFC 5035;
 * ETSI EN 319 142-1 §6.3): signer certificate present, algorithm policy, content-type and message-digest over the
 * ByteRange, the signature value over the DER signed attributes, signing-certificate-v2. The ByteRange is hashed
 * once, in place; the signature value is checked with JCA over the signed attributes (SM3withSM2 with the default
 * user id 1234567812345678, GB/T 35276 — docs/STANDARDS.md §1.3).
 */
final class CmsChecks {

    static final String CLAUSE_SIGNER = "RFC 5652 §5.3 (sid), §10.2.3; ETSI EN 319 142-1 §6.3";
    static final String CLAUSE_ALGORITHMS = "ETSI TS 119 312 and ETSI EN 319 102-1 §5.2.8 (dated algorithm table, "
            + "judged at the time of use); RFC 4056 §3 (RSASSA-PSS in CMS); RFC 8419 §3 (EdDSA in CMS); GB/T 35276 "
            + "(SM2 with SM3); STANDARDS §1.3";
    static final String CLAUSE_DIGEST = "RFC 5652 §5.4, §11.1 (content-type), §11.2 (message-digest)";
    static final String CLAUSE_VALUE = "RFC 5652 §5.6 (signature over the DER of signedAttrs)";
    static final String CLAUSE_ESS = "RFC 5035 §3; ETSI EN 319 122-1 §5.2.2 (signing-certificate-v2)";

    private static final String SHA512 = NISTObjectIdentifiers.id_sha512.getId();
    private static final String RSA_PSS = PKCSObjectIdentifiers.id_RSASSA_PSS.getId();
    private static final DefaultCMSSignatureAlgorithmNameGenerator NAMES =
            new DefaultCMSSignatureAlgorithmNameGenerator();
    /** Parsed certificates by DER: the same issuer certificates arrive in every licence of an authority. */
    private static final Map<String, X509Certificate> PARSED = new ConcurrentHashMap<>();

    private CmsChecks() {}

    /** What the CMS established: the checks, and the signer and certificates when found. */
    record Outcome(
            List<Check> checks,
            X509Certificate signer,
            List<X509Certificate> certificates,
            SignerInformation signerInfo,
            String algorithm) {}

    /**
     * Every rule but the algorithm policy, which is judged at the time of use once the signing time is known
     * ({@link #algorithmPolicy}).
     */
    static Outcome verify(byte[] pdf, int[] br, ContentInfo info, boolean cades) {
        List<Check> checks = new ArrayList<>();
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(info);
        } catch (Exception e) {
            checks.add(Check.failed(
                    "CMS_STRUCTURE",
                    SubIndication.FORMAT_FAILURE,
                    SignatureInspector.CLAUSE_CMS,
                    "SignedData does not parse: " + e.getClass().getSimpleName()));
            return new Outcome(checks, null, List.of(), null, null);
        }
        if (cms.getSignedContent() != null) {
            checks.add(Check.failed(
                    "CMS_STRUCTURE",
                    SubIndication.FORMAT_FAILURE,
                    SignatureInspector.CLAUSE_CMS,
                    "the SignedData encapsulates content; a PDF signature is detached"));
            return new Outcome(checks, null, List.of(), null, null);
        }
        checks.add(Check.passed(
                "CMS_STRUCTURE",
                SignatureInspector.CLAUSE_CMS,
                "one detached SignedData with one SignerInfo, zero padding only"));
        SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
        List<X509Certificate> certificates = certificates(cms);
        X509Certificate signer = null;
        for (X509Certificate c : certificates) {
            try {
                if (si.getSID().match(new X509CertificateHolder(c.getEncoded()))) {
                    signer = c;
                    break;
                }
            } catch (Exception e) {
                // an unencodable certificate cannot be the signer
            }
        }
        if (signer == null) {
            checks.add(Check.indeterminate(
                    "CMS_SIGNER_CERTIFICATE",
                    SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                    CLAUSE_SIGNER,
                    "the certificate named by the SignerInfo's sid is not in the CMS"));
            return new Outcome(checks, null, certificates, si, null);
        }
        checks.add(Check.passed("CMS_SIGNER_CERTIFICATE", CLAUSE_SIGNER, SignatureInspector.name(signer)));

        String digestOid = si.getDigestAlgOID();
        String digestName = AlgorithmPolicy.digestName(digestOid).orElse(null);
        String algorithm = algorithmName(si);

        AttributeTable signed = si.getSignedAttributes();
        if (signed == null) {
            checks.add(Check.failed(
                    "CMS_MESSAGE_DIGEST",
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_DIGEST,
                    "no signed attributes (PAdES signs content-type and message-digest attributes)"));
            return new Outcome(checks, signer, certificates, si, algorithm);
        }
        checks.add(messageDigest(pdf, br, signed, digestOid, digestName));
        checks.add(signatureValue(si, signer, algorithm));
        checks.add(signingCertificate(signed, signer, cades));
        return new Outcome(checks, signer, certificates, si, algorithm);
    }

    /**
     * ETSI EN 319 102-1 §5.2.8 over the dated table, at {@code at} (the signing time a time-stamp proved, else the
     * validation time; {@code timeSource} says which): the digest, the signer's key (RSASSA-PSS rows for a PSS
     * signature), RSASSA-PSS parameters naming the digestAlgorithm's hash for the message and MGF1 (RFC 4056 §3,
     * RFC 4055 §3.1), SHA-512 with Ed25519 (RFC 8419 §3.1), and SM3 exactly with SM2 (docs/STANDARDS.md §1.3).
     */
    static Check algorithmPolicy(Outcome o, AlgorithmPolicy policy, Instant at, String timeSource) {
        SignerInformation si = o.signerInfo();
        String digestOid = si.getDigestAlgOID();
        List<String> weak = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        java.util.function.Consumer<AlgorithmPolicy.Use> judge = u -> (u.allowed() ? rows : weak).add(u.text());
        judge.accept(policy.digest(digestOid, at));
        boolean pss = RSA_PSS.equals(si.getEncryptionAlgOID());
        judge.accept(policy.key(o.signer().getPublicKey(), pss, at));
        if (pss) {
            byte[] params = si.getEncryptionAlgParams();
            Optional<String> hash = AlgorithmPolicy.pssHash(params);
            if (hash.isEmpty() || !hash.get().equals(digestOid)) {
                weak.add("RSASSA-PSS parameters must name the digestAlgorithm's hash for the message and for MGF1 "
                        + "(RFC 4056 §3, RFC 4055 §3.1)");
            }
        }
        String digestName = AlgorithmPolicy.digestName(digestOid).orElse(digestOid);
        boolean sm2 = isSm2(o.signer());
        if (sm2 != "SM3".equals(digestName)) {
            weak.add("SM2 keys sign with SM3 and only SM2 keys do (STANDARDS §1.3)");
        }
        if ("Ed25519".equals(o.signer().getPublicKey().getAlgorithm())
                && !SHA512.equals(digestOid)
                && si.getSignedAttributes() != null) {
            weak.add("Ed25519 with signed attributes uses SHA-512 as digestAlgorithm (RFC 8419 §3.1)");
        }
        String when = " at " + at + " ("
                + ("TIMESTAMP".equals(timeSource) ? "signing time proven by a time-stamp" : "validation time") + ")";
        if (weak.isEmpty()) {
            return Check.passed(
                    "CMS_ALGORITHM_POLICY", CLAUSE_ALGORITHMS, o.algorithm() + when + ": " + String.join("; ", rows));
        }
        return Check.indeterminate(
                "CMS_ALGORITHM_POLICY",
                SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                CLAUSE_ALGORITHMS,
                String.join("; ", weak) + when);
    }

    private static Check messageDigest(byte[] pdf, int[] br, AttributeTable signed, String digestOid, String name) {
        String rule = "CMS_MESSAGE_DIGEST";
        Attribute type = signed.get(CMSAttributes.contentType);
        if (type == null
                || type.getAttrValues().size() != 1
                || !PKCSObjectIdentifiers.data.equals(type.getAttrValues().getObjectAt(0))) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_DIGEST,
                    "the content-type signed attribute is absent or not id-data");
        }
        Attribute md = signed.get(CMSAttributes.messageDigest);
        if (md == null || md.getAttrValues().size() != 1) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_DIGEST,
                    "the message-digest signed attribute is absent or has several values");
        }
        byte[] claimed;
        try {
            claimed = ASN1OctetString.getInstance(md.getAttrValues().getObjectAt(0))
                    .getOctets();
        } catch (RuntimeException e) {
            return Check.failed(
                    rule, SubIndication.FORMAT_FAILURE, CLAUSE_DIGEST, "message-digest is not an OCTET STRING");
        }
        String algorithm = name != null ? name : digestOid;
        byte[] actual;
        try {
            MessageDigest digest = "SM3".equals(algorithm)
                    ? MessageDigest.getInstance("SM3", Providers.bc())
                    : name != null
                            ? MessageDigest.getInstance(algorithm)
                            : MessageDigest.getInstance(digestOid, Providers.bc());
            actual = SignatureInspector.digest(digest, pdf, br);
        } catch (Exception e) {
            return Check.indeterminate(
                    rule,
                    SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                    CLAUSE_DIGEST,
                    "digest algorithm " + digestOid + " is unknown");
        }
        if (!MessageDigest.isEqual(claimed, actual)) {
            return Check.failed(
                    rule,
                    SubIndication.HASH_FAILURE,
                    CLAUSE_DIGEST,
                    "the " + algorithm + " of the signed byte ranges differs from message-digest: the signed bytes "
                            + "were altered");
        }
        return Check.passed(rule, CLAUSE_DIGEST, algorithm + " of the byte ranges equals message-digest");
    }

    private static Check signatureValue(SignerInformation si, X509Certificate signer, String algorithm) {
        String rule = "CMS_SIGNATURE_VALUE";
        try {
            Signature verifier = Signature.getInstance(algorithm, Providers.bc());
            if (RSA_PSS.equals(si.getEncryptionAlgOID()) && si.getEncryptionAlgParams() != null) {
                java.security.AlgorithmParameters params =
                        java.security.AlgorithmParameters.getInstance("PSS", Providers.bc());
                params.init(si.getEncryptionAlgParams());
                verifier = Signature.getInstance("RSASSA-PSS", Providers.bc());
                verifier.setParameter(params.getParameterSpec(java.security.spec.PSSParameterSpec.class));
            }
            verifier.initVerify(signer.getPublicKey());
            verifier.update(si.getEncodedSignedAttributes());
            if (verifier.verify(si.getSignature())) {
                return Check.passed(rule, CLAUSE_VALUE, algorithm + " signature over the signed attributes verifies");
            }
            return Check.failed(
                    rule,
                    SubIndication.SIG_CRYPTO_FAILURE,
                    CLAUSE_VALUE,
                    "the signature value does not verify with the signer certificate's key");
        } catch (Exception e) {
            return Check.failed(
                    rule,
                    SubIndication.SIG_CRYPTO_FAILURE,
                    CLAUSE_VALUE,
                    "the signature value cannot be verified (" + algorithm + "): "
                            + e.getClass().getSimpleName());
        }
    }

    private static Check signingCertificate(AttributeTable signed, X509Certificate signer, boolean cades) {
        String rule = "CMS_SIGNING_CERTIFICATE_V2";
        Attribute v2 = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        Attribute v1 = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
        try {
            if (v2 != null) {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(
                                v2.getAttrValues().getObjectAt(0))
                        .getCerts()[0];
                AlgorithmIdentifier alg = id.getHashAlgorithm();
                String name =
                        AlgorithmPolicy.digestName(alg.getAlgorithm().getId()).orElse(null);
                if (name == null) {
                    return Check.indeterminate(
                            rule,
                            SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                            CLAUSE_ESS,
                            "certificate hash algorithm " + alg.getAlgorithm() + " is not allowed");
                }
                MessageDigest md = "SM3".equals(name)
                        ? MessageDigest.getInstance("SM3", Providers.bc())
                        : MessageDigest.getInstance(name);
                return match(rule, MessageDigest.isEqual(md.digest(signer.getEncoded()), id.getCertHash()));
            }
            if (v1 != null && !cades) {
                ESSCertID id = SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0))
                        .getCerts()[0];
                return match(
                        rule,
                        MessageDigest.isEqual(
                                MessageDigest.getInstance("SHA-1").digest(signer.getEncoded()), id.getCertHash()));
            }
        } catch (Exception e) {
            return Check.failed(
                    rule, SubIndication.FORMAT_FAILURE, CLAUSE_ESS, "malformed signing-certificate attribute");
        }
        if (cades) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_ESS,
                    "ETSI.CAdES.detached requires the signing-certificate-v2 signed attribute");
        }
        return Check.warning(rule, CLAUSE_ESS, "adbe.pkcs7.detached signature without signing-certificate attribute");
    }

    private static Check match(String rule, boolean equal) {
        return equal
                ? Check.passed(rule, CLAUSE_ESS, "names the certificate that verifies the signature")
                : Check.indeterminate(
                        rule,
                        SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                        CLAUSE_ESS,
                        "names another certificate than the one in the SignerInfo (certificate substitution)");
    }

    static String algorithmName(SignerInformation si) {
        try {
            return NAMES.getSignatureName(
                    new AlgorithmIdentifier(new ASN1ObjectIdentifier(si.getDigestAlgOID())),
                    new AlgorithmIdentifier(new ASN1ObjectIdentifier(si.getEncryptionAlgOID())));
        } catch (RuntimeException e) {
            return si.getDigestAlgOID() + "with" + si.getEncryptionAlgOID();
        }
    }

    static boolean isSm2(X509Certificate c) {
        if (!(c.getPublicKey() instanceof ECKey)) {
            return false;
        }
        try {
            return cn.tongban.trust.pki.KeyAlgorithm.isSm2(c.getPublicKey());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static List<X509Certificate> certificates(CMSSignedData cms) {
        List<X509Certificate> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> holders = cms.getCertificates().getMatches(null);
        for (X509CertificateHolder h : holders) {
            parse(h).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<X509Certificate> parse(X509CertificateHolder h) {
        try {
            byte[] der = h.getEncoded();
            String key = java.util.Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
            X509Certificate cached = PARSED.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
            X509Certificate c = Certificates.parse(der, true);
            if (PARSED.size() > 10_000) {
                PARSED.clear();
            }
            PARSED.put(key, c);
            return Optional.of(c);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
