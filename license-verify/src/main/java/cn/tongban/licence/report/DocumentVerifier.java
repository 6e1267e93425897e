package cn.tongban.licence.report;

/**
 * Verifies one document held in memory. Implementations never throw for bad input: every problem is a check in
 * the report (FORMAT_FAILURE for what does not parse). Thread-safe.
 */
public interface DocumentVerifier {

    VerificationReport verify(byte[] document, VerificationOptions options);
}
