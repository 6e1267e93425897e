package cn.tongban.seal.issue;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A seal to make, as the seal administrator orders it (the server's API and the CLI's {@code seal make} both build
 * one); {@link SealIssuance} turns it into a {@link cn.tongban.seal.make.SealRequest} and checks it.
 *
 * @param vendorId           SES_Header.Vid
 * @param esId               SES_SealInfo.esID; null for a new random one ({@link SealIssuance#newEsId()})
 * @param type               SES_ESPropertyInfo.type (1: unit seal)
 * @param name               SES_ESPropertyInfo.name
 * @param certificateDigests list the signers' SM3 digests instead of their certificates
 * @param signers            every certificate allowed to sign with the seal
 * @param validFrom          SES_ESPropertyInfo.validStart
 * @param validTo            SES_ESPropertyInfo.validEnd
 * @param picture            the image (PNG, JPG, GIF, BMP or SVG; the type is read from the bytes)
 * @param widthMm            the picture's width in mm
 * @param heightMm           the picture's height in mm
 */
public record SealOrder(
        String vendorId,
        String esId,
        int type,
        String name,
        boolean certificateDigests,
        List<X509Certificate> signers,
        Instant validFrom,
        Instant validTo,
        byte[] picture,
        int widthMm,
        int heightMm) {

    public SealOrder {
        signers = signers == null ? List.of() : List.copyOf(signers);
    }
}
