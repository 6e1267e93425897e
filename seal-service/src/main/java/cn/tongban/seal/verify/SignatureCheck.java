package cn.tongban.seal.verify;

/**
 * Outcome of one cryptographic check. A bad signature or a mismatch is a result, never an exception.
 *
 * @param valid  whether the check passed
 * @param code   why, as a stable code
 * @param detail human-readable facts behind the code
 */
public record SignatureCheck(boolean valid, Code code, String detail) {

    public enum Code {
        /** The signature verifies over the original signed bytes. */
        VALID,
        /** The signature does not verify: the signed bytes or the value were altered, or the key is wrong. */
        SIGNATURE_INVALID,
        /** The signature value is not a well-formed signature for the algorithm. */
        SIGNATURE_MALFORMED,
        /** The algorithm OID is not one this service verifies. */
        UNSUPPORTED_ALGORITHM,
        /** The certificate could not be parsed as X.509. */
        CERTIFICATE_UNPARSEABLE,
        /** The certificate's key does not fit the signature algorithm. */
        KEY_ALGORITHM_MISMATCH,
        /** The signer certificate is listed in, or its digest listed by, the seal. */
        SIGNER_IN_SEAL,
        /** The signer certificate is not among the seal's certificates or digests. */
        SIGNER_NOT_IN_SEAL,
        /** A certificate digest in the seal names an algorithm this service does not compute. */
        UNSUPPORTED_DIGEST
    }

    static SignatureCheck pass(Code code, String detail) {
        return new SignatureCheck(true, code, detail);
    }

    static SignatureCheck fail(Code code, String detail) {
        return new SignatureCheck(false, code, detail);
    }
}
