package cn.tongban.audit.merkle;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * A tree head signed by the platform key over {@link TreeHead#toBeSigned()} (RFC 9162 §4.10 signed tree head).
 * {@code algorithm} records what the signer used; verification derives the algorithm from the trusted key
 * and rejects a head whose recorded algorithm differs.
 */
public record SignedTreeHead(TreeHead head, String algorithm, byte[] signature) {

    public SignedTreeHead {
        if (head == null || algorithm == null || signature == null || signature.length == 0) {
            throw new IllegalArgumentException("a signed tree head needs a head, an algorithm and a signature");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** True only if {@code platformKey} signed exactly this head; a malformed signature is simply false. */
    public boolean verify(PublicKey platformKey) {
        String expected = HeadSignatures.algorithmFor(platformKey);
        if (!expected.equals(algorithm)) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(expected);
            verifier.initVerify(platformKey);
            verifier.update(head.toBeSigned());
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // not a well-formed signature value: not signed by the key
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify " + expected + " signatures on this platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTreeHead other
                && head.equals(other.head)
                && algorithm.equals(other.algorithm)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return head.hashCode() * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedTreeHead[" + head + ", " + algorithm + ", "
                + Base64.getEncoder().encodeToString(signature) + "]";
    }
}
