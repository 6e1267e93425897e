package cn.tongban.seal.custody;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Where signing keys live: PKCS#12 files by default ({@link Pkcs12Custody}), PKCS#11 tokens through SunPKCS11
 * ({@link Pkcs11Custody}) for RSA/ECDSA. Keys never leave: callers get {@link SigningKey}s that sign and show
 * their certificates. Passwords and PINs are used once to open the store, copied nowhere and never logged.
 */
public interface KeyCustody extends AutoCloseable {

    /** Aliases of the private keys held. */
    Set<String> aliases();

    /** The key under {@code alias}. @throws KeyCustodyException when there is none */
    SigningKey key(String alias);

    /** The single key of a store that holds exactly one. @throws KeyCustodyException otherwise */
    default SigningKey onlyKey() {
        Set<String> aliases = aliases();
        if (aliases.size() != 1) {
            throw new KeyCustodyException(
                    "expected exactly one private key, found " + aliases.size() + " (" + aliases + "); name the alias");
        }
        return key(aliases.iterator().next());
    }

    @Override
    default void close() {}

    /**
     * Wraps a software key already in memory (tests, key ceremonies) so it is used like any custody key; signs
     * with Bouncy Castle, which handles SM2.
     */
    static SigningKey software(String alias, PrivateKey key, List<X509Certificate> chain) {
        return new ProviderKey(alias, key, Holder.BC, chain);
    }

    /** Lazily created Bouncy Castle provider instance (not registered globally). */
    final class Holder {
        static final BouncyCastleProvider BC = new BouncyCastleProvider();

        private Holder() {}
    }
}
