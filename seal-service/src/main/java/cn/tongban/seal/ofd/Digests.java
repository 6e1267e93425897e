package cn.tongban.seal.ofd;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Digest algorithms accepted for OFD CheckValue and dataHash: SM3 (docs/STANDARDS.md §1.4) and SHA-256. */
final class Digests {

    static final String SM3 = "SM3";
    static final String SHA256 = "SHA-256";

    private static final Provider BC = new BouncyCastleProvider();

    /**
     * References/@CheckMethod spellings, by OID or name. 1.2.156.10197.1.401 is SM3 (docs/STANDARDS.md §1.4); the
     * suffixed .1/.2 forms are written by real producers (n.ofd has .401.2) and are read as SM3 [open].
     */
    private static final Map<String, String> NAMES = Map.of(
            "SM3",
            SM3,
            "1.2.156.10197.1.401",
            SM3,
            "1.2.156.10197.1.401.1",
            SM3,
            "1.2.156.10197.1.401.2",
            SM3,
            "SHA256",
            SHA256,
            "SHA-256",
            SHA256,
            "2.16.840.1.101.3.4.2.1",
            SHA256);

    private Digests() {}

    /** The digest named by a CheckMethod value, empty when not accepted (MD5, SHA-1, unknown). */
    static Optional<String> byName(String method) {
        return Optional.ofNullable(NAMES.get(method.trim().toUpperCase(Locale.ROOT)));
    }

    /**
     * SM3 (GB/T 32905) and SHA-256 through Bouncy Castle's lightweight digests: same results as the JCA names,
     * without a provider lookup per file (an OFD has one CheckValue per file).
     */
    static byte[] digest(String algorithm, byte[] data) {
        org.bouncycastle.crypto.Digest d =
                switch (algorithm) {
                    case SM3 -> new org.bouncycastle.crypto.digests.SM3Digest();
                    case SHA256 -> new org.bouncycastle.crypto.digests.SHA256Digest();
                    default -> null;
                };
        if (d == null) {
            try {
                return MessageDigest.getInstance(algorithm, BC).digest(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Bouncy Castle lacks " + algorithm, e);
            }
        }
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    static Provider provider() {
        return BC;
    }
}
