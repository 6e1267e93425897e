package cn.tongban.seal.make;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.ExtData;

/** A mutable stand-in for {@link SealRequest} so tests can break one field at a time. */
public final class SealRequests {

    public static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };

    public String vid = "TongbanTest";
    public String esId = "tb-0001";
    public int type = 1;
    public String name = "通办测试章";
    public SealRequest.CertListType certListType = SealRequest.CertListType.CERTIFICATES;
    public List<Bytes> signers = new ArrayList<>();
    public Instant createDate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    public Instant validStart = createDate.minus(1, ChronoUnit.DAYS);
    public Instant validEnd = createDate.plus(365, ChronoUnit.DAYS);
    public String pictureType = "PNG";
    public byte[] pictureData = PNG;
    public int widthMm = 40;
    public int heightMm = 40;
    public List<ExtData> extDatas = new ArrayList<>();

    public static SealRequests forSigners(X509Certificate... certs) {
        SealRequests r = new SealRequests();
        for (X509Certificate c : certs) {
            try {
                r.signers.add(Bytes.of(c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return r;
    }

    public SealRequest build() {
        return new SealRequest(
                vid,
                esId,
                type,
                name,
                certListType,
                signers,
                createDate,
                validStart,
                validEnd,
                pictureType,
                pictureData == null ? null : Bytes.of(pictureData),
                widthMm,
                heightMm,
                extDatas);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
