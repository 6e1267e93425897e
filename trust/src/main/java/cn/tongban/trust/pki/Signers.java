package cn.tongban.trust.pki;

import java.security.PrivateKey;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Content signers for certificates, CRLs, OCSP responses and time-stamps; algorithm follows the key. */
public final class Signers {

    private Signers() {}

    /** JCA signature algorithm name for a signing key: SHA256withRSA for RSA keys of any size. */
    public static String signatureAlgorithm(PrivateKey key) {
        return key instanceof java.security.interfaces.RSAKey
                ? KeyAlgorithm.RSA_2048.signatureAlgorithm()
                : KeyAlgorithm.of(key).signatureAlgorithm();
    }

    /** A Bouncy Castle content signer using {@link KeyAlgorithm#signatureAlgorithm()} of the key's kind. */
    public static ContentSigner contentSigner(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(signatureAlgorithm(key))
                .setProvider(Providers.bc())
                .build(key);
    }
}
