package cn.tongban.seal.codec;

import static cn.tongban.seal.codec.TestSeals.der;
import static cn.tongban.seal.codec.TestSeals.seq;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Format checks (GM/T 0031-2014 §6.1.2 step 1): every malformation is a Malformed value, never an exception. */
class SealDecoderMalformedTest {

    private static TestSeals.Signer maker;
    private static byte[] userV4;

    @BeforeAll
    static void keys() {
        maker = TestSeals.sm2();
        userV4 = Vectors.read("UserV4.esl");
    }

    private static Decoded.Malformed<SesSeal> malformed(byte[] der) {
        Decoded<SesSeal> d = SealDecoder.decodeSeal(der);
        assertThat(d).isInstanceOf(Decoded.Malformed.class);
        Decoded.Malformed<SesSeal> m = (Decoded.Malformed<SesSeal>) d;
        assertThat(m.reason()).doesNotStartWith(SealDecoder.INTERNAL_ERROR);
        return m;
    }

    private static byte[] sealWith(List<ASN1Encodable> property, List<ASN1Encodable> picture) {
        return TestSeals.seal(TestSeals.sealInfo(TestSeals.header(4), property, picture, null), maker);
    }

    private static List<ASN1Encodable> property() {
        return TestSeals.propertyFields(1, TestSeals.certs(maker.certificateDer()));
    }

    @Test
    void everyTruncationOfARealSealIsMalformed() {
        for (int n = 0; n < userV4.length; n++) {
            malformed(Arrays.copyOf(userV4, n));
        }
    }

    @Test
    void trailingGarbageIsMalformed() {
        byte[] longer = Arrays.copyOf(userV4, userV4.length + 1);
        assertThat(malformed(longer).reason()).contains("trailing");
    }

    @Test
    void nullAndOversizedInputAreMalformed() {
        malformed(null);
        assertThat(malformed(new byte[SealDecoder.MAX_INPUT_OCTETS + 1]).reason())
                .contains("exceeds");
    }

    @Test
    void wrongSealElementCountIsMalformed() {
        ASN1Encodable info = TestSeals.sealInfo(TestSeals.header(4), property(), TestSeals.pictureFields(), null);
        assertThat(malformed(der(seq(info, new DEROctetString(new byte[1]), DERNull.INSTANCE)))
                        .reason())
                .contains("3 elements");
        assertThat(malformed(der(seq(info))).reason()).contains("1 elements");
    }

    @Test
    void wrongPropertyElementCountIsMalformed() {
        List<ASN1Encodable> p = property();
        p.remove(6);
        assertThat(malformed(sealWith(p, TestSeals.pictureFields())).path()).isEqualTo("SESeal.eSealInfo.property");
    }

    @Test
    void timestampOnAV4SealIsMalformedButAcceptedOnV5() {
        ASN1Encodable info4 = TestSeals.sealInfo(TestSeals.header(4), property(), TestSeals.pictureFields(), null);
        ASN1Encodable info5 = TestSeals.sealInfo(TestSeals.header(5), property(), TestSeals.pictureFields(), null);
        DERTaggedObject ts = new DERTaggedObject(true, 0, new org.bouncycastle.asn1.DERBitString(new byte[] {7}));
        byte[] v4 = der(seq(
                info4,
                new DEROctetString(maker.certificateDer()),
                new org.bouncycastle.asn1.ASN1ObjectIdentifier(maker.oid()),
                new org.bouncycastle.asn1.DERBitString(new byte[8]),
                ts));
        byte[] v5 = der(seq(
                info5,
                new DEROctetString(maker.certificateDer()),
                new org.bouncycastle.asn1.ASN1ObjectIdentifier(maker.oid()),
                new org.bouncycastle.asn1.DERBitString(new byte[8]),
                ts));

        assertThat(malformed(v4).path()).isEqualTo("SESeal.timeStamp");
        SesSeal seal = SealDecoder.decodeSeal(v5).orElseThrow();
        assertThat(seal.version()).isEqualTo(SealVersion.V5);
        assertThat(seal.timeStamp()).contains(Bytes.of(new byte[] {7}));
    }

    @Test
    void unknownHeaderVersionAndIdAreMalformed() {
        byte[] v3 = TestSeals.seal(
                TestSeals.sealInfo(TestSeals.header(3), property(), TestSeals.pictureFields(), null), maker);
        assertThat(malformed(v3).path()).isEqualTo("SESeal.eSealInfo.header");
        DERSequence badId = seq(new DERIA5String("XX"), new ASN1Integer(4), new DERIA5String("v"));
        byte[] xx = TestSeals.seal(TestSeals.sealInfo(badId, property(), TestSeals.pictureFields(), null), maker);
        assertThat(malformed(xx).path()).isEqualTo("SESeal.eSealInfo.header.ID");
    }

    @Test
    void negativeAndHugeIntegersAreMalformed() {
        List<ASN1Encodable> negative = TestSeals.pictureFields();
        negative.set(2, new ASN1Integer(-40));
        assertThat(malformed(sealWith(property(), negative)).reason()).contains("negative");

        List<ASN1Encodable> huge = TestSeals.pictureFields();
        huge.set(3, new ASN1Integer(new java.math.BigInteger("123456789012345678901234567890")));
        assertThat(malformed(sealWith(property(), huge)).path()).isEqualTo("SESeal.eSealInfo.picture.height");
    }

