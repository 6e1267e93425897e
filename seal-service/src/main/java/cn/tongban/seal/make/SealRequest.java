package cn.tongban.seal.make;

import java.time.Instant;
import java.util.List;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.ExtData;

/**
 * What a v4 seal (GB/T 38540 SES_SealInfo; docs/STANDARDS.md §1.1) is made of. Checked by {@link SealMaker#make}, which
 * lists every violation; nothing is checked here, so a request can be built field by field.
 *
 * @param vid                SES_Header.Vid, vendor id (IA5)
 * @param esId               SES_SealInfo.esID (IA5)
 * @param type               SES_ESPropertyInfo.type
 * @param name               SES_ESPropertyInfo.name
 * @param certListType       whether the seal lists the signer certificates (1) or their SM3 digests (2)
 * @param signerCertificates DER of every certificate allowed to sign with this seal
 * @param createDate         SES_ESPropertyInfo.createDate
 * @param validStart         SES_ESPropertyInfo.validStart
 * @param validEnd           SES_ESPropertyInfo.validEnd
 * @param pictureType        SES_ESPictureInfo.type: GIF, BMP, JPG, PNG or SVG
 * @param pictureData        SES_ESPictureInfo.data, the image bytes
 * @param widthMm            SES_ESPictureInfo.width in millimetres
 * @param heightMm           SES_ESPictureInfo.height in millimetres
 * @param extDatas           SES_SealInfo.extDatas; empty for none
 */
public record SealRequest(
        String vid,
        String esId,
        int type,
        String name,
        CertListType certListType,
        List<Bytes> signerCertificates,
        Instant createDate,
        Instant validStart,
        Instant validEnd,
        String pictureType,
        Bytes pictureData,
        int widthMm,
        int heightMm,
        List<ExtData> extDatas) {

    /** SES_ESPropertyInfo.certListType. */
    public enum CertListType {
        /** certs: CertInfoList, each signer certificate's DER. */
        CERTIFICATES(1),
        /** certDigestList: CertDigestObj {"SM3", SM3(certificate DER)} per signer. */
        DIGESTS(2);

        private final int value;

        CertListType(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }
    }

    public SealRequest {
        signerCertificates = signerCertificates == null ? List.of() : List.copyOf(signerCertificates);
        extDatas = extDatas == null ? List.of() : List.copyOf(extDatas);
    }

    /**
     * The seal's validity period is in order: it starts strictly before it ends (GB/T 38540 seal property
     * validStart / validEnd). The one statement of this rule; request checks ahead of making a seal call it too.
     */
    public static boolean validityInOrder(Instant validStart, Instant validEnd) {
        return validStart.isBefore(validEnd);
    }
}
