package cn.tongban.seal.make;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.ExtData;
import cn.tongban.seal.codec.PictureType;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.codec.SignatureAlgorithm;
import cn.tongban.seal.custody.KeyCustody;
import cn.tongban.seal.custody.KeyCustodyException;
import cn.tongban.seal.custody.SignatureAlgorithms;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.verify.SealSignatures;

/**
 * Makes GB/T 38540 v4 seals (docs/STANDARDS.md §1.1): builds SES_SealInfo from a {@link SealRequest} and signs its DER
 * with the seal maker's key (docs/STANDARDS.md §1.3) — SM2 keys with SM3withSM2 (1.2.156.10197.1.501, Bouncy Castle's
 * default user id 1234567812345678, GB/T 35276), RSA and ECDSA keys with SHA-256. The result is decoded and
 * verified before it is returned, so a seal that leaves here round-trips through {@link SealDecoder}.
 */
public final class SealMaker {

    private static final Provider BC = new BouncyCastleProvider();
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final SigningKey makerKey;
    private final X509Certificate makerCertificate;

    /** @param makerKey the seal maker's private key; @param makerCertificate its certificate, written into SESeal.cert */
    public SealMaker(PrivateKey makerKey, X509Certificate makerCertificate) {
        this(KeyCustody.software(
                "maker", Objects.requireNonNull(makerKey), List.of(Objects.requireNonNull(makerCertificate))));
    }

    /** @param makerKey the seal maker's key in custody; its certificate is written into SESeal.cert */
    public SealMaker(SigningKey makerKey) {
        this.makerKey = Objects.requireNonNull(makerKey);
        this.makerCertificate = makerKey.certificate();
    }

    /**
     * The DER of a signed v4 SESeal.
     *
     * @throws InvalidSealRequestException listing every violation of the request or of the maker key
     */
    public byte[] make(SealRequest request) {
        List<String> violations = new ArrayList<>(SealRequestValidator.violations(request));
        SignatureAlgorithm algorithm = null;
        try {
            algorithm = algorithm(makerCertificate);
        } catch (IllegalArgumentException e) {
            violations.add(e.getMessage());
        }
        if (!violations.isEmpty()) {
            throw new InvalidSealRequestException(violations);
        }
        byte[] sealInfo = der(sealInfo(request));
        byte[] certificate;
        try {
            certificate = makerCertificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new InvalidSealRequestException(List.of("maker certificate cannot be encoded: " + e.getMessage()));
        }
        byte[] seal = der(new DERSequence(new ASN1Encodable[] {
            raw(sealInfo),
            new DEROctetString(certificate),
            new ASN1ObjectIdentifier(algorithm.oid()),
            new DERBitString(sign(algorithm, sealInfo))
        }));
        return selfChecked(seal);
    }

    /** SM2 keys (curve 1.2.156.10197.1.301) → SM3withSM2; other EC → SHA256withECDSA; RSA → SHA256withRSA. */
    static SignatureAlgorithm algorithm(X509Certificate cert) {
        try {
            return SignatureAlgorithms.forCertificate(cert);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("maker " + e.getMessage());
        }
    }

    private static DERSequence sealInfo(SealRequest r) {
        ASN1EncodableVector info = new ASN1EncodableVector();
        info.add(new DERSequence(
                new ASN1Encodable[] {new DERIA5String("ES"), new ASN1Integer(4), new DERIA5String(r.vid())}));
        info.add(new DERIA5String(r.esId()));
        info.add(new DERSequence(new ASN1Encodable[] {
            new ASN1Integer(r.type()),
            new DERUTF8String(r.name()),
            new ASN1Integer(r.certListType().value()),
            certList(r),
            time(r.createDate()),
            time(r.validStart()),
            time(r.validEnd())
        }));
        info.add(new DERSequence(new ASN1Encodable[] {
            new DERIA5String(PictureType.of(r.pictureType()).orElseThrow().name()),
            new DEROctetString(r.pictureData().value()),
            new ASN1Integer(r.widthMm()),
            new ASN1Integer(r.heightMm())
        }));
        if (!r.extDatas().isEmpty()) {
            // Written untagged, as real v4 seals do (docs/STANDARDS.md §1.1).
            ASN1EncodableVector exts = new ASN1EncodableVector();
            for (ExtData e : r.extDatas()) {
                ASN1EncodableVector ext = new ASN1EncodableVector();
                ext.add(new ASN1ObjectIdentifier(e.extnId()));
                if (e.critical()) {
                    ext.add(ASN1Boolean.TRUE); // DEFAULT FALSE is omitted in DER
                }
                ext.add(new DEROctetString(e.extnValue().value()));
                exts.add(new DERSequence(ext));
            }
            info.add(new DERSequence(exts));
        }
        return new DERSequence(info);
    }

    /** certListType 1: SEQUENCE OF OCTET STRING (DER); 2: SEQUENCE OF CertDigestObj {"SM3", SM3(DER)}. */
    private static DERSequence certList(SealRequest r) {
        ASN1EncodableVector list = new ASN1EncodableVector();
        for (Bytes cert : r.signerCertificates()) {
            if (r.certListType() == SealRequest.CertListType.CERTIFICATES) {
                list.add(new DEROctetString(cert.value()));
            } else {
                list.add(new DERSequence(
                        new ASN1Encodable[] {new DERPrintableString("SM3"), new DEROctetString(sm3(cert.value()))}));
            }
        }
        return new DERSequence(list);
    }

    /** GeneralizedTime in UTC to the second, the form real seals carry. */
    private static DERGeneralizedTime time(Instant t) {
        return new DERGeneralizedTime(GENERALIZED_TIME.format(t.truncatedTo(ChronoUnit.SECONDS)));
    }

    private byte[] sign(SignatureAlgorithm algorithm, byte[] data) {
        try {
            return makerKey.sign(algorithm, data);
        } catch (KeyCustodyException e) {
            throw new InvalidSealRequestException(
                    List.of("maker key cannot sign with " + algorithm.jcaName() + ": " + e.getMessage()));
        }
    }

    /** Decodes and verifies what was made: a key that does not match the certificate is caught here. */
    private static byte[] selfChecked(byte[] seal) {
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(seal);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            throw new IllegalStateException("made a seal the decoder rejects at " + m.path() + ": " + m.reason());
        }
        var check = SealSignatures.verifySeal(decoded.orElseThrow());
        if (!check.valid()) {
            throw new InvalidSealRequestException(
                    List.of("maker key does not match the maker certificate: " + check.detail()));
        }
        return seal;
    }

    private static byte[] sm3(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SM3", BC).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle lacks SM3", e);
        }
    }

    private static ASN1Primitive raw(byte[] der) {
        try {
            return ASN1Primitive.fromByteArray(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
