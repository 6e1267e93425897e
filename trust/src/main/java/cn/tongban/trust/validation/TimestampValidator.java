package cn.tongban.trust.validation;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

import cn.tongban.trust.pki.Certificates;
import cn.tongban.trust.pki.Providers;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Validates RFC 3161 time-stamp tokens: message imprint (§2.4.2), the CMS signature and its ESS signing-certificate
 * binding (§2.4.1, RFC 5035), and the TSA certificate's path at genTime with the time-stamping policy (§2.3).
 */
public final class TimestampValidator {

    /** Imprint hash algorithms accepted: SHA-256/384/512 and SM3 (GB/T 32905). SHA-1 and MD5 are not. */
    private static final Set<String> IMPRINT_ALGORITHMS =
            Set.of("2.16.840.1.101.3.4.2.1", "2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.3", "1.2.156.10197.1.401");

    private final PathValidator paths;
    private final java.time.Clock clock;

    /** Algorithms of TSA paths judged at the system clock's time (the validation time). */
    public TimestampValidator(PathValidator paths) {
        this(paths, java.time.Clock.systemUTC());
    }

    /**
     * @param clock the validation time: the algorithms of a TSA's path are judged then, as nothing proves the
     *              token's own genTime (ETSI EN 319 102-1 §5.2.8)
     */
    public TimestampValidator(PathValidator paths, java.time.Clock clock) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Validates {@code tokenDer} (a TimeStampToken ContentInfo) over the time-stamped {@code data}. */
    public TimestampValidationResult validate(
            byte[] tokenDer, byte[] data, List<X509Certificate> extraCerts, TrustAnchorSet tsaAnchors) {
        List<Finding> findings = new ArrayList<>();
        TimeStampToken token;
        try {
            token = new TimeStampToken(new CMSSignedData(tokenDer));
        } catch (Exception e) {
            return result(
                    List.of(new Finding(
                            SubIndication.FORMAT_FAILURE,
                            "not an RFC 3161 TimeStampToken (§2.4.2): " + e.getMessage())),
                    null,
                    false,
                    false,
                    null,
                    null);
        }
        TimeStampTokenInfo info = token.getTimeStampInfo();
        Instant genTime = info.getGenTime().toInstant();
        // RFC 3161 §2.4.2: messageImprint is the hash of the time-stamped data in the stated algorithm.
        AlgorithmIdentifier imprintAlgorithm = info.getHashAlgorithm();
        boolean imprintMatches = false;
        if (!IMPRINT_ALGORITHMS.contains(imprintAlgorithm.getAlgorithm().getId())) {
            findings.add(new Finding(
                    SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                    "messageImprint hash algorithm "
                            + imprintAlgorithm.getAlgorithm().getId() + " is not allowed"));
        } else {
            imprintMatches = MessageDigest.isEqual(digest(imprintAlgorithm, data), info.getMessageImprintDigest());
            if (!imprintMatches) {
                findings.add(new Finding(
                        SubIndication.HASH_FAILURE, "messageImprint does not match the data (RFC 3161 §2.4.2)"));
            }
        }
        X509Certificate tsa = signer(token, extraCerts);
        if (tsa == null) {
            findings.add(new Finding(
                    SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                    "the token's signer certificate is neither in the token nor supplied (RFC 3161 §2.4.1)"));
            return result(findings, genTime, imprintMatches, false, null, null, token);
        }
        boolean signatureValid = signatureValid(token, tsa);
        if (!signatureValid) {
            findings.add(new Finding(
                    SubIndication.SIG_CRYPTO_FAILURE,
                    "the token's signature does not verify with " + Signatures.name(tsa) + " (RFC 5652 §5.6)"));
        }
        // RFC 3161 §2.4.1 / RFC 5035 §5.4: the ESS signing-certificate attribute identifies the signer certificate.
        if (!essCertIdMatches(token, tsa)) {
            findings.add(new Finding(
                    SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                    "ESS signing-certificate attribute" + " is absent or does not identify " + Signatures.name(tsa)
                            + " (RFC 3161 §2.4.1, RFC 5035)"));
        }
        List<X509Certificate> pool = new ArrayList<>(extraCerts);
        pool.addAll(tokenCertificates(token));
        // RFC 3161 §2.3: the TSA certificate is judged at genTime with a critical, sole timeStamping EKU.
        PathValidationResult path =
                paths.validate(tsa, pool, tsaAnchors, genTime, clock.instant(), ValidationPolicy.timeStamping());
        if (!path.passed()) {
            findings.add(
                    new Finding(path.subIndication(), "TSA certificate path: " + String.join("; ", path.reasons())));
        }
        return result(findings, genTime, imprintMatches, signatureValid, tsa, path, token);
    }

