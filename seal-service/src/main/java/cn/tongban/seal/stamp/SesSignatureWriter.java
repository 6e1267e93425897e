package cn.tongban.seal.stamp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import cn.tongban.seal.codec.SignatureAlgorithm;
import cn.tongban.seal.custody.SigningKey;

/**
 * Writes a GB/T 38540 v4 SES_Signature (docs/STANDARDS.md §1.1): TBS_Sign {version 4, eseal, timeInfo, dataHash,
 * propertyInfo} signed by the signer's key over its DER (docs/STANDARDS.md §1.3). The embedded seal is copied as its
 * original bytes, so the seal maker's signature stays intact.
 */
public final class SesSignatureWriter {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private SesSignatureWriter() {}

    /** The digest paired with the signer's algorithm (docs/STANDARDS.md §1.3): SM3 for SM2, SHA-256 otherwise. */
    public static String dataHashAlgorithm(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.SM3_WITH_SM2 ? "SM3" : "SHA-256";
    }

    public static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm, BC).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle lacks " + algorithm, e);
        }
    }

    /**
     * The DER of a signed v4 SES_Signature.
     *
     * @param sealDer      the SESeal, embedded byte for byte
     * @param timeInfo     TBS_Sign.timeInfo, truncated to seconds
     * @param signedData   the bytes whose digest becomes TBS_Sign.dataHash (in OFD: the Signature.xml)
     * @param propertyInfo TBS_Sign.propertyInfo (in OFD: the path of the Signature.xml)
     */
    public static byte[] write(
            byte[] sealDer, Instant timeInfo, byte[] signedData, String propertyInfo, SigningKey signer) {
        SignatureAlgorithm algorithm = signer.algorithm();
        byte[] dataHash = digest(dataHashAlgorithm(algorithm), signedData);
        ASN1Encodable tbs = new DERSequence(new ASN1Encodable[] {
            new ASN1Integer(4),
            parse(sealDer),
            new DERGeneralizedTime(GENERALIZED_TIME.format(timeInfo.truncatedTo(ChronoUnit.SECONDS))),
            new DERBitString(dataHash),
            new DERIA5String(propertyInfo, true)
        });
        byte[] tbsDer = der(tbs);
        byte[] value = signer.sign(algorithm, tbsDer);
        byte[] cert;
        try {
            cert = signer.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new StampException("signer certificate cannot be encoded");
        }
        return der(new DERSequence(new ASN1Encodable[] {
            parse(tbsDer), new DEROctetString(cert), new ASN1ObjectIdentifier(algorithm.oid()), new DERBitString(value)
        }));
    }

    private static ASN1Primitive parse(byte[] der) {
        try {
            return ASN1Primitive.fromByteArray(der);
        } catch (IOException e) {
            throw new StampException("not DER: " + e.getMessage());
        }
    }

    static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
