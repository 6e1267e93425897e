package cn.tongban.trust.pki;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Small certificate utilities. */
public final class Certificates {

    private Certificates() {}

    /** SHA-256 over the DER encoding of the whole certificate, lower-case hex without separators. */
    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /**
     * Parses a DER certificate. The JDK's factory is used unless {@code bouncyCastle} is set; SM2 certificates
     * need Bouncy Castle because the JDK does not know the sm2p256v1 curve.
     */
    public static X509Certificate parse(byte[] der, boolean bouncyCastle) {
        try {
            return (X509Certificate) factory(bouncyCastle).generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    /** Parses a DER CRL, with Bouncy Castle's factory if {@code bouncyCastle} is set. */
    public static X509CRL parseCrl(byte[] der, boolean bouncyCastle) {
        try {
            return (X509CRL) factory(bouncyCastle).generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 CRL", e);
        }
    }

    private static CertificateFactory factory(boolean bouncyCastle) throws GeneralSecurityException {
        return bouncyCastle
                ? CertificateFactory.getInstance("X.509", Providers.bc())
                : CertificateFactory.getInstance("X.509");
    }
}
