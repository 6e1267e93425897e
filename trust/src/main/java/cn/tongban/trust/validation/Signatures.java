package cn.tongban.trust.validation;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import cn.tongban.trust.pki.Providers;

/** Signature checks on certificates and CRLs: Bouncy Castle for SM2 (the JDK has no SM3withSM2), JDK otherwise. */
final class Signatures {

    static final String SM3_WITH_SM2 = "1.2.156.10197.1.501";

    private Signatures() {}

    /** RFC 5280 §6.1.3(a)(1): the certificate's signature verifies with the working public key. */
    static boolean verifies(X509Certificate certificate, PublicKey issuerKey) {
        try {
            if (SM3_WITH_SM2.equals(certificate.getSigAlgOID())) {
                certificate.verify(issuerKey, Providers.bc());
            } else {
                try {
                    certificate.verify(issuerKey);
                } catch (NoSuchAlgorithmException e) {
                    certificate.verify(issuerKey, Providers.bc());
                }
            }
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** RFC 5280 §6.3.3(g): the CRL's signature verifies with the CRL issuer's key. */
    static boolean verifies(X509CRL crl, PublicKey issuerKey) {
        try {
            crl.verify(issuerKey, Providers.bc());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** RFC 5280 §4.2.1.3 keyUsage bit {@code index}; true when the extension is absent (no restriction). */
    static boolean keyUsageAllows(X509Certificate certificate, int index) {
        boolean[] usage = certificate.getKeyUsage();
        return usage == null || (usage.length > index && usage[index]);
    }

    /** RFC 5280 §4.2.1.12 extended key usage OIDs; empty when absent or unparsable. */
    static List<String> extendedKeyUsage(X509Certificate certificate) {
        try {
            List<String> eku = certificate.getExtendedKeyUsage();
            return eku == null ? List.of() : eku;
        } catch (java.security.cert.CertificateParsingException e) {
            return List.of();
        }
    }

    static String name(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (serial "
                + certificate.getSerialNumber().toString(16) + ")";
    }
}
