package cn.tongban.seal.issue;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.PictureType;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.make.SealMaker;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.trust.validation.TrustAnchors;

/**
 * Making a seal (GB/T 38540 v4 SESeal, docs/STANDARDS.md §1.1) with the seal-making authority's key: the one path
 * the server's {@code POST /api/v1/seals} and the CLI's {@code seal make} share. The order's picture type is read
 * from its bytes, the creation date is now (whole seconds), and {@link SealMaker} checks every field.
 */
public final class SealIssuance {

    /** A made seal: its DER and the picture type read from the order's bytes. */
    public record Made(byte[] der, String esId, PictureType pictureType) {}

    private final Clock clock;

    public SealIssuance(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** A new random esID: 32 lower-case hex digits. */
    public static String newEsId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Every certificate of a PEM or DER file (or PEM text); empty when it holds none or cannot be read. */
    public static List<X509Certificate> certificates(byte[] content) {
        try {
            // an empty file parses as one null certificate
            return TrustAnchors.parse(content).stream().filter(Objects::nonNull).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The seal, signed by {@code maker}.
     *
     * @throws cn.tongban.seal.make.InvalidSealRequestException listing every violated rule of the order
     * @throws cn.tongban.seal.custody.KeyCustodyException      when the maker key cannot sign
     */
    public Made make(SigningKey maker, SealOrder order) {
        String esId = order.esId() == null ? newEsId() : order.esId();
        PictureType pictureType = order.picture() == null
                ? null
                : PictureType.detect(order.picture()).orElse(null);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SealRequest request = new SealRequest(
                order.vendorId(),
                esId,
                order.type(),
                order.name(),
                order.certificateDigests() ? SealRequest.CertListType.DIGESTS : SealRequest.CertListType.CERTIFICATES,
                der(order.signers()),
                now,
                order.validFrom(),
                order.validTo(),
                pictureType == null ? "" : pictureType.name(),
                Bytes.of(order.picture() == null ? new byte[0] : order.picture()),
                order.widthMm(),
                order.heightMm(),
                List.of());
        return new Made(new SealMaker(maker).make(request), esId, pictureType);
    }

    private static List<Bytes> der(List<X509Certificate> certificates) {
        List<Bytes> der = new ArrayList<>(certificates.size());
        for (X509Certificate c : certificates) {
            try {
                der.add(Bytes.of(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException(
                        "cannot encode " + c.getSubjectX500Principal().getName(), e);
            }
        }
        return der;
    }
}