    @Test
    void unknownCertListTypeAndMismatchedListAreMalformed() {
        List<ASN1Encodable> three = TestSeals.propertyFields(3, TestSeals.certs(maker.certificateDer()));
        assertThat(malformed(sealWith(three, TestSeals.pictureFields())).path())
                .isEqualTo("SESeal.eSealInfo.property.certListType");
        // certListType 2 announces CertDigestObj entries, but the list holds OCTET STRINGs
        List<ASN1Encodable> mismatch = TestSeals.propertyFields(2, TestSeals.certs(maker.certificateDer()));
        assertThat(malformed(sealWith(mismatch, TestSeals.pictureFields())).path())
                .startsWith("SESeal.eSealInfo.property.certList");
    }

    @Test
    void impossibleTimesAreMalformed() {
        List<ASN1Encodable> p = property();
        p.set(6, new DERGeneralizedTime("20221301000000Z"));
        assertThat(malformed(sealWith(p, TestSeals.pictureFields())).path())
                .isEqualTo("SESeal.eSealInfo.property.validEnd");
        List<ASN1Encodable> wrongType = property();
        wrongType.set(4, new DERIA5String("20220101000000Z"));
        assertThat(malformed(sealWith(wrongType, TestSeals.pictureFields())).path())
                .isEqualTo("SESeal.eSealInfo.property.createDate");
    }

    @Test
    void wrongTagIsMalformed() {
        List<ASN1Encodable> pic = TestSeals.pictureFields();
        pic.set(1, new DERIA5String("not octets"));
        assertThat(malformed(sealWith(property(), pic)).reason()).contains("OCTET STRING");
    }

    @Test
    void berLengthFormsAreMalformed() {
        byte[] indefinite = userV4.clone();
        indefinite[1] = (byte) 0x80;
        assertThat(malformed(indefinite).reason()).contains("indefinite");
        // 0x30 0x82 0x00 0x05 ...: a two-octet length for a value that fits in one
        byte[] nonMinimal = {0x30, (byte) 0x82, 0x00, 0x02, 0x05, 0x00};
        assertThat(malformed(nonMinimal).reason()).contains("non-minimal");
        byte[] tooLong = {0x30, (byte) 0x85, 1, 0, 0, 0, 0};
        assertThat(malformed(tooLong).reason()).contains("too large");
    }

    @Test
    void oversizedPictureIsRefused() {
        List<ASN1Encodable> pic = TestSeals.pictureFields();
        pic.set(1, new DEROctetString(new byte[SealDecoder.MAX_PICTURE_OCTETS + 1]));
        assertThat(malformed(sealWith(property(), pic)).path()).isEqualTo("SESeal.eSealInfo.picture.data");
    }

    @Test
    void explicitlyTaggedExtDatasAreAcceptedLikeUntagged() {
        DERSequence ext =
                seq(seq(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4"), new DEROctetString(new byte[] {9})));
        for (ASN1Encodable style : List.of(ext, new DERTaggedObject(true, 0, ext))) {
            byte[] der = TestSeals.seal(
                    TestSeals.sealInfo(TestSeals.header(4), property(), TestSeals.pictureFields(), style), maker);
            SesSeal seal = SealDecoder.decodeSeal(der).orElseThrow();
            assertThat(seal.extDatas()).containsExactly(new ExtData("1.2.3.4", false, Bytes.of(new byte[] {9})));
        }
    }

    @Test
    void signatureWithWrongElementCountOrTrailingBytesIsMalformed() {
        byte[] sig = Vectors.signedValue("allprotected.ofd");
        assertThat(SealDecoder.decodeSignature(Arrays.copyOf(sig, sig.length + 2)))
                .isInstanceOf(Decoded.Malformed.class);
        assertThat(SealDecoder.decodeSignature(der(seq(new ASN1Integer(4), DERNull.INSTANCE, DERNull.INSTANCE))))
                .isInstanceOfSatisfying(
                        Decoded.Malformed.class, m -> assertThat(m.reason()).contains("3 elements"));
        // a seal is not a signature
        assertThat(SealDecoder.decodeSignature(userV4)).isInstanceOf(Decoded.Malformed.class);
        for (int n = 0; n < sig.length; n += 7) {
            assertThat(SealDecoder.decodeSignature(Arrays.copyOf(sig, n))).isInstanceOf(Decoded.Malformed.class);
        }
    }

    @Test
    void aCertificateNestingDerDeeperThanTheAsn1BudgetIsMalformedBeforeBouncyCastleParsesIt() {
        byte[] deep = {0x02, 0x01, 0x05};
        for (int i = 0; i < 5_000; i++) { // SEQUENCE { SEQUENCE { ... INTEGER 5 } }, 5,000 deep, definite lengths
            int n = deep.length;
            byte[] header = n < 0x80
                    ? new byte[] {0x30, (byte) n}
                    : n < 0x100
                            ? new byte[] {0x30, (byte) 0x81, (byte) n}
                            : new byte[] {0x30, (byte) 0x82, (byte) (n >> 8), (byte) n};
            byte[] next = Arrays.copyOf(header, header.length + n);
            System.arraycopy(deep, 0, next, header.length, n);
            deep = next;
        }
        byte[] seal = sealWith(TestSeals.propertyFields(1, TestSeals.certs(deep)), TestSeals.pictureFields());

        assertThat(malformed(seal).reason())
                .contains("ASN.1 nesting deeper than " + cn.tongban.trust.pki.Asn1Depth.DEFAULT_MAX_DEPTH);
    }
}
