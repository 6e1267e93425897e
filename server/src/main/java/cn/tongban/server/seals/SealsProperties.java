package cn.tongban.server.seals;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Seal keys, under {@code tongban.seals}: {@code maker} is the seal-making authority's key, {@code signers.<system>}
 * the stamping key of each departmental system. Each is a PKCS#12 file ({@code key-store}) or a PKCS#11 token
 * ({@code pkcs11-library}, e.g. an HSM's module, and {@code slot}, its index in the slot list; RSA/ECDSA keys), with
 * its password or PIN (from an environment variable or a secrets file in production; never logged) and, when the
 * store holds several keys, the alias.
 * Unset maker: {@code POST /api/v1/seals} answers 503 SEAL_MAKER_UNAVAILABLE (the demo profile makes its own keys).
 */
@ConfigurationProperties("tongban.seals")
public record SealsProperties(KeyStoreRef maker, Map<String, KeyStoreRef> signers) {

    public SealsProperties {
        signers = signers == null ? Map.of() : Map.copyOf(signers);
    }

    /** A key in a PKCS#12 file. */
    public record KeyStoreRef(Path keyStore, String password, String alias, Path pkcs11Library, Integer slot) {

        @Override
        public String toString() {
            return "KeyStoreRef[keyStore=" + keyStore + ", pkcs11Library=" + pkcs11Library + ", slot=" + slot
                    + ", alias=" + alias + ", password=****]";
        }
    }
}
