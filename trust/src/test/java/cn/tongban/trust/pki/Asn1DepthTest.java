package cn.tongban.trust.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.ASN1InputStream;
import org.junit.jupiter.api.Test;

/** The ASN.1 depth pre-scan that guards every hand-over of untrusted bytes to Bouncy Castle. */
class Asn1DepthTest {

    /** {@code depth} constructed OCTET STRINGs of indefinite length, one in the other. */
    static byte[] nestedBer(int depth) {
        byte[] ber = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            ber[2 * i] = 0x24;
            ber[2 * i + 1] = (byte) 0x80;
        }
        return ber;
    }

    /** {@code depth} SEQUENCEs of definite length, one in the other, around an INTEGER. */
    static byte[] nestedDer(int depth) {
        byte[] inner = {0x02, 0x01, 0x05};
        for (int i = 0; i < depth; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x30);
            int n = inner.length;
            if (n < 0x80) {
                out.write(n);
            } else if (n < 0x100) {
                out.write(0x81);
                out.write(n);
            } else {
                out.write(0x82);
                out.write(n >> 8);
                out.write(n);
            }
            out.writeBytes(inner);
            inner = out.toByteArray();
        }
        return inner;
    }

    @Test
    void bouncyCastleAloneOverflowsTheStackOnDeeplyNestedBer() {
        assertThatThrownBy(() -> new ASN1InputStream(nestedBer(100_000)).readObject())
                .isInstanceOf(StackOverflowError.class);
    }

    @Test
    void aHundredThousandNestedConstructedOctetStringsExceedTheDefaultDepth() {
        assertThat(Asn1Depth.exceeds(nestedBer(100_000), Asn1Depth.DEFAULT_MAX_DEPTH))
                .isTrue();
    }

    @Test
    void definiteLengthNestingIsCountedLevelByLevel() {
        byte[] der = nestedDer(20);

        assertThat(Asn1Depth.exceeds(der, 20)).isFalse();
        assertThat(Asn1Depth.exceeds(der, 19)).isTrue();
    }

    @Test
    void derWrappedInAnOctetStringCountsAsDeeperLevels() {
        byte[] inner = nestedDer(10);
        byte[] wrapped = new byte[inner.length + 2];
        wrapped[0] = 0x04;
        wrapped[1] = (byte) inner.length;
        System.arraycopy(inner, 0, wrapped, 2, inner.length);

        assertThat(Asn1Depth.exceeds(wrapped, 11)).isFalse();
        assertThat(Asn1Depth.exceeds(wrapped, 10)).isTrue();
    }

    @Test
    void garbageThatLooksLikeWrappedDerDoesNotStopTheScanOfWhatFollows() {
        byte[] deep = nestedBer(200);
        byte[] data = new byte[6 + deep.length];
        data[0] = 0x30;
        data[1] = (byte) 0x80;
        data[2] = 0x04; // an OCTET STRING whose content starts like a SEQUENCE running past it
        data[3] = 0x02;
        data[4] = 0x30;
        data[5] = 0x7f;
        System.arraycopy(deep, 0, data, 6, deep.length);

        assertThat(Asn1Depth.exceeds(data, Asn1Depth.DEFAULT_MAX_DEPTH)).isTrue();
    }

    @Test
    void aRealCertificateIsWellWithinTheDefaultDepth() throws Exception {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        byte[] der = CertificateBuilder.create()
                .subject("CN=depth")
                .publicKey(keys.getPublic())
                .selfSigned(keys.getPrivate())
                .validity(Instant.now(), Instant.now().plus(Duration.ofDays(1)))
                .ca(0)
                .keyUsage(KeyUsage.KEY_CERT_SIGN)
                .build()
                .getEncoded();

        assertThat(Asn1Depth.exceeds(der, Asn1Depth.DEFAULT_MAX_DEPTH)).isFalse();
        assertThat(Asn1Depth.exceeds(der, 2)).isTrue();
    }
}
