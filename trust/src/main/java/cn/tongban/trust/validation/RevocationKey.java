package cn.tongban.trust.validation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Cache key for a certificate's revocation status: SHA-256 of the issuer's public key (the subjectPublicKey BIT
 * STRING contents, as RFC 6960 §4.1.1 issuerKeyHash, with a collision-resistant hash) and the serial number,
 * both as lower-case hex. Unlike joined {@code hashCode()}s, distinct certificates cannot share a key.
 */
public record RevocationKey(String issuerKeyHash, String serial) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public RevocationKey {
        if (!HEX.matcher(issuerKeyHash).matches() || issuerKeyHash.length() != 64) {
            throw new IllegalArgumentException("issuerKeyHash must be 64 lower-case hex digits");
        }
        if (!HEX.matcher(serial).matches()) {
            throw new IllegalArgumentException("serial must be lower-case hex");
        }
    }

    public static RevocationKey of(X509Certificate certificate, X509Certificate issuer) {
        byte[] key = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                        issuer.getPublicKey().getEncoded())
                .getPublicKeyData()
                .getBytes();
        try {
            String hash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key));
            return new RevocationKey(hash, hex(certificate.getSerialNumber()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String hex(BigInteger serial) {
        return serial.toString(16);
    }

    /** A single string form for external caches (e.g. a Hazelcast map key); unambiguous as hex has no '/'. */
    public String asString() {
        return issuerKeyHash + "/" + serial;
    }
}
