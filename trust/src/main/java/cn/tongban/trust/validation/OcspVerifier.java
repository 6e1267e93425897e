package cn.tongban.trust.validation;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import cn.tongban.trust.pki.Certificates;
import cn.tongban.trust.pki.KeyPurpose;
import cn.tongban.trust.pki.Providers;

/** Judges one OCSP response for one certificate, following the client checks of RFC 6960 §3.2. */
final class OcspVerifier {

    private OcspVerifier() {}

    static RevocationStatus judge(
            byte[] der, X509Certificate certificate, X509Certificate issuer, Instant now, AlgorithmPolicy algorithms) {
        try {
            OCSPResp response = new OCSPResp(der);
            // RFC 6960 §4.2.1: only "successful" responses carry a responseBytes with status information.
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                return unavailable("responseStatus is " + response.getStatus() + ", not successful (0)");
            }
            if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                return unavailable("response type is not id-pkix-ocsp-basic (RFC 6960 §4.2.1)");
            }
            var algorithm = algorithms.checkSignatureAlgorithm(
                    basic.getSignatureAlgOID().getId(), params(basic.getSignatureAlgorithmID()), "OCSP response", now);
            if (algorithm.isPresent()) {
                return unavailable(algorithm.get());
            }
            // RFC 6960 §3.2 (2)-(4), §4.2.2.2: signed by the CA itself or by a responder it delegated to.
            Optional<String> signerProblem = checkSigner(basic, issuer, now);
            if (signerProblem.isPresent()) {
                return unavailable(signerProblem.get());
            }
            // RFC 6960 §3.2 (1): the CertID in the response is the one for this certificate and issuer.
            SingleResp single = find(basic, certificate, issuer);
            if (single == null) {
                return unavailable("has no SingleResponse whose CertID matches the certificate");
            }
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Instant nextUpdate = single.getNextUpdate() == null
                    ? null
                    : single.getNextUpdate().toInstant();
            // RFC 6960 §3.2 (5): thisUpdate must not lie in the future (beyond the clock skew).
            if (thisUpdate.isAfter(now.plus(RevocationStatus.CLOCK_SKEW))) {
                return unavailable("thisUpdate " + thisUpdate + " is in the future");
            }
            // RFC 6960 §3.2 (6) / §4.2.2.1: a nextUpdate earlier than the local time makes the response unreliable.
            if (nextUpdate != null && !nextUpdate.isAfter(now)) {
                return unavailable("is stale (nextUpdate " + nextUpdate + ")");
            }
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return new RevocationStatus.Good(RevocationStatus.Source.OCSP, thisUpdate, nextUpdate);
            }
            if (status instanceof RevokedStatus revoked) {
                int code = revoked.hasRevocationReason() ? revoked.getRevocationReason() : 0;
                CRLReason reason = code >= 0 && code < CRLReason.values().length
                        ? CRLReason.values()[code]
                        : CRLReason.UNSPECIFIED;
                return new RevocationStatus.Revoked(
                        RevocationStatus.Source.OCSP,
                        revoked.getRevocationTime().toInstant(),
                        reason,
                        thisUpdate,
                        nextUpdate);
            }
            // RFC 6960 §2.2: "unknown" — the responder does not know the certificate; try the CRL.
            return unavailable("status is unknown");
        } catch (IOException | OCSPException | RuntimeException e) {
            return unavailable("does not parse: " + e.getMessage());
        }
    }

    private static Optional<String> checkSigner(BasicOCSPResp basic, X509Certificate issuer, Instant now) {
        // RFC 6960 §4.2.2.2 case 1: the CA that issued the certificate signed the response.
        if (signatureValid(basic, issuer.getPublicKey())) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate responder;
            try {
                responder = Certificates.parse(holder.getEncoded(), true);
            } catch (IOException | IllegalArgumentException e) {
                continue;
            }
            if (!signatureValid(basic, responder.getPublicKey())) {
                continue;
            }
            String who = "responder " + Signatures.name(responder);
            // RFC 6960 §4.2.2.2 case 3: the responder certificate is issued directly by the CA...
            if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                    || !Signatures.verifies(responder, issuer.getPublicKey())) {
                problems.add(who + " is not issued by the certificate's issuer (RFC 6960 §4.2.2.2)");
                continue;
            }
            // ...and carries id-kp-OCSPSigning in its extended key usage.
            if (!Signatures.extendedKeyUsage(responder).contains(KeyPurpose.OCSP_SIGNING.oid())) {
                problems.add(who + " lacks the id-kp-OCSPSigning EKU (RFC 6960 §4.2.2.2)");
                continue;
            }
            // RFC 6960 §3.2 (4): the signer is currently authorised, i.e. its certificate is within validity.
            if (now.isBefore(responder.getNotBefore().toInstant())
                    || now.isAfter(responder.getNotAfter().toInstant())) {
                problems.add(who + " is outside its validity period (RFC 6960 §3.2)");
                continue;
            }
            return Optional.empty();
        }
        if (problems.isEmpty()) {
            problems.add("signature verifies neither with the issuer's key nor with a delegated responder's"
                    + " (RFC 6960 §3.2, §4.2.2.2)");
        }
        return Optional.of("OCSP response rejected: " + String.join("; ", problems));
    }

    private static boolean signatureValid(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.bc())
                    .build(key));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }

    private static SingleResp find(BasicOCSPResp basic, X509Certificate certificate, X509Certificate issuer)
            throws OCSPException {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder()
                    .setProvider(Providers.bc())
                    .build();
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            for (SingleResp single : basic.getResponses()) {
                // RFC 6960 §4.1.1: issuerNameHash and issuerKeyHash in the CertID's hash algorithm, and the serial.
                if (single.getCertID().getSerialNumber().equals(certificate.getSerialNumber())
                        && single.getCertID().matchesIssuer(issuerHolder, digests)) {
                    return single;
                }
            }
            return null;
        } catch (OperatorCreationException | CertificateEncodingException e) {
            throw new OCSPException("cannot compute CertID: " + e.getMessage(), e);
        }
    }

    private static RevocationStatus unavailable(String why) {
        return new RevocationStatus.Unavailable(List.of(why.startsWith("OCSP") ? why : "OCSP response " + why));
    }

    private static byte[] params(org.bouncycastle.asn1.x509.AlgorithmIdentifier id) {
        try {
            return id.getParameters() == null
                    ? null
                    : id.getParameters().toASN1Primitive().getEncoded();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
