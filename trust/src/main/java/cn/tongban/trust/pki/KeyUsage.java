package cn.tongban.trust.pki;

/** RFC 5280 §4.2.1.3 key usage bits, with Bouncy Castle's bit masks. */
public enum KeyUsage {
    DIGITAL_SIGNATURE(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature),
    /** Called contentCommitment in X.509 (2008); the RFC 5280 name is kept. */
    NON_REPUDIATION(org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation),
    KEY_ENCIPHERMENT(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT(org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment),
    KEY_AGREEMENT(org.bouncycastle.asn1.x509.KeyUsage.keyAgreement),
    KEY_CERT_SIGN(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign),
    CRL_SIGN(org.bouncycastle.asn1.x509.KeyUsage.cRLSign);

    final int mask;

    KeyUsage(int mask) {
        this.mask = mask;
    }

    /** Index in {@link java.security.cert.X509Certificate#getKeyUsage()}. */
    public int index() {
        return ordinal();
    }
}
