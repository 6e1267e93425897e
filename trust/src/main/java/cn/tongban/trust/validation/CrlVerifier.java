package cn.tongban.trust.validation;

import java.io.IOException;
import java.net.URI;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

import cn.tongban.trust.pki.Certificates;

/** Judges one CRL for one certificate (RFC 5280 §6.3.3, complete direct CRLs only). */
final class CrlVerifier {

    private static final int CRL_SIGN = 6;

    private CrlVerifier() {}

    /** RFC 5280 §4.2.1.13: fullName URIs of the certificate's cRLDistributionPoints. */
    static List<URI> distributionPoints(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<URI> uris = new ArrayList<>();
        if (value == null) {
            return uris;
        }
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(ASN1Primitive.fromByteArray(
                    ASN1OctetString.getInstance(value).getOctets()));
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName general : org.bouncycastle.asn1.x509.GeneralNames.getInstance(name.getName())
                        .getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        uris.add(URI.create(general.getName().toString()));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // An unparsable extension yields no distribution points; the caller reports no CRL.
        }
        return uris;
    }

    static RevocationStatus judge(
            byte[] der,
            X509Certificate certificate,
            X509Certificate issuer,
            Instant now,
            AlgorithmPolicy algorithms,
            URI from) {
        X509CRL crl;
        try {
            crl = Certificates.parseCrl(der, true);
        } catch (IllegalArgumentException e) {
            return unavailable(from, "does not parse as a CRL");
        }
        // RFC 5280 §6.3.3(b)(1) / §5.1.2.3: only direct CRLs; the CRL issuer is the certificate's issuer.
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return unavailable(
                    from, "is issued by " + crl.getIssuerX500Principal().getName() + ", not the issuer");
        }
        // RFC 5280 §6.3.3(f): the CRL issuer's key usage must assert cRLSign.
        if (!Signatures.keyUsageAllows(issuer, CRL_SIGN)) {
            return unavailable(from, "issuer lacks the cRLSign key usage");
        }
        // RFC 5280 §6.3.3(g): verify the CRL signature with the issuer's public key.
        if (!Signatures.verifies(crl, issuer.getPublicKey())) {
            return unavailable(from, "signature does not verify with the issuer's key");
        }
        var algorithm =
                algorithms.checkSignatureAlgorithm(crl.getSigAlgOID(), crl.getSigAlgParams(), "CRL from " + from, now);
        if (algorithm.isPresent()) {
            return new RevocationStatus.Unavailable(List.of(algorithm.get()));
        }
        // RFC 5280 §5.2 / §5.3: a CRL with a critical extension we cannot process (IDP, delta) must not be used.
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical != null && !critical.isEmpty()) {
            return unavailable(from, "carries unsupported critical extensions " + critical);
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Instant nextUpdate =
                crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        // RFC 5280 §5.1.2.4: a CRL whose thisUpdate is in the future (beyond the clock skew) is not yet issued.
        if (thisUpdate.isAfter(now.plus(RevocationStatus.CLOCK_SKEW))) {
            return unavailable(from, "thisUpdate " + thisUpdate + " is in the future");
        }
        // RFC 5280 §6.3.3(a)(2) / §5.1.2.5: past nextUpdate the CRL is stale; a missing nextUpdate is non-conforming.
        if (nextUpdate == null || !nextUpdate.isAfter(now)) {
            return unavailable(from, "is stale (nextUpdate " + nextUpdate + ")");
        }
        // RFC 5280 §6.3.3(i): look the serial up among the revoked certificates.
        X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
        if (entry == null) {
            return new RevocationStatus.Good(RevocationStatus.Source.CRL, thisUpdate, nextUpdate);
        }
        return new RevocationStatus.Revoked(
                RevocationStatus.Source.CRL,
                entry.getRevocationDate().toInstant(),
                reason(entry),
                thisUpdate,
                nextUpdate);
    }

    /** RFC 5280 §5.3.1 reasonCode; absent means unspecified. */
    private static CRLReason reason(X509CRLEntry entry) {
        byte[] value = entry.getExtensionValue(Extension.reasonCode.getId());
        if (value == null) {
            return CRLReason.UNSPECIFIED;
        }
        try {
            int code = ASN1Enumerated.getInstance(
                            ASN1OctetString.getInstance(value).getOctets())
                    .intValueExact();
            return code >= 0 && code < CRLReason.values().length ? CRLReason.values()[code] : CRLReason.UNSPECIFIED;
        } catch (RuntimeException e) {
            return CRLReason.UNSPECIFIED;
        }
    }

    private static RevocationStatus unavailable(URI from, String why) {
        return new RevocationStatus.Unavailable(List.of("CRL from " + from + " " + why));
    }
}
