package cn.tongban.server.seals;

import java.util.Optional;

import cn.tongban.seal.custody.SigningKey;

/**
 * The keys the seal API signs with, all held in key custody (they sign; they are never handed out): the seal-making
 * authority's key, which signs SES_SealInfo (docs/STANDARDS.md §1.3), and each departmental system's stamping key.
 */
public interface SealKeys {

    /** The seal-making authority's key; empty when none is configured (making seals is then unavailable). */
    Optional<SigningKey> maker();

    /** The key {@code systemId} stamps with; empty when it has none. */
    Optional<SigningKey> signer(String systemId);
}