    private static byte[] digest(AlgorithmIdentifier algorithm, byte[] data) {
        try {
            DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder()
                    .setProvider(Providers.bc())
                    .build()
                    .get(algorithm);
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(data);
            }
            return calculator.getDigest();
        } catch (Exception e) {
            throw new IllegalStateException("cannot compute " + algorithm.getAlgorithm(), e);
        }
    }

    private static X509Certificate signer(TimeStampToken token, List<X509Certificate> extraCerts) {
        for (X509Certificate c : tokenCertificates(token)) {
            if (matches(token, c)) {
                return c;
            }
        }
        return extraCerts.stream().filter(c -> matches(token, c)).findFirst().orElse(null);
    }

    private static boolean matches(TimeStampToken token, X509Certificate certificate) {
        try {
            return token.getSID().match(new JcaX509CertificateHolder(certificate));
        } catch (Exception e) {
            return false;
        }
    }

    private static List<X509Certificate> tokenCertificates(TimeStampToken token) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            try {
                certificates.add(Certificates.parse(holder.getEncoded(), true));
            } catch (IOException | IllegalArgumentException e) {
                // an unparsable extra certificate is ignored; the signer lookup reports what is missing
            }
        }
        return certificates;
    }

    private static boolean signatureValid(TimeStampToken token, X509Certificate tsa) {
        try {
            return token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(Providers.bc())
                    .build(tsa.getPublicKey()));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean essCertIdMatches(TimeStampToken token, X509Certificate tsa) {
        try {
            AttributeTable attributes = token.getSignedAttributes();
            Attribute v2 = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (v2 != null) {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(
                                v2.getAttrValues().getObjectAt(0))
                        .getCerts()[0];
                return MessageDigest.isEqual(digest(id.getHashAlgorithm(), tsa.getEncoded()), id.getCertHash());
            }
            Attribute v1 = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
            if (v1 != null) {
                ESSCertID id = SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0))
                        .getCerts()[0];
                return MessageDigest.isEqual(
                        MessageDigest.getInstance("SHA-1").digest(tsa.getEncoded()), id.getCertHash());
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static TimestampValidationResult result(
            List<Finding> findings,
            Instant genTime,
            boolean imprint,
            boolean signature,
            X509Certificate tsa,
            PathValidationResult path,
            TimeStampToken token) {
        TimeStampTokenInfo info = token.getTimeStampInfo();
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Severity.MOST_SEVERE_FIRST);
        return build(
                sorted, genTime, imprint, signature, tsa, path, info.getPolicy().getId(), info.getSerialNumber());
    }

    private static TimestampValidationResult result(
            List<Finding> findings,
            Instant genTime,
            boolean imprint,
            boolean signature,
            X509Certificate tsa,
            PathValidationResult path) {
        return build(findings, genTime, imprint, signature, tsa, path, null, null);
    }

    private static TimestampValidationResult build(
            List<Finding> findings,
            Instant genTime,
            boolean imprint,
            boolean signature,
            X509Certificate tsa,
            PathValidationResult path,
            String policy,
            java.math.BigInteger serial) {
        List<String> reasons = findings.stream().map(Finding::reason).toList();
        if (findings.isEmpty()) {
            return new TimestampValidationResult(
                    Indication.TOTAL_PASSED, null, genTime, imprint, signature, tsa, path, policy, serial, reasons);
        }
        SubIndication sub = findings.get(0).subIndication();
        return new TimestampValidationResult(
                Severity.indication(sub), sub, genTime, imprint, signature, tsa, path, policy, serial, reasons);
    }
}
