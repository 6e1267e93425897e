package cn.tongban.seal.custody;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import cn.tongban.seal.codec.SignatureAlgorithm;

/** A key object of a JCA provider (software or token handle), used only through {@link Signature}. */
final class ProviderKey implements SigningKey {

    private final String alias;
    private final PrivateKey key;
    private final Provider provider;
    private final List<X509Certificate> chain;

    ProviderKey(String alias, PrivateKey key, Provider provider, List<X509Certificate> chain) {
        this.alias = Objects.requireNonNull(alias);
        this.key = Objects.requireNonNull(key);
        this.provider = Objects.requireNonNull(provider);
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new KeyCustodyException("key " + alias + " has no certificate");
        }
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public byte[] sign(SignatureAlgorithm algorithm, byte[] data) {
        try {
            Signature s = Signature.getInstance(algorithm.jcaName(), provider);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(
                    "key " + alias + " in " + provider.getName() + " cannot sign with " + algorithm.jcaName() + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + alias + " in " + provider.getName() + ", "
                + certificate().getSubjectX500Principal().getName() + "]";
    }
}
