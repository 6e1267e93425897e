package cn.tongban.trust.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * PKCS#12 key and trust stores. RSA and EC stores are written by the JDK's own "PKCS12" implementation so
 * Tomcat and {@code javax.net.ssl} load them without Bouncy Castle; stores holding SM2 material are written
 * by Bouncy Castle (AES-256 key and certificate encryption), because the JDK cannot parse SM2 keys.
 */
public final class KeyStores {

    /** Bouncy Castle's PKCS#12 with PBES2/AES-256 for keys and AES-128 for certificates. */
    private static final String BC_PKCS12 = "PKCS12-AES256-AES128";

    private KeyStores() {}

    /** A PKCS#12 with one private-key entry; {@code chain} starts with the key's certificate. */
    public static byte[] pkcs12(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must contain at least the key's certificate");
        }
        boolean sm2 = KeyAlgorithm.isSm2(key) || chain.stream().anyMatch(c -> KeyAlgorithm.isSm2(c.getPublicKey()));
        try {
            KeyStore store = newStore(sm2);
            store.setKeyEntry(alias, key, password, chain.toArray(Certificate[]::new));
            return toBytes(store, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write PKCS#12 for " + alias, e);
        }
    }

    /** A trust store: one trusted-certificate entry per alias. */
    public static byte[] trustStore(Map<String, X509Certificate> certificates, char[] password) {
        boolean sm2 = certificates.values().stream().anyMatch(c -> KeyAlgorithm.isSm2(c.getPublicKey()));
        try {
            KeyStore store = newStore(sm2);
            for (Map.Entry<String, X509Certificate> entry : certificates.entrySet()) {
                store.setCertificateEntry(entry.getKey(), entry.getValue());
            }
            return toBytes(store, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write PKCS#12 trust store", e);
        }
    }

    /** Writes bytes from {@link #pkcs12} or {@link #trustStore} to a file, replacing it. */
    public static Path write(Path file, byte[] pkcs12) {
        try {
            return Files.write(file, pkcs12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a PKCS#12 with the JDK's provider, falling back to Bouncy Castle when the JDK cannot parse the
     * contents (SM2; the JDK reports those as a wrong password, so every JDK failure is retried).
     */
    public static KeyStore read(byte[] pkcs12, char[] password) {
        try {
            return load(KeyStore.getInstance("PKCS12"), pkcs12, password);
        } catch (IOException | GeneralSecurityException jdkFailure) {
            try {
                return load(KeyStore.getInstance("PKCS12", Providers.bc()), pkcs12, password);
            } catch (IOException | GeneralSecurityException bcFailure) {
                bcFailure.addSuppressed(jdkFailure);
                throw new IllegalArgumentException("cannot read PKCS#12: " + bcFailure.getMessage(), bcFailure);
            }
        }
    }

    public static KeyStore read(Path file, char[] password) {
        try {
            return read(Files.readAllBytes(file), password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The private key under {@code alias}, or an exception naming the alias. */
    public static PrivateKey privateKey(KeyStore store, String alias, char[] password) {
        try {
            Key key = store.getKey(alias, password);
            if (key instanceof PrivateKey privateKey) {
                return privateKey;
            }
            throw new IllegalArgumentException("no private key under alias " + alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot recover key " + alias, e);
        }
    }

    private static KeyStore newStore(boolean bouncyCastle) throws GeneralSecurityException {
        KeyStore store =
                bouncyCastle ? KeyStore.getInstance(BC_PKCS12, Providers.bc()) : KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private static KeyStore load(KeyStore store, byte[] pkcs12, char[] password)
            throws IOException, GeneralSecurityException {
        store.load(new ByteArrayInputStream(pkcs12), password);
        return store;
    }

    private static byte[] toBytes(KeyStore store, char[] password) throws GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            store.store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
