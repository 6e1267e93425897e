package cn.tongban.audit.merkle;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * Signs tree heads with the injected platform key: SHA256withECDSA for a P-256 key, SM3withSM2 for an SM2 key
 * (the SM2 provider, e.g. Bouncy Castle, is registered by the application, not by this module).
 */
public final class TreeHeadSigner {

    private final PrivateKey key;
    private final String algorithm;

    public TreeHeadSigner(PrivateKey key) {
        this.key = key;
        this.algorithm = HeadSignatures.algorithmFor(key);
    }

    public String algorithm() {
        return algorithm;
    }

    public SignedTreeHead sign(TreeHead head) {
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(head.toBeSigned());
            return new SignedTreeHead(head, algorithm, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign tree head with " + algorithm, e);
        }
    }
}
