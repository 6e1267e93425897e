package cn.tongban.trust.validation;

import static cn.tongban.trust.validation.TestPki.AT;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.pki.Providers;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The dated algorithm table (ETSI TS 119 312 via EU DSS 6.4's defaults), judged at the time of use: one passing and
 * one failing case per row family, through the path validator where a certificate carries the algorithm.
 */
class AlgorithmTableTest {

    private static final AlgorithmPolicy POLICY = AlgorithmPolicy.defaults();
    private static final Instant BEFORE_SHA1_END = Instant.parse("2012-07-31T12:00:00Z");
    private static final Instant BEFORE_RSA1024_END = Instant.parse("2019-09-30T12:00:00Z");

    /** A root, CA and leaf valid from 2011 to 2031, so that a path can be judged at old signing times. */
    private record OldPki(X509Certificate root, X509Certificate ca, KeyPair caKey, KeyPair leafKey) {
        static OldPki of(KeyAlgorithm algorithm) {
            KeyPair root = TestPki.key(algorithm, 0);
            KeyPair ca = TestPki.key(algorithm, 1);
            Instant from = Instant.parse("2011-01-01T00:00:00Z");
            Instant to = Instant.parse("2031-01-01T00:00:00Z");
            X509Certificate rootCert = CertificateBuilder.create()
                    .subject("CN=Old Root " + algorithm + ",O=T,C=CN")
                    .publicKey(root.getPublic())
                    .selfSigned(root.getPrivate())
                    .validity(from, to)
                    .ca(1)
                    .build();
            X509Certificate caCert = CertificateBuilder.create()
                    .subject("CN=Old CA " + algorithm + ",O=T,C=CN")
                    .publicKey(ca.getPublic())
                    .issuer(rootCert, root.getPrivate())
                    .validity(from, to)
                    .ca(0)
                    .build();
            return new OldPki(rootCert, caCert, ca, TestPki.key(algorithm, 2));
        }

        CertificateBuilder leaf() {
            return CertificateBuilder.create()
                    .subject("CN=Old Signer,O=T,C=CN")
                    .publicKey(leafKey.getPublic())
                    .issuer(ca, caKey.getPrivate())
                    .validity(Instant.parse("2011-06-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"))
                    .keyUsage(KeyUsage.DIGITAL_SIGNATURE);
        }

        PathValidationResult validate(X509Certificate leaf, Instant at) {
            return new FakeSources()
                    .validator()
                    .validate(
                            leaf,
                            List.of(ca),
                            new TrustAnchorSet("old", Set.of(root)),
                            at,
                            ValidationPolicy.documentSigning().withoutRevocation());
        }
    }

    @Test
    void aSha1SignedCertificatePassesForAUseBeforeTheSha1EndDateAndFailsAfter() throws Exception {
        OldPki pki = OldPki.of(KeyAlgorithm.RSA_2048);
        X509Certificate sha1 = RawCertificates.issue(
                "CN=SHA1 Leaf,O=T,C=CN",
                pki.leafKey().getPublic(),
                pki.ca(),
                pki.caKey().getPrivate(),
                "SHA1withRSA",
                null,
                org.bouncycastle.asn1.x509.KeyUsage.digitalSignature);
        // RawCertificates issues for NOW-30d..NOW+1y; judge the old use on a certificate valid then.
        X509Certificate oldSha1 = oldCopy(sha1, pki);

        PathValidationResult before = pki.validate(oldSha1, BEFORE_SHA1_END);
        PathValidationResult after = pki.validate(sha1, AT);

        assertThat(before.passed()).as(String.join("; ", before.reasons())).isTrue();
        assertThat(after.subIndication()).isEqualTo(SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
        assertThat(after.reasons())
                .anySatisfy(r -> assertThat(r).contains("SHA1withRSA", "row SHA-1", "2012-08-01", "ETSI TS 119 312"));
    }

    @Test
    void aMerelyClaimedOldSigningTimeDoesNotMakeSha1Acceptable() throws Exception {
        OldPki pki = OldPki.of(KeyAlgorithm.RSA_2048);
        X509Certificate oldSha1 = oldCopy(
                RawCertificates.issue(
                        "CN=SHA1 Leaf,O=T,C=CN",
                        pki.leafKey().getPublic(),
                        pki.ca(),
                        pki.caKey().getPrivate(),
                        "SHA1withRSA",
                        null,
                        0),
                pki);

        // Validity judged at the claimed 2012 time, algorithms at the validation time.
        PathValidationResult result = new FakeSources()
                .validator()
                .validate(
                        oldSha1,
                        List.of(pki.ca()),
                        new TrustAnchorSet("old", Set.of(pki.root())),
                        BEFORE_SHA1_END,
                        AT,
                        ValidationPolicy.documentSigning().withoutRevocation());

        assertThat(result.subIndication()).isEqualTo(SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("row SHA-1", "not at " + AT));
        assertThat(POLICY.allows(result.chain(), BEFORE_SHA1_END)).isTrue();
        assertThat(POLICY.allows(result.chain(), AT)).isFalse();
    }

    private static X509Certificate oldCopy(X509Certificate template, OldPki pki) throws Exception {
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                pki.ca(),
                BigInteger.TEN,
                java.util.Date.from(Instant.parse("2011-06-01T00:00:00Z")),
                java.util.Date.from(Instant.parse("2030-01-01T00:00:00Z")),
                template.getSubjectX500Principal(),
                template.getPublicKey());
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA1withRSA")
                .setProvider(Providers.bc())
                .build(pki.caKey().getPrivate());
        return cn.tongban.trust.pki.Certificates.parse(builder.build(signer).getEncoded(), true);
    }

    @Test
    void anRsa1024KeyPassesForAUseBeforeItsEndDateAndFailsAfter() throws Exception {
        OldPki pki = OldPki.of(KeyAlgorithm.RSA_2048);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        X509Certificate weak =
                pki.leaf().publicKey(generator.generateKeyPair().getPublic()).build();

        PathValidationResult before = pki.validate(weak, BEFORE_RSA1024_END);
        PathValidationResult after = pki.validate(weak, AT);

        assertThat(before.passed()).as(String.join("; ", before.reasons())).isTrue();
        assertThat(after.subIndication()).isEqualTo(SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
        assertThat(after.reasons())
                .anySatisfy(r -> assertThat(r).contains("1024 bits", "row RSA ≥ 1024 bits", "2019-10-01"));
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {
                "EC_P384",
                "EC_P521",
                "BRAINPOOL_P256",
                "BRAINPOOL_P384",
                "BRAINPOOL_P512",
                "ED25519",
                "RSA_PSS",
                "SM2"
            })
    void pathsOfTheOtherProducersKeysPassWithRevocation(KeyAlgorithm algorithm) throws Exception {
        TestPki pki = PathValidatorTest.pki(algorithm);

        PathValidationResult result = pki.goodCrls()
                .validator()
                .validate(pki.leaf, List.of(pki.ca), pki.anchors(), AT, ValidationPolicy.documentSigning());

        assertThat(result.passed()).as(String.join("; ", result.reasons())).isTrue();
    }

    @Test
    void aRsaPssSignedCertificatePassesAndNamesItsDigestRow() throws Exception {
        TestPki pki = PathValidatorTest.pki(KeyAlgorithm.RSA_2048);
        X509Certificate pss = RawCertificates.issue(
                "CN=PSS Leaf,O=T,C=CN",
                pki.leafKey.getPublic(),
                pki.ca,
                pki.caKey.getPrivate(),
                "SHA256withRSAandMGF1",
                null,
                org.bouncycastle.asn1.x509.KeyUsage.digitalSignature);

        PathValidationResult result = new FakeSources()
                .validator()
                .validate(
                        pss,
                        List.of(pki.ca),
                        pki.anchors(),
                        AT,
                        ValidationPolicy.documentSigning().withoutRevocation());

        assertThat(pss.getSigAlgOID()).isEqualTo(PKCSObjectIdentifiers.id_RSASSA_PSS.getId());
        assertThat(result.passed()).as(String.join("; ", result.reasons())).isTrue();
        assertThat(POLICY.signatureAlgorithm(pss.getSigAlgOID(), pss.getSigAlgParams(), AT)
                        .text())
                .contains("RSASSA-PSS", "row SHA-256", "no end date");
    }

    @Test
    void rsaPssParametersWhoseMgfHashDiffersFromTheMessageHashAreRefused() throws Exception {
        byte[] mismatched = new RSASSAPSSparams(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
                        new AlgorithmIdentifier(
                                PKCSObjectIdentifiers.id_mgf1,
                                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha512, DERNull.INSTANCE)),
                        new ASN1Integer(32),
                        new ASN1Integer(1))
                .getEncoded();

        AlgorithmPolicy.Use use =
                POLICY.signatureAlgorithm(PKCSObjectIdentifiers.id_RSASSA_PSS.getId(), mismatched, AT);

        assertThat(use.allowed()).isFalse();
        assertThat(use.text()).contains("RFC 4055 §3.1");
        assertThat(AlgorithmPolicy.pssHash(mismatched)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {
                "EC_P256",
                "EC_P384",
                "EC_P521",
                "BRAINPOOL_P256",
                "BRAINPOOL_P384",
                "BRAINPOOL_P512",
                "ED25519",
                "SM2"
            })
    void keysOnTheTablesCurvesAreAcceptedWithoutEndDate(KeyAlgorithm algorithm) {
        AlgorithmPolicy.Use use =
                POLICY.key(TestPki.key(algorithm, 0).getPublic(), false, Instant.parse("2040-01-01T00:00:00Z"));

        assertThat(use.allowed()).as(use.text()).isTrue();
        assertThat(use.text()).contains("row ", "no end date");
    }

    @Test
    void pkcs1RsaRunsOutIn2029WhilePssWithLargeKeysDoesNot() {
        var rsa3072 = KeyAlgorithm.RSA_3072.generate().getPublic();
        Instant in2030 = Instant.parse("2030-06-01T00:00:00Z");

        assertThat(POLICY.key(rsa3072, false, AT).allowed()).isTrue();
        assertThat(POLICY.key(rsa3072, false, in2030).text()).contains("row RSA ≥ 3000 bits", "2029-01-01");
        assertThat(POLICY.key(rsa3072, true, in2030).allowed()).isTrue();
    }

    @Test
    void md5AndUnknownDigestsAreRefusedAndSha256HasNoEndDate() {
        assertThat(POLICY.digest("1.2.840.113549.2.5", BEFORE_SHA1_END).text()).contains("row MD5", "2004-08-01");
        assertThat(POLICY.digest("1.2.3.4", AT).allowed()).isFalse();
        assertThat(POLICY.digest(NISTObjectIdentifiers.id_sha256.getId(), Instant.parse("2099-01-01T00:00:00Z"))
                        .allowed())
                .isTrue();
        assertThat(POLICY.digest("1.3.14.3.2.26", BEFORE_SHA1_END).allowed()).isTrue();
        assertThat(POLICY.digest("1.3.14.3.2.26", Instant.parse("2012-08-01T00:00:00Z"))
                        .allowed())
                .isFalse();
    }
}
