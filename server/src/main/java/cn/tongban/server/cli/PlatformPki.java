package cn.tongban.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import cn.tongban.server.config.OwnerOnlyFiles;
import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyPurpose;
import cn.tongban.trust.pki.KeyStores;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.pki.Pem;

/**
 * Creates the local platform PKI that mutual TLS needs: a CA, the server's TLS certificate and one client
 * certificate per system. For a first run and for small installations; a province would use its own CA and
 * only point {@code tongban.pki.dir} at the resulting key and trust stores. Key stores, private keys and the store
 * password are written owner-only (0600); certificates are public.
 */
public final class PlatformPki {

    public static final Pattern SYSTEM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration LEAF_LIFETIME = Duration.ofDays(397);
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final PkiLayout layout;
    private final Clock clock;
    private final KeyAlgorithm algorithm;

    public PlatformPki(PkiLayout layout, Clock clock, KeyAlgorithm algorithm) {
        if (algorithm == KeyAlgorithm.SM2) {
            // Standard TLS stacks (JDK, curl/OpenSSL defaults) do not negotiate SM2 certificates.
            throw new IllegalArgumentException("TLS certificates must be RSA or ECDSA, not SM2");
        }
        this.layout = layout;
        this.clock = clock;
        this.algorithm = algorithm;
    }

    public boolean exists() {
        return Files.exists(layout.caKeyStore()) || Files.exists(layout.serverKeyStore());
    }

    /** Creates CA, server certificate (for {@code hosts}, DNS names or IP addresses) and client certificates. */
    public void init(List<String> hosts, List<String> systemIds) throws IOException {
        Files.createDirectories(layout.clientsDir());
        char[] password = newPassword();
        writePrivate(layout.storePasswordFile(), new String(password) + "\n");

        KeyPair caKeys = algorithm.generate();
        X509Certificate ca = CertificateBuilder.create()
                .subject("CN=Tongban Platform CA,O=Tongban")
                .publicKey(caKeys.getPublic())
                .selfSigned(caKeys.getPrivate())
                .validity(clock, BACKDATE, CA_LIFETIME)
                .ca(0)
                .build();
        OwnerOnlyFiles.write(
                layout.caKeyStore(), KeyStores.pkcs12(PkiLayout.CA_ALIAS, caKeys.getPrivate(), List.of(ca), password));
        Files.writeString(layout.caCertificate(), Pem.write(ca), StandardCharsets.US_ASCII);
        OwnerOnlyFiles.write(layout.trustStore(), KeyStores.trustStore(Map.of(PkiLayout.CA_ALIAS, ca), password));

        KeyPair serverKeys = algorithm.generate();
        CertificateBuilder server = CertificateBuilder.create()
                .subject("CN=" + hosts.get(0) + ",O=Tongban")
                .publicKey(serverKeys.getPublic())
                .issuer(ca, caKeys.getPrivate())
                .validity(clock, BACKDATE, LEAF_LIFETIME)
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT)
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH);
        // The builder is immutable: each call returns a new one.
        X509Certificate serverCert = server.dnsNames(
                        hosts.stream().filter(h -> !isIpAddress(h)).toArray(String[]::new))
                .ipAddresses(hosts.stream().filter(PlatformPki::isIpAddress).toArray(String[]::new))
                .build();
        OwnerOnlyFiles.write(
                layout.serverKeyStore(),
                KeyStores.pkcs12(PkiLayout.SERVER_ALIAS, serverKeys.getPrivate(), List.of(serverCert, ca), password));
        Files.writeString(layout.serverCertificate(), Pem.write(serverCert, ca), StandardCharsets.US_ASCII);

        for (String id : systemIds) {
            issueClient(id, ca, caKeys.getPrivate(), password);
        }
    }

    /** Issues (or re-issues) a client certificate for one more system with the existing CA. */
    public X509Certificate issueClient(String systemId) throws IOException {
        char[] password = Files.readString(layout.storePasswordFile(), StandardCharsets.UTF_8)
                .strip()
                .toCharArray();
        KeyStore caStore = KeyStores.read(layout.caKeyStore(), password);
        try {
            X509Certificate ca = (X509Certificate) caStore.getCertificate(PkiLayout.CA_ALIAS);
            Files.createDirectories(layout.clientsDir());
            return issueClient(systemId, ca, KeyStores.privateKey(caStore, PkiLayout.CA_ALIAS, password), password);
        } catch (KeyStoreException e) {
            throw new IOException("cannot read the CA from " + layout.caKeyStore(), e);
        }
    }

    private X509Certificate issueClient(String systemId, X509Certificate ca, PrivateKey caKey, char[] password)
            throws IOException {
        if (!SYSTEM_ID.matcher(systemId).matches()) {
            throw new IllegalArgumentException("system id '" + systemId + "' must match " + SYSTEM_ID.pattern());
        }
        KeyPair keys = algorithm.generate();
        X509Certificate cert = CertificateBuilder.create()
                .subject("CN=" + systemId + ",OU=Systems,O=Tongban")
                .publicKey(keys.getPublic())
                .issuer(ca, caKey)
                .validity(clock, BACKDATE, LEAF_LIFETIME)
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE)
                .extendedKeyUsage(KeyPurpose.CLIENT_AUTH)
                .build();
        Files.writeString(layout.clientCertificate(systemId), Pem.write(cert, ca), StandardCharsets.US_ASCII);
        writePrivate(layout.clientKey(systemId), Pem.write(keys.getPrivate()));
        OwnerOnlyFiles.write(
                layout.clientKeyStore(systemId),
                KeyStores.pkcs12(systemId, keys.getPrivate(), List.of(cert, ca), password));
        return cert;
    }

    static boolean isIpAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static char[] newPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        char[] p = new char[24];
        for (int i = 0; i < p.length; i++) {
            p[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return p;
    }

    /** Private keys, key stores and the store password: mode 0600 from their creation ({@link OwnerOnlyFiles}). */
    private static void writePrivate(Path file, String content) throws IOException {
        OwnerOnlyFiles.writeAscii(file, content);
    }
}
