package cn.tongban.trust.pki;

import java.security.Provider;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one place that registers the Bouncy Castle provider. */
public final class Providers {

    private Providers() {}

    /**
     * Returns the registered Bouncy Castle provider, adding it (at the lowest priority, so the JDK's own
     * providers stay the defaults) on first use. Idempotent and thread-safe.
     */
    public static synchronized Provider bc() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        BouncyCastleProvider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }
}
