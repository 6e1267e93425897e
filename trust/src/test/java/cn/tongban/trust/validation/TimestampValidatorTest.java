package cn.tongban.trust.validation;

import static cn.tongban.trust.validation.TestPki.AT;
import static cn.tongban.trust.validation.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyPurpose;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** RFC 3161 time-stamp tokens: imprint, signature and ESS binding, TSA path with the timeStamping EKU. */
class TimestampValidatorTest {

    private static final byte[] DATA = "SES_Signature TBS bytes".getBytes(StandardCharsets.UTF_8);

    private static X509Certificate tsaCertificate(TestPki pki, KeyPurpose... purposes) {
        return CertificateBuilder.create()
                .subject("CN=Test TSA " + pki.algorithm + ",O=Tongban Test,C=CN")
                .publicKey(TestPki.key(pki.algorithm, 4).getPublic())
                .issuer(pki.ca, pki.caKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION)
                .extendedKeyUsage(purposes)
                .crlDistributionPoint(TestPki.CA_CRL)
                .build();
    }

    private static TimestampValidationResult validate(TestPki pki, byte[] token, byte[] data) throws Exception {
        return new TimestampValidator(pki.goodCrls().validator()).validate(token, data, List.of(pki.ca), pki.anchors());
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void validTokenPasses(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = PathValidatorTest.pki(algorithm);
        X509Certificate tsa = tsaCertificate(pki, KeyPurpose.TIME_STAMPING);
        KeyPair key = TestPki.key(algorithm, 4);

        TimestampValidationResult result = validate(pki, TestTsa.token(DATA, tsa, key.getPrivate(), AT), DATA);

        assertThat(result.reasons()).isEmpty();
        assertThat(result.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(result.genTime()).isEqualTo(AT);
        assertThat(result.imprintMatches()).isTrue();
        assertThat(result.signatureValid()).isTrue();
        assertThat(result.tsaCertificate()).isEqualTo(tsa);
        assertThat(result.tsaPath().passed()).isTrue();
        assertThat(result.tsaPath().validationTime()).isEqualTo(AT);
        assertThat(result.policy()).isEqualTo(TestTsa.POLICY);
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void imprintMismatchFails(KeyAlgorithm algorithm) throws Exception {
        // RFC 3161 §2.4.2 messageImprint
        TestPki pki = PathValidatorTest.pki(algorithm);
        X509Certificate tsa = tsaCertificate(pki, KeyPurpose.TIME_STAMPING);
        byte[] token = TestTsa.token(DATA, tsa, tsaKey(algorithm), AT);

        TimestampValidationResult result = validate(pki, token, "other data".getBytes(StandardCharsets.UTF_8));

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
        assertThat(result.imprintMatches()).isFalse();
        assertThat(result.signatureValid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void tsaWithoutTimeStampingEkuFails(KeyAlgorithm algorithm) throws Exception {
        // RFC 3161 §2.3: critical extKeyUsage with id-kp-timeStamping only
        TestPki pki = PathValidatorTest.pki(algorithm);
        X509Certificate tsa = tsaCertificate(pki, KeyPurpose.CODE_SIGNING);

        TimestampValidationResult result = validate(pki, TestTsa.token(DATA, tsa, tsaKey(algorithm), AT), DATA);

        assertThat(result.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(result.signatureValid()).isTrue();
        assertThat(result.tsaPath().reasons()).anySatisfy(r -> assertThat(r).contains("§4.2.1.12"));
    }

    @Test
    void tsaWithNonCriticalOrSharedTimeStampingEkuFails() throws Exception {
        // RFC 3161 §2.3: the EKU must be critical and hold only timeStamping; here it also holds clientAuth
        // (CertificateBuilder marks an EKU holding timeStamping critical)
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        X509Certificate tsa = tsaCertificate(pki, KeyPurpose.TIME_STAMPING, KeyPurpose.CLIENT_AUTH);

        TimestampValidationResult result =
                validate(pki, TestTsa.token(DATA, tsa, tsaKey(KeyAlgorithm.EC_P256), AT), DATA);

        assertThat(result.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("RFC 3161 §2.3"));
    }

    @Test
    void tokenSignedByAnotherKeyFails() throws Exception {
        // RFC 5652 §5.6 signature verification with the certificate the token names
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        X509Certificate tsa = tsaCertificate(pki, KeyPurpose.TIME_STAMPING);
        byte[] token =
                TestTsa.token(DATA, tsa, TestPki.key(KeyAlgorithm.EC_P256, 3).getPrivate(), AT);

        TimestampValidationResult result = validate(pki, token, DATA);

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(result.signatureValid()).isFalse();
    }

    @Test
    void essSigningCertificateNamingAnotherCertificateFails() throws Exception {
        // RFC 3161 §2.4.1, RFC 5035 §5.4: the signed ESSCertIDv2 must identify the signer certificate
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);
        X509Certificate tsa = tsaCertificate(pki, KeyPurpose.TIME_STAMPING);
        byte[] token = TestTsa.token(DATA, tsa, tsaKey(KeyAlgorithm.EC_P256), AT, pki.ca);

        TimestampValidationResult result = validate(pki, token, DATA);

        assertThat(result.subIndication()).isEqualTo(SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
        assertThat(result.signatureValid()).isTrue();
    }

    @Test
    void garbageIsAFormatFailure() throws Exception {
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.EC_P256);

        TimestampValidationResult result = validate(pki, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, DATA);

        assertThat(result.subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(result.genTime()).isNull();
    }

    private static java.security.PrivateKey tsaKey(KeyAlgorithm algorithm) {
        return TestPki.key(algorithm, 4).getPrivate();
    }
}
