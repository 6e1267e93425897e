package cn.tongban.trust.validation;

import static cn.tongban.trust.validation.TestPki.AT;
import static cn.tongban.trust.validation.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyPurpose;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** RFC 5280 §6.1 path rules, one negative test per rule, for RSA, ECDSA P-256 and SM2. */
class PathValidatorTest {

    private static final Map<KeyAlgorithm, TestPki> PKIS = new EnumMap<>(KeyAlgorithm.class);

    static synchronized TestPki pki(KeyAlgorithm algorithm) {
        return PKIS.computeIfAbsent(algorithm, TestPki::new);
    }

    private static PathValidationResult validate(
            TestPki pki, X509Certificate leaf, List<X509Certificate> extra, ValidationPolicy policy) throws Exception {
        return pki.goodCrls().validator().validate(leaf, extra, pki.anchors(), AT, policy);
    }

    private static PathValidationResult validate(TestPki pki, X509Certificate leaf) throws Exception {
        return validate(pki, leaf, List.of(pki.ca), ValidationPolicy.documentSigning());
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void validChainPassesAtTheValidationTime(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = pki(algorithm);
        PathValidationResult result = validate(pki, pki.leaf);

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(result.subIndication()).isNull();
        assertThat(result.reasons()).isEmpty();
        assertThat(result.chain()).containsExactly(pki.leaf, pki.ca, pki.root);
        assertThat(result.facts())
                .extracting(CertificateFacts::validity)
                .containsOnly(CertificateFacts.Validity.WITHIN);
        assertThat(result.facts().get(0).revocation())
                .isInstanceOfSatisfying(
                        RevocationStatus.Good.class,
                        good -> assertThat(good.source()).isEqualTo(RevocationStatus.Source.CRL));
        assertThat(result.facts().get(2).trustAnchor()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void brokenSignatureLinkFails(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §6.1.3(a)(1)
        TestPki pki = pki(algorithm);
        PathValidationResult result = validate(pki, RawCertificates.tampered(pki.leaf));

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(result.chain()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void untrustedRootFindsNoChain(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = pki(algorithm);
        KeyAlgorithm other = algorithm == KeyAlgorithm.SM2 ? KeyAlgorithm.EC_P256 : KeyAlgorithm.SM2;
        TrustAnchorSet otherRegion = new TrustAnchorSet("region:440000", Set.of(pki(other).root));

        PathValidationResult result = pki.goodCrls()
                .validator()
                .validate(pki.leaf, List.of(pki.ca), otherRegion, AT, ValidationPolicy.documentSigning());

        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void leafExpiredAtTheValidationTimeFails(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §6.1.3(a)(2): notAfter before AT
        TestPki pki = pki(algorithm);
        X509Certificate leaf = pki.leafTemplate()
                .validity(NOW.minus(Duration.ofDays(60)), AT.minus(Duration.ofHours(1)))
                .build();

        PathValidationResult result = validate(pki, leaf);

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.EXPIRED);
        assertThat(result.leafFacts().orElseThrow().validity()).isEqualTo(CertificateFacts.Validity.EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void leafNotYetValidAtTheValidationTimeFails(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = pki(algorithm);
        X509Certificate leaf = pki.leafTemplate()
                .validity(AT.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(365)))
                .build();

        PathValidationResult result = validate(pki, leaf);

        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(result.subIndication()).isEqualTo(SubIndication.NOT_YET_VALID);
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void issuerWithoutCaBasicConstraintsFails(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §6.1.4(k)
        TestPki pki = pki(algorithm);
        KeyPair key = TestPki.key(algorithm, 4);
        X509Certificate notCa = CertificateBuilder.create()
                .subject("CN=Not A CA,O=Tongban Test,C=CN")
                .publicKey(key.getPublic())
                .issuer(pki.root, pki.rootKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)))
                .keyUsage(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN)
                .build();
        X509Certificate leaf =
                pki.leafTemplate().issuer(notCa, key.getPrivate()).build();

        PathValidationResult result = validate(pki, leaf, List.of(notCa), ValidationPolicy.documentSigning());

        assertThat(result.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(result.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("§6.1.4(k)"));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void issuerWithoutKeyCertSignFails(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §6.1.4(n)
        TestPki pki = pki(algorithm);
        KeyPair key = TestPki.key(algorithm, 4);
        X509Certificate noKeyCertSign = RawCertificates.issue(
                "CN=No KeyCertSign CA,O=Tongban Test,C=CN",
                key.getPublic(),
                pki.root,
                pki.rootKey.getPrivate(),
                null,
                0,
                org.bouncycastle.asn1.x509.KeyUsage.digitalSignature | org.bouncycastle.asn1.x509.KeyUsage.cRLSign);
        X509Certificate leaf =
                pki.leafTemplate().issuer(noKeyCertSign, key.getPrivate()).build();

        PathValidationResult result = validate(pki, leaf, List.of(noKeyCertSign), ValidationPolicy.documentSigning());

        assertThat(result.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("keyCertSign", "§6.1.4(n)"));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void pathLengthConstraintExceededFails(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §6.1.4(l),(m): a root with pathLen 0 may not have an intermediate CA below it
        TestPki pki = pki(algorithm);
        X509Certificate strictRoot = CertificateBuilder.create()
                .subject("CN=Strict Root,O=Tongban Test,C=CN")
                .publicKey(pki.rootKey.getPublic())
                .selfSigned(pki.rootKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(3650)))
                .ca(0)
                .build();
        X509Certificate ca =
                pki.caTemplate().issuer(strictRoot, pki.rootKey.getPrivate()).build();
        X509Certificate leaf =
                pki.leafTemplate().issuer(ca, pki.caKey.getPrivate()).build();

        PathValidationResult result = pki.goodCrls()
                .validator()
                .validate(
                        leaf,
                        List.of(ca),
                        new TrustAnchorSet("strict", Set.of(strictRoot)),
                        AT,
                        ValidationPolicy.documentSigning());

        assertThat(result.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("§6.1.4(l)"));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void leafWithoutSigningKeyUsageFailsDocumentSigning(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §4.2.1.3
        TestPki pki = pki(algorithm);
        X509Certificate leaf = CertificateBuilder.create()
                .subject("CN=Encipher Only,O=Tongban Test,C=CN")
                .publicKey(pki.leafKey.getPublic())
                .issuer(pki.ca, pki.caKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)))
                .keyUsage(KeyUsage.KEY_AGREEMENT)
                .crlDistributionPoint(TestPki.CA_CRL)
                .build();

        PathValidationResult result = validate(pki, leaf);

        assertThat(result.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(result.leafFacts().orElseThrow().violations())
                .singleElement()
                .satisfies(r -> assertThat(r).contains("§4.2.1.3"));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void tlsClientPolicyRequiresClientAuthEku(KeyAlgorithm algorithm) throws Exception {
        // RFC 5280 §4.2.1.12
        TestPki pki = pki(algorithm);
        X509Certificate serverOnly =
                pki.leafTemplate().extendedKeyUsage(KeyPurpose.SERVER_AUTH).build();
        X509Certificate client =
                pki.leafTemplate().extendedKeyUsage(KeyPurpose.CLIENT_AUTH).build();

        PathValidationResult failed = validate(pki, serverOnly, List.of(pki.ca), ValidationPolicy.tlsClient());
        PathValidationResult passed = validate(pki, client, List.of(pki.ca), ValidationPolicy.tlsClient());

        assertThat(failed.subIndication()).isEqualTo(SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(failed.reasons()).anySatisfy(r -> assertThat(r).contains("§4.2.1.12"));
        assertThat(passed.passed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void intermediateFromTheInjectedPoolIsUsed(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = pki(algorithm);
        FakeSources sources = pki.goodCrls();
        PathValidator validator = new PathValidator(
                CertificateSource.of(List.of(pki.ca)),
                new RevocationChecker(sources, sources, RevocationCache.none(), TestPki.CLOCK));

        PathValidationResult result =
                validator.validate(pki.leaf, List.of(), pki.anchors(), AT, ValidationPolicy.documentSigning());

        assertThat(result.passed()).isTrue();
        assertThat(result.chain()).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void revokedCaFailsIndeterminate(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = pki(algorithm);
        FakeSources sources = pki.goodCrls();
        sources.crls.put(
                TestPki.ROOT_CRL,
                cn.tongban.trust.pki.CrlBuilder.issuedBy(pki.root, pki.rootKey.getPrivate())
                        .updates(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)))
                        .revoke(
                                pki.ca.getSerialNumber(),
                                AT.minus(Duration.ofDays(2)),
                                java.security.cert.CRLReason.CA_COMPROMISE)
                        .build()
                        .getEncoded());

        PathValidationResult result = sources.validator()
                .validate(pki.leaf, List.of(pki.ca), pki.anchors(), AT, ValidationPolicy.documentSigning());

        assertThat(result.subIndication()).isEqualTo(SubIndication.REVOKED_CA_NO_POE);
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_2048", "EC_P256", "SM2"})
    void policyWithoutRevocationDoesNotAskTheSources(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = pki(algorithm);
        FakeSources none = new FakeSources();

        PathValidationResult result = none.validator()
                .validate(
                        pki.leaf,
                        List.of(pki.ca),
                        pki.anchors(),
                        AT,
                        ValidationPolicy.documentSigning().withoutRevocation());

        assertThat(result.passed()).isTrue();
        assertThat(result.leafFacts().orElseThrow().revocation()).isInstanceOf(RevocationStatus.NotChecked.class);
        assertThat(none.ocspCalls.get() + none.crlCalls.get()).isZero();
    }

    @org.junit.jupiter.api.Test
    void sha1SignedCertificateViolatesTheAlgorithmPolicy() throws Exception {
        TestPki pki = pki(KeyAlgorithm.RSA_2048);
        X509Certificate sha1 = RawCertificates.issue(
                "CN=SHA1 Leaf,O=Tongban Test,C=CN",
                pki.leafKey.getPublic(),
                pki.ca,
                pki.caKey.getPrivate(),
                "SHA1withRSA",
                null,
                org.bouncycastle.asn1.x509.KeyUsage.digitalSignature);

        PathValidationResult result = validate(pki, sha1);

        assertThat(result.subIndication()).isEqualTo(SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("SHA1withRSA"));
    }

    @org.junit.jupiter.api.Test
    void rsa1024KeyViolatesTheAlgorithmPolicy() throws Exception {
        TestPki pki = pki(KeyAlgorithm.RSA_2048);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        X509Certificate weak = pki.leafTemplate()
                .publicKey(generator.generateKeyPair().getPublic())
                .build();

        PathValidationResult result = validate(pki, weak);

        assertThat(result.subIndication()).isEqualTo(SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("1024 bits"));
    }

    @org.junit.jupiter.api.Test
    void keyOnAnUnlistedCurveViolatesTheAlgorithmPolicy() throws Exception {
        TestPki pki = pki(KeyAlgorithm.EC_P256);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", cn.tongban.trust.pki.Providers.bc());
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp224r1"));
        X509Certificate p224 = RawCertificates.issue(
                "CN=P-224 Leaf,O=Tongban Test,C=CN",
                generator.generateKeyPair().getPublic(),
                pki.ca,
                pki.caKey.getPrivate(),
                null,
                null,
                org.bouncycastle.asn1.x509.KeyUsage.digitalSignature);

        PathValidationResult result = validate(pki, p224);

        assertThat(result.subIndication()).isEqualTo(SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("1.3.132.0.33"));
    }
}
