package cn.tongban.seal.codec;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A decoded electronic signature, SES_Signature (GB/T 38540 v4/v5 or GM/T 0031-2014 v1; docs/STANDARDS.md §1.1-1.2).
 *
 * @param version            V1 for the two-element v1 structure, else V4/V5 from TBS_Sign.version
 * @param tbsVersion         TBS_Sign.version as written
 * @param seal               TBS_Sign.eseal, the embedded seal
 * @param signingTime        TBS_Sign.timeInfo as an instant
 * @param timeInfoText       TBS_Sign.timeInfo as written (v1: the text held in the BIT STRING)
 * @param dataHash           TBS_Sign.dataHash octets
 * @param propertyInfo       TBS_Sign.propertyInfo (in OFD: the path of the Signature.xml signed)
 * @param extDatas           v4 TBS_Sign.extDatas, empty when absent (always empty in v1)
 * @param signerCertificate  DER of the signer's certificate (v1: TBS_Sign.cert; v4: SES_Signature.cert)
 * @param signatureAlgorithm dotted OID of the signature algorithm
 * @param signature          signature value octets
 * @param timeStamp          v4/v5 optional timestamp BIT STRING octets
 * @param tbsSign            the original DER of TBS_Sign, the bytes that were signed
 * @param encoded            the original DER of the whole SES_Signature
 */
public record SesSignature(
        SealVersion version,
        int tbsVersion,
        SesSeal seal,
        Instant signingTime,
        String timeInfoText,
        Bytes dataHash,
        String propertyInfo,
        List<ExtData> extDatas,
        Bytes signerCertificate,
        String signatureAlgorithm,
        Bytes signature,
        Optional<Bytes> timeStamp,
        Bytes tbsSign,
        Bytes encoded) {

    public SesSignature {
        extDatas = List.copyOf(extDatas);
    }
}
