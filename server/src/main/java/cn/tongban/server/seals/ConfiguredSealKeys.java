package cn.tongban.server.seals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import cn.tongban.seal.custody.KeyCustody;
import cn.tongban.seal.custody.Pkcs11Custody;
import cn.tongban.seal.custody.Pkcs12Custody;
import cn.tongban.seal.custody.SigningKey;

/**
 * Seal keys from the PKCS#12 files or PKCS#11 tokens of {@link SealsProperties}, opened once at start-up: a configured key that
 * cannot be opened (missing file, wrong password, ambiguous alias) stops the start with a message naming the
 * setting, never the password.
 */
public final class ConfiguredSealKeys implements SealKeys {

    private final SigningKey maker;
    private final Map<String, SigningKey> signers = new LinkedHashMap<>();

    public ConfiguredSealKeys(SealsProperties props) {
        this.maker = props.maker() == null
                        || props.maker().keyStore() == null && props.maker().pkcs11Library() == null
                ? null
                : open("tongban.seals.maker", props.maker());
        props.signers().forEach((system, ref) -> signers.put(system, open("tongban.seals.signers." + system, ref)));
    }

    private static SigningKey open(String setting, SealsProperties.KeyStoreRef ref) {
        if (ref.keyStore() == null && ref.pkcs11Library() == null) {
            throw new IllegalStateException(setting + ": set key-store (PKCS#12) or pkcs11-library");
        }
        char[] secret = ref.password() == null ? new char[0] : ref.password().toCharArray();
        try {
            KeyCustody custody = ref.pkcs11Library() != null
                    ? Pkcs11Custody.open(
                            new Pkcs11Custody.Config(
                                    providerName(setting), ref.pkcs11Library(), ref.slot() == null ? 0 : ref.slot()),
                            secret)
                    : Pkcs12Custody.open(ref.keyStore(), secret);
            return ref.alias() == null ? custody.onlyKey() : custody.key(ref.alias());
        } catch (RuntimeException e) {
            throw new IllegalStateException(setting + ": " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /** A SunPKCS11 provider name from the setting, e.g. "tongban-seals-signers-smr-licensing". */
    static String providerName(String setting) {
        String name = ("tongban-" + setting.replace("tongban.", "")).replaceAll("[^A-Za-z0-9]+", "-");
        return name.length() > 40 ? name.substring(0, 40) : name;
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
