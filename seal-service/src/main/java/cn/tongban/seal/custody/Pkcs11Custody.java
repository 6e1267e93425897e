package cn.tongban.seal.custody;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keys on a PKCS#11 token (HSM, smart card, SoftHSM2) through the JDK's SunPKCS11 provider, for RSA and ECDSA
 * keys (SunPKCS11 has no SM2). The private keys stay on the token: a {@link SigningKey} holds only the token's
 * object handle and asks the token to sign. The PIN logs in once and is cleared from the copy taken here.
 */
public final class Pkcs11Custody implements KeyCustody {

    /**
     * Which token to use.
     *
     * @param name          a provider name suffix (letters, digits, '-'), e.g. "tongban-seal"
     * @param library       the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so
     * @param slotListIndex index in the library's slot list of the token (0 for the first token)
     */
    public record Config(String name, Path library, int slotListIndex) {
        public Config {
            Objects.requireNonNull(name);
            Objects.requireNonNull(library);
            if (!name.matches("[A-Za-z0-9-]{1,40}")) {
                throw new IllegalArgumentException("provider name must be 1-40 letters, digits or '-'");
            }
            if (slotListIndex < 0) {
                throw new IllegalArgumentException("slotListIndex must be >= 0");
            }
        }

        /** The SunPKCS11 inline configuration (JDK PKCS#11 Reference Guide, "--" prefix). */
        String inline() {
            return "--name=" + name + "\nlibrary=" + library.toAbsolutePath() + "\nslotListIndex=" + slotListIndex
                    + "\n";
        }
    }

    private final Provider provider;
    private final Map<String, SigningKey> keys;

    private Pkcs11Custody(Provider provider, Map<String, SigningKey> keys) {
        this.provider = provider;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** A SunPKCS11 provider instance for the token (not registered globally). */
    public static Provider provider(Config config) {
        if (!Files.isRegularFile(config.library())) {
            throw new KeyCustodyException("PKCS#11 library " + config.library() + " does not exist");
        }
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new KeyCustodyException("this JDK has no SunPKCS11 provider");
        }
        try {
            return base.configure(config.inline());
        } catch (ProviderException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new KeyCustodyException(
                    "cannot configure PKCS#11 token " + config.name() + " (slot list index " + config.slotListIndex()
                            + "): " + e.getMessage(),
                    e);
        }
    }

    public static Pkcs11Custody open(Config config, char[] pin) {
        return open(provider(config), pin);
    }

    /** Logs in to the token of {@code provider} and indexes its private keys that have a certificate. */
    public static Pkcs11Custody open(Provider provider, char[] pin) {
        char[] p = pin == null ? new char[0] : pin.clone();
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            try {
                store.load(null, p);
            } catch (IOException e) {
                throw new KeyCustodyException(
                        "cannot log in to PKCS#11 token " + provider.getName() + ": wrong PIN or token not present");
            }
            Map<String, SigningKey> keys = new LinkedHashMap<>();
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, null);
                if (key instanceof PrivateKey privateKey && store.getCertificate(alias) != null) {
                    keys.put(alias, new ProviderKey(alias, privateKey, provider, Pkcs12Custody.chain(store, alias)));
                }
            }
            return new Pkcs11Custody(provider, keys);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new KeyCustodyException(
                    "cannot read PKCS#11 token " + provider.getName() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        } finally {
            Arrays.fill(p, '\0');
        }
    }

    @Override
    public Set<String> aliases() {
        return keys.keySet();
    }

    @Override
    public SigningKey key(String alias) {
        SigningKey key = keys.get(alias);
        if (key == null) {
            throw new KeyCustodyException("PKCS#11 token " + provider.getName() + " has no private key with a "
                    + "certificate under alias " + alias);
        }
        return key;
    }

    @Override
    public String toString() {
        return "Pkcs11Custody[" + provider.getName() + ", " + keys.keySet() + "]";
    }
}
