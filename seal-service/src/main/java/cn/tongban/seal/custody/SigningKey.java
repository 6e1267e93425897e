package cn.tongban.seal.custody;

import java.security.cert.X509Certificate;
import java.util.List;

import cn.tongban.seal.codec.SignatureAlgorithm;

/**
 * A private key held in a {@link KeyCustody}: it signs, and gives out its certificate chain, but never the key
 * itself (key custody). Implementations are thread-safe.
 */
public interface SigningKey {

    /** The alias of the key in its store or token. */
    String alias();

    /** The key's certificate, the first element of {@link #chain()}. */
    default X509Certificate certificate() {
        return chain().get(0);
    }

    /** The certificate chain stored with the key, the key's own certificate first. */
    List<X509Certificate> chain();

    /** The signature algorithm that fits the key (docs/STANDARDS.md §1.3: SM2 with SM3; RSA/ECDSA with SHA-256). */
    default SignatureAlgorithm algorithm() {
        return SignatureAlgorithms.forCertificate(certificate());
    }

    /**
     * Signs {@code data} (hashing included) with {@code algorithm}; ECDSA and SM2 values are DER
     * SEQUENCE {r, s} (docs/STANDARDS.md §1.3).
     *
     * @throws KeyCustodyException when the key cannot sign with that algorithm or the token refuses
     */
    byte[] sign(SignatureAlgorithm algorithm, byte[] data);

    /** Signs with {@link #algorithm()}. */
    default byte[] sign(byte[] data) {
        return sign(algorithm(), data);
    }
}
