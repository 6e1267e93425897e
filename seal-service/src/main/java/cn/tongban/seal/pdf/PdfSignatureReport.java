package cn.tongban.seal.pdf;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Validation report for one seal stamp (signature field) of a PDF.
 *
 * @param fieldName          the signature field's fully qualified name
 * @param byteRange          the /ByteRange as written
 * @param coversWholeFile    whether the ByteRange reaches the end of the file (false for earlier revisions)
 * @param indication         overall status of this stamp
 * @param subIndication      why it did not pass; empty when TOTAL_PASSED
 * @param checks             every check performed, in order, with outcome and clause
 * @param signingTime        the claimed signing time (/M) judged at
 * @param sealName           SES_ESPropertyInfo.name of the seal carried
 * @param esId               SES_SealInfo.esID
 * @param signerSubject      subject DN of the signer's certificate
 */
public record PdfSignatureReport(
        String fieldName,
        List<Long> byteRange,
        boolean coversWholeFile,
        Indication indication,
        Optional<SubIndication> subIndication,
        List<Check> checks,
        Optional<Instant> signingTime,
        Optional<String> sealName,
        Optional<String> esId,
        Optional<String> signerSubject) {
    public PdfSignatureReport {
        byteRange = List.copyOf(byteRange);
        checks = List.copyOf(checks);
    }
}
