package cn.tongban.server.seals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import cn.tongban.seal.custody.KeyCustody;
import cn.tongban.seal.custody.Pkcs12Custody;
import cn.tongban.seal.custody.SigningKey;

/**
 * Seal keys from the PKCS#12 files of {@link SealsProperties}, opened once at start-up: a configured key that
 * cannot be opened (missing file, wrong password, ambiguous alias) stops the start with a message naming the
 * setting, never the password.
 */
public final class ConfiguredSealKeys implements SealKeys {

    private final SigningKey maker;
    private final Map<String, SigningKey> signers = new LinkedHashMap<>();

    public ConfiguredSealKeys(SealsProperties props) {
        this.maker = props.maker() == null || props.maker().keyStore() == null ? null
                : open("tongban.seals.maker", props.maker());
        props.signers().forEach((system, ref) -> signers.put(system, open("tongban.seals.signers." + system, ref)));
    }

    private static SigningKey open(String setting, SealsProperties.KeyStoreRef ref) {
        if (ref.keyStore() == null) {
            throw new IllegalStateException(setting + ".key-store is not set");
        }
        try {
            KeyCustody custody = Pkcs12Custody.open(ref.keyStore(),
                    ref.password() == null ? new char[0] : ref.password().toCharArray());
            return ref.alias() == null ? custody.onlyKey() : custody.key(ref.alias());
        } catch (RuntimeException e) {
            throw new IllegalStateException(setting + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SigningKey> maker() {
        return Optional.ofNullable(maker);
    }

    @Override
    public Optional<SigningKey> signer(String systemId) {
        return Optional.ofNullable(signers.get(systemId));
    }
}
