package cn.tongban.trust.validation;

import static cn.tongban.trust.validation.TestPki.AT;
import static cn.tongban.trust.validation.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.trust.pki.CrlBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyPurpose;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** Revocation by OCSP (RFC 6960) then CRL (RFC 5280 §6.3), judged relative to the validation time. */
class RevocationTest {

    private static final Duration WEEK = Duration.ofDays(7);

    private static PathValidationResult validate(TestPki pki, FakeSources sources) {
        return sources.validator()
                .validate(pki.leaf, List.of(pki.ca), pki.anchors(), AT, ValidationPolicy.documentSigning());
    }

    private static byte[] caCrlRevokingLeaf(TestPki pki, java.time.Instant when) throws Exception {
        return pki.caCrl()
                .revoke(pki.leaf.getSerialNumber(), when, CRLReason.KEY_COMPROMISE)
                .build()
                .getEncoded();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void leafRevokedBeforeTheValidationTimeByCrlFails(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §6.1.3(a)(3), §6.3.3(i)
        TestPki pki = PathValidatorTest.pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.crls.put(TestPki.CA_CRL, caCrlRevokingLeaf(pki, AT.minus(Duration.ofHours(1))));

        PathValidationResult result = validate(pki, sources);

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED);
        assertThat(result.leafFacts().orElseThrow().revocation())
                .isInstanceOfSatisfying(RevocationStatus.Revoked.class, r -> {
                    assertThat(r.source()).isEqualTo(RevocationStatus.Source.CRL);
                    assertThat(r.reason()).isEqualTo(CRLReason.KEY_COMPROMISE);
                });
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void leafRevokedBeforeTheValidationTimeByOcspFails(KeyAlgorithm algorithm) throws Exception {
        // RFC 6960 §4.2.2.2 case 1: the CA signs the response itself
        TestPki pki = PathValidatorTest.pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.ocsp.put(
                pki.leaf.getSerialNumber(),
                TestPki.ocsp(
                        pki.leaf,
                        pki.ca,
                        pki.ca,
                        pki.caKey.getPrivate(),
                        AT.minus(Duration.ofHours(1)),
                        NOW.minus(Duration.ofMinutes(5)),
                        NOW.plus(Duration.ofHours(4))));

        PathValidationResult result = validate(pki, sources);

        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED);
        assertThat(result.leafFacts().orElseThrow().revocation())
                .isInstanceOfSatisfying(
                        RevocationStatus.Revoked.class,
                        r -> assertThat(r.source()).isEqualTo(RevocationStatus.Source.OCSP));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void goodOcspFromADelegatedResponderPassesWithoutCrl(KeyAlgorithm algorithm) throws Exception {
        // RFC 6960 §4.2.2.2 case 3: responder certified by the CA with id-kp-OCSPSigning
        TestPki pki = PathValidatorTest.pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.crls.remove(TestPki.CA_CRL);
        X509Certificate responder = pki.ocspResponder(KeyPurpose.OCSP_SIGNING);
        sources.ocsp.put(
                pki.leaf.getSerialNumber(),
                TestPki.ocsp(
                        pki.leaf,
                        pki.ca,
                        responder,
                        TestPki.key(algorithm, 3).getPrivate(),
                        null,
                        NOW.minus(Duration.ofMinutes(5)),
                        NOW.plus(Duration.ofHours(4))));

        PathValidationResult result = validate(pki, sources);

        assertThat(result.passed()).isTrue();
        assertThat(result.leafFacts().orElseThrow().revocation())
                .isInstanceOfSatisfying(
                        RevocationStatus.Good.class,
                        g -> assertThat(g.source()).isEqualTo(RevocationStatus.Source.OCSP));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void leafRevokedAfterTheValidationTimePassesWithTheFactRecorded(KeyAlgorithm algorithm) throws Exception {
        // a signature made before revocation stays valid (GM/T 0031-2014 §6.2.3 step 4)
        TestPki pki = PathValidatorTest.pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.crls.put(TestPki.CA_CRL, caCrlRevokingLeaf(pki, AT.plus(Duration.ofHours(2))));

        PathValidationResult result = validate(pki, sources);

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(result.leafFacts().orElseThrow().revocation())
                .isInstanceOfSatisfying(
                        RevocationStatus.Revoked.class,
                        r -> assertThat(r.revocationTime()).isAfter(AT));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void ocspSignedByAResponderOfAnotherCaIsIgnored(KeyAlgorithm algorithm) throws Exception {
        // RFC 6960 §4.2.2.2: a responder must be certified by the CA that issued the certificate in question
        TestPki pki = PathValidatorTest.pki(algorithm);
        X509Certificate foreignResponder = cn.tongban.trust.pki.CertificateBuilder.create()
                .subject("CN=Foreign OCSP,O=Tongban Test,C=CN")
                .publicKey(TestPki.key(algorithm, 3).getPublic())
                .issuer(pki.root, pki.rootKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)))
                .extendedKeyUsage(KeyPurpose.OCSP_SIGNING)
                .build();
        FakeSources sources = pki.goodCrls();
        sources.ocsp.put(
                pki.leaf.getSerialNumber(),
                TestPki.ocsp(
                        pki.leaf,
                        pki.ca,
                        foreignResponder,
                        TestPki.key(algorithm, 3).getPrivate(),
                        null,
                        NOW.minus(Duration.ofMinutes(5)),
                        NOW.plus(Duration.ofHours(4))));
        sources.crls.put(TestPki.CA_CRL, caCrlRevokingLeaf(pki, AT.minus(Duration.ofHours(1))));

        PathValidationResult result = validate(pki, sources);

        // the forged "good" is discarded; the CRL's revocation decides
        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED);
        assertThat(result.leafFacts().orElseThrow().revocation())
                .isInstanceOfSatisfying(
                        RevocationStatus.Revoked.class,
                        r -> assertThat(r.source()).isEqualTo(RevocationStatus.Source.CRL));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void ocspResponderWithoutOcspSigningEkuIsRejected(KeyAlgorithm algorithm) throws Exception {
        // RFC 6960 §4.2.2.2: delegation is marked by id-kp-OCSPSigning in the responder certificate
        TestPki pki = PathValidatorTest.pki(algorithm);
        X509Certificate responder = pki.ocspResponder(KeyPurpose.CLIENT_AUTH);
        FakeSources sources = pki.goodCrls();
        sources.crls.remove(TestPki.CA_CRL);
        sources.ocsp.put(
                pki.leaf.getSerialNumber(),
                TestPki.ocsp(
                        pki.leaf,
                        pki.ca,
                        responder,
                        TestPki.key(algorithm, 3).getPrivate(),
                        null,
                        NOW.minus(Duration.ofMinutes(5)),
                        NOW.plus(Duration.ofHours(4))));

        PathValidationResult result = validate(pki, sources);

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("id-kp-OCSPSigning"));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void staleOcspIsIgnoredAndTheCrlUsed(KeyAlgorithm algorithm) throws Exception {
        // RFC 6960 §3.2 (6), §4.2.2.1: nextUpdate in the past makes the response unreliable
        TestPki pki = PathValidatorTest.pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.ocsp.put(
                pki.leaf.getSerialNumber(),
                TestPki.ocsp(
                        pki.leaf,
                        pki.ca,
                        pki.ca,
                        pki.caKey.getPrivate(),
                        null,
                        NOW.minus(Duration.ofDays(2)),
                        NOW.minus(Duration.ofHours(1))));
        sources.crls.put(TestPki.CA_CRL, caCrlRevokingLeaf(pki, AT.minus(Duration.ofHours(1))));

        PathValidationResult result = validate(pki, sources);

        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED);
        assertThat(sources.ocspCalls.get()).isPositive();
        assertThat(result.leafFacts().orElseThrow().revocation())
                .isInstanceOfSatisfying(
                        RevocationStatus.Revoked.class,
                        r -> assertThat(r.source()).isEqualTo(RevocationStatus.Source.CRL));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void ocspAboutAnotherCertificateIsIgnored(KeyAlgorithm algorithm) throws Exception {
        // RFC 6960 §3.2 (1): the CertID must be the one of the certificate asked about
        TestPki pki = PathValidatorTest.pki(algorithm);
        X509Certificate other = pki.leafTemplate().build();
        FakeSources sources = pki.goodCrls();
        sources.crls.remove(TestPki.CA_CRL);
        sources.ocsp.put(
                pki.leaf.getSerialNumber(),
                TestPki.ocsp(
                        other,
                        pki.ca,
                        pki.ca,
                        pki.caKey.getPrivate(),
                        null,
                        NOW.minus(Duration.ofMinutes(5)),
                        NOW.plus(Duration.ofHours(4))));

        PathValidationResult result = validate(pki, sources);

        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("CertID"));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void crlSignedByTheWrongKeyIsRejected(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §6.3.3(g)
        TestPki pki = PathValidatorTest.pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.crls.put(
                TestPki.CA_CRL,
                CrlBuilder.issuedBy(pki.ca, TestPki.key(algorithm, 4).getPrivate())
                        .updates(NOW.minus(Duration.ofHours(1)), NOW.plus(WEEK))
                        .build()
                        .getEncoded());

        PathValidationResult result = validate(pki, sources);

        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("signature does not verify"));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void staleCrlIsRejected(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §6.3.3(a)(2), §5.1.2.5
        TestPki pki = PathValidatorTest.pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.crls.put(
                TestPki.CA_CRL,
                CrlBuilder.issuedBy(pki.ca, pki.caKey.getPrivate())
                        .updates(NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(1)))
                        .build()
                        .getEncoded());

        PathValidationResult result = validate(pki, sources);

        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("stale"));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void noRevocationDataIsIndeterminate(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = PathValidatorTest.pki(algorithm);

        PathValidationResult result = validate(pki, new FakeSources());

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.leafFacts().orElseThrow().revocation()).isInstanceOf(RevocationStatus.Unavailable.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"EC_P256"})
    void aCrlIssuedSecondsAheadOfTheVerifiersClockIsUsed(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §5.1.2.4, within RevocationStatus.CLOCK_SKEW: the CA's clock a little ahead is not "not yet issued"
        TestPki pki = PathValidatorTest.pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.crls.put(
                TestPki.CA_CRL,
                CrlBuilder.issuedBy(pki.ca, pki.caKey.getPrivate())
                        .updates(NOW.plusSeconds(2), NOW.plus(WEEK))
                        .build()
                        .getEncoded());

        assertThat(validate(pki, sources).indication()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @ParameterizedTest
    @EnumSource(names = {"EC_P256"})
    void aCrlIssuedBeyondTheClockSkewIsNotYetIssued(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §5.1.2.4
        TestPki pki = PathValidatorTest.pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.crls.put(
                TestPki.CA_CRL,
                CrlBuilder.issuedBy(pki.ca, pki.caKey.getPrivate())
                        .updates(NOW.plus(RevocationStatus.CLOCK_SKEW).plusSeconds(60), NOW.plus(WEEK))
                        .build()
                        .getEncoded());

        PathValidationResult result = validate(pki, sources);

        assertThat(result.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("in the future"));
    }
}
