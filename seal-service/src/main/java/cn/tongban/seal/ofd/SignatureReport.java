package cn.tongban.seal.ofd;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Validation report for one signature of an OFD document.
 *
 * @param signatureId      Signatures.xml Signature/@ID
 * @param signatureXmlPath package path of the Signature.xml
 * @param indication       overall status of this signature
 * @param subIndication    why it did not pass; empty when TOTAL_PASSED
 * @param checks           every check performed, in order, with outcome and clause
 * @param signingTime      the time judged at: the timestamp's genTime when one verifies, else TBS_Sign.timeInfo
 * @param sealName         SES_ESPropertyInfo.name of the seal used
 * @param esId             SES_SealInfo.esID
 * @param signerSubject    subject DN of the signer's certificate
 */
public record SignatureReport(
        String signatureId,
        String signatureXmlPath,
        Indication indication,
        Optional<SubIndication> subIndication,
        List<Check> checks,
        Optional<Instant> signingTime,
        Optional<String> sealName,
        Optional<String> esId,
        Optional<String> signerSubject) {

    public SignatureReport {
        checks = List.copyOf(checks);
    }
}
