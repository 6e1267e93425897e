package cn.tongban.trust.pki;

/** RFC 5280 §4.2.1.12 extended key usage purposes (KeyPurposeId). */
public enum KeyPurpose {
    SERVER_AUTH("1.3.6.1.5.5.7.3.1"),
    CLIENT_AUTH("1.3.6.1.5.5.7.3.2"),
    CODE_SIGNING("1.3.6.1.5.5.7.3.3"),
    EMAIL_PROTECTION("1.3.6.1.5.5.7.3.4"),
    /** RFC 3161 §2.3: the TSA certificate carries only this purpose, in a critical extension. */
    TIME_STAMPING("1.3.6.1.5.5.7.3.8"),
    /** RFC 6960 §4.2.2.2: marks a responder the CA delegated OCSP signing to. */
    OCSP_SIGNING("1.3.6.1.5.5.7.3.9");

    private final String oid;

    KeyPurpose(String oid) {
        this.oid = oid;
    }

    /** Dotted OID, as returned by {@link java.security.cert.X509Certificate#getExtendedKeyUsage()}. */
    public String oid() {
        return oid;
    }
}
