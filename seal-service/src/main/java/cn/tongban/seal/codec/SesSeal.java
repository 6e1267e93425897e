package cn.tongban.seal.codec;

import java.util.List;
import java.util.Optional;

/**
 * A decoded electronic seal, SESeal (GB/T 38540 v4, GM/T 0031-2014 v1, GM/T 0031-2025 v5; docs/STANDARDS.md §1.1-1.2).
 *
 * @param version            format generation, detected by structure
 * @param header             SES_Header
 * @param esId               seal identifier
 * @param property           SES_ESPropertyInfo
 * @param picture            SES_ESPictureInfo
 * @param extDatas           SES_SealInfo.extDatas, empty when absent
 * @param makerCertificate   DER of the seal maker's certificate
 * @param signatureAlgorithm dotted OID of the seal maker's signature algorithm
 * @param signedValue        the signature value (BIT STRING octets; DER SEQUENCE{r, s} for SM2)
 * @param timeStamp          v5 only: the timestamp BIT STRING octets
 * @param toBeSigned         the original bytes the seal maker signed (docs/STANDARDS.md §1.3): v4/v5 the DER of
 *                           SES_SealInfo; v1 SEQUENCE{SES_SealInfo, cert, signatureAlgorithm} made from the
 *                           original encodings of those three elements
 * @param encoded            the original DER of the whole SESeal
 */
public record SesSeal(
        SealVersion version,
        SealHeader header,
        String esId,
        SealProperty property,
        SealPicture picture,
        List<ExtData> extDatas,
        Bytes makerCertificate,
        String signatureAlgorithm,
        Bytes signedValue,
        Optional<Bytes> timeStamp,
        Bytes toBeSigned,
        Bytes encoded) {

    public SesSeal {
        extDatas = List.copyOf(extDatas);
    }
}
