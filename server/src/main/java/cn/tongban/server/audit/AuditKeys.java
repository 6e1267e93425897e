package cn.tongban.server.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import cn.tongban.server.config.OwnerOnlyFiles;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.Pem;
import cn.tongban.trust.pki.Providers;

/**
 * The access log's secrets in the PKI directory ({@code tongban.pki.dir}), created on first start:
 * <pre>
 *   audit-log-key.pem       the platform key that signs tree heads (PKCS#8, owner-only), P-256 or SM2
 *   audit-log-key.pub.pem   its public key (SubjectPublicKeyInfo): give it to auditors for {@code audit verify}
 *   audit-subject.key       the subject-key HMAC secret, base64 of 32 random bytes (owner-only)
 * </pre>
 * Neither secret is ever logged.
 */
public final class AuditKeys {

    public static final String SIGNING_KEY = "audit-log-key.pem";
    public static final String PUBLIC_KEY = "audit-log-key.pub.pem";
    public static final String SUBJECT_KEY = "audit-subject.key";

    private AuditKeys() {}

    /** The signing key pair in {@code dir}, generated as {@code algorithm} if there is none yet. */
    public static KeyPair signingKey(Path dir, KeyAlgorithm algorithm) throws IOException {
        Path privateFile = dir.resolve(SIGNING_KEY);
        Path publicFile = dir.resolve(PUBLIC_KEY);
        if (!Files.exists(privateFile)) {
            Files.createDirectories(dir);
            KeyPair generated = algorithm.generate();
            writePrivate(privateFile, Pem.write(generated.getPrivate()));
            Files.writeString(publicFile, publicPem(generated.getPublic()), StandardCharsets.US_ASCII);
            return generated;
        }
        try {
            PrivateKey key = KeyFactory.getInstance("EC", Providers.bc())
                    .generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(privateFile), "PRIVATE KEY")));
            return new KeyPair(readPublicKey(publicFile), key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(privateFile + " is not a PKCS#8 EC (P-256 or SM2) private key", e);
        }
    }

    /** A public key from a PEM "PUBLIC KEY" block or the first certificate of a PEM or DER certificate file. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        try {
            if (text.contains("-----BEGIN PUBLIC KEY-----")) {
                return KeyFactory.getInstance("EC", Providers.bc())
                        .generatePublic(new X509EncodedKeySpec(pemBody(text, "PUBLIC KEY")));
            }
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509", Providers.bc())
                    .generateCertificate(new java.io.ByteArrayInputStream(bytes));
            return cert.getPublicKey();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " holds no EC public key (PEM PUBLIC KEY or certificate)", e);
        }
    }

    public static String publicPem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The subject-key secret: the configured base64 value, else the file in {@code dir} (created if absent). */
    public static byte[] subjectSecret(String configured, Path dir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return decodeSecret(configured, "tongban.audit.subject-key");
        }
        Path file = dir.resolve(SUBJECT_KEY);
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            writePrivate(file, Base64.getEncoder().encodeToString(secret) + "\n");
            return secret;
        }
        return decodeSecret(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
    }

    private static byte[] decodeSecret(String base64, String where) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64"); // never echo the value
        }
        if (secret.length < 32) {
            throw new IllegalStateException(where + " must hold at least 32 bytes");
        }
        return secret;
    }

    private static byte[] pemBody(String pem, String label) {
        int begin = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(begin + label.length() + 16, end));
    }

    /** Owner-only (0600) from the file's creation, never chmod'ed afterwards ({@link OwnerOnlyFiles}). */
    private static void writePrivate(Path file, String content) throws IOException {
        OwnerOnlyFiles.writeAscii(file, content);
    }
}
