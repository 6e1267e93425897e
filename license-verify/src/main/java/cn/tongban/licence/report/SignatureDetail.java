package cn.tongban.licence.report;

import java.time.Instant;
import java.util.List;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * What was found about one signature, document time-stamp or seal stamp of a document.
 *
 * @param id             PDF signature field name, or OFD Signatures.xml Signature/@ID
 * @param kind           {@code SIGNATURE}, {@code DOCUMENT_TIMESTAMP} or {@code SEAL}
 * @param indication     status of this signature alone
 * @param subIndication  why it did not pass; null when it passed
 * @param signer         subject DN of the signer's certificate, null when unknown
 * @param signatureAlgorithm e.g. {@code SHA256withECDSA}, {@code SM3withSM2}
 * @param signingTime    the time judged at
 * @param timeSource     where that time comes from: {@code TIMESTAMP} (proven by a trusted RFC 3161 token),
 *                       {@code CLAIMED} (signed attribute / /M / TBS_Sign time, not proven) or {@code VALIDATION_TIME}
 * @param coverage       PDF: {@code WHOLE_DOCUMENT} or {@code REVISION n of m}; OFD: the referenced files' count
 * @param seal           the GB/T 38540 seal carried, null when none
 * @param checks         every rule applied to this signature, in order
 */
public record SignatureDetail(
        String id,
        String kind,
        Indication indication,
        SubIndication subIndication,
        String signer,
        String signatureAlgorithm,
        Instant signingTime,
        String timeSource,
        String coverage,
        Seal seal,
        List<Check> checks) {

    public SignatureDetail {
        checks = List.copyOf(checks);
    }

    /** The seal carried by a signature (GB/T 38540 SES_SealInfo). */
    public record Seal(String esId, String name, String type, Instant validFrom, Instant validTo, String maker) {}
}
