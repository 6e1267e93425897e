package cn.tongban.seal.custody;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keys from a PKCS#12 file (RFC 7292), the default custody. The store is read with Bouncy Castle so SM2 keys
 * load; keys are recovered once, held in this object and used only through {@link SigningKey#sign}. The
 * password is used to open the store and cleared from the copy taken here; it appears in no message.
 */
public final class Pkcs12Custody implements KeyCustody {

    private final String source;
    private final Map<String, SigningKey> keys;

    private Pkcs12Custody(String source, Map<String, SigningKey> keys) {
        this.source = source;
        this.keys = Collections.unmodifiableMap(keys);
    }

    public static Pkcs12Custody open(Path file, char[] password) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeyCustodyException(
                    "cannot read PKCS#12 file " + file.getFileName() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
        return open(bytes, password, file.getFileName().toString());
    }

    /** @param source a name for messages, e.g. the file name (never the password) */
    public static Pkcs12Custody open(byte[] pkcs12, char[] password, String source) {
        char[] pw = password == null ? new char[0] : password.clone();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", KeyCustody.Holder.BC);
            try {
                store.load(new ByteArrayInputStream(pkcs12), pw);
            } catch (IOException e) {
                // PKCS#12 reports a wrong password as an IOException (MAC check failed); say both, name neither.
                throw new KeyCustodyException(
                        "cannot open PKCS#12 " + source + ": wrong password or not a PKCS#12 file");
            }
            Map<String, SigningKey> keys = new LinkedHashMap<>();
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key;
                try {
                    key = store.getKey(alias, pw);
                } catch (UnrecoverableKeyException e) {
                    throw new KeyCustodyException(
                            "cannot recover key " + alias + " from " + source + ": wrong password");
                }
                if (!(key instanceof PrivateKey privateKey)) {
                    continue;
                }
                keys.put(alias, new ProviderKey(alias, privateKey, KeyCustody.Holder.BC, chain(store, alias)));
            }
            if (keys.isEmpty()) {
                throw new KeyCustodyException("PKCS#12 " + source + " holds no private key with a certificate");
            }
            return new Pkcs12Custody(source, keys);
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException(
                    "cannot read PKCS#12 " + source + ": " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    static List<X509Certificate> chain(KeyStore store, String alias) throws GeneralSecurityException {
        Certificate[] chain = store.getCertificateChain(alias);
        List<X509Certificate> out = new ArrayList<>();
        if (chain != null) {
            for (Certificate c : chain) {
                out.add((X509Certificate) c);
            }
        } else if (store.getCertificate(alias) instanceof X509Certificate c) {
            out.add(c);
        }
        return out;
    }

    @Override
    public Set<String> aliases() {
        return keys.keySet();
    }

    @Override
    public SigningKey key(String alias) {
        SigningKey key = keys.get(alias);
        if (key == null) {
            throw new KeyCustodyException("PKCS#12 " + source + " has no private key under alias " + alias);
        }
        return key;
    }

    @Override
    public String toString() {
        return "Pkcs12Custody[" + source + ", " + keys.keySet() + "]";
    }
}
