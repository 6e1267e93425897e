package cn.tongban.server.cli;

import java.nio.file.Path;

/**
 * Where the files of the local platform PKI live. One directory, default {@code ./pki}:
 * <pre>
 *   ca.crt               platform CA certificate (PEM): give it to clients as their trust anchor
 *   ca.p12               platform CA key and certificate (keep offline in production)
 *   server.p12, .crt     the server's TLS key and certificate chain
 *   truststore.p12       the CA the server accepts client certificates from
 *   store-password       password of the PKCS#12 files (owner-readable only)
 *   clients/ID.crt, .key, .p12   each system's client certificate and key
 * </pre>
 */
public record PkiLayout(Path dir) {

    public static final String SERVER_ALIAS = "server";
    public static final String CA_ALIAS = "platform-ca";

    /** The {@code tongban.pki.dir} given as a {@code --tongban.pki.dir=DIR} argument, or {@code ./pki}. */
    public static PkiLayout fromArgs(String[] args) {
        for (String a : args) {
            if (a.startsWith("--tongban.pki.dir=")) {
                return new PkiLayout(Path.of(a.substring("--tongban.pki.dir=".length())));
            }
        }
        String env = System.getenv("TONGBAN_PKI_DIR");
        return new PkiLayout(Path.of(env == null || env.isBlank() ? "pki" : env));
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    public Path caKeyStore() {
        return dir.resolve("ca.p12");
    }

    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    public Path storePasswordFile() {
        return dir.resolve("store-password");
    }

    public Path clientsDir() {
        return dir.resolve("clients");
    }

    public Path clientCertificate(String systemId) {
        return clientsDir().resolve(systemId + ".crt");
    }

    public Path clientKey(String systemId) {
        return clientsDir().resolve(systemId + ".key");
    }

    public Path clientKeyStore(String systemId) {
        return clientsDir().resolve(systemId + ".p12");
    }
}
