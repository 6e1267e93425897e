package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.Providers;
import cn.tongban.trust.validation.AlgorithmPolicy;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * A detached CMS signed with each algorithm other producers use verifies (message digest, signature value) and
 * passes the dated algorithm table at the time of use, whose row the report names; weak ones pass only for uses
 * before their end dates.
 */
class CmsAlgorithmsTest {

    private static final byte[] DATA = "%PDF-1.7 signed bytes of a licence".getBytes(StandardCharsets.US_ASCII);
    private static final int[] WHOLE = {0, DATA.length, DATA.length, 0};
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final Map<KeyAlgorithm, KeyPair> KEYS = new EnumMap<>(KeyAlgorithm.class);

    private static synchronized KeyPair key(KeyAlgorithm algorithm) {
        return KEYS.computeIfAbsent(algorithm, KeyAlgorithm::generate);
    }

    private static X509Certificate certificate(KeyPair key, String name) {
        return CertificateBuilder.create()
                .subject("CN=" + name + ",O=Tongban Test,C=CN")
                .publicKey(key.getPublic())
                .selfSigned(key.getPrivate())
                .validity(Instant.parse("2011-01-01T00:00:00Z"), Instant.parse("2031-01-01T00:00:00Z"))
                .build();
    }

    private static CmsChecks.Outcome sign(KeyPair key, X509Certificate cert, String algorithm, String contentDigest)
            throws Exception {
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        JcaSignerInfoGeneratorBuilder signerInfo =
                new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                        .setProvider(Providers.bc())
                        .build());
        if (contentDigest != null) {
            signerInfo.setContentDigest(new AlgorithmIdentifier(new ASN1ObjectIdentifier(contentDigest)));
        }
        generator.addSignerInfoGenerator(
                signerInfo.build(builder.setProvider(Providers.bc()).build(key.getPrivate()), cert));
        generator.addCertificates(new JcaCertStore(List.of(cert)));
        ContentInfo info =
                generator.generate(new CMSProcessableByteArray(DATA), false).toASN1Structure();
        return CmsChecks.verify(DATA, WHOLE, info, false);
    }

    private static Check rule(CmsChecks.Outcome o, String rule) {
        return o.checks().stream()
                .filter(c -> c.rule().equals(rule))
                .findFirst()
                .orElseThrow();
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
                "RSA_PSS",
                "ED25519",
                "SM2",
                "RSA_2048"
            })
    void aCmsSignedWithEachAcceptedAlgorithmVerifiesAndPassesTheTable(KeyAlgorithm algorithm) throws Exception {
        KeyPair key = key(algorithm);
        CmsChecks.Outcome o = sign(key, certificate(key, algorithm.name()), algorithm.signatureAlgorithm(), null);

        assertThat(rule(o, "CMS_MESSAGE_DIGEST").status()).isEqualTo(Check.Status.PASSED);
        assertThat(rule(o, "CMS_SIGNATURE_VALUE").status())
                .as(rule(o, "CMS_SIGNATURE_VALUE").detail())
                .isEqualTo(Check.Status.PASSED);
        Check policy = CmsChecks.algorithmPolicy(o, AlgorithmPolicy.defaults(), NOW, "VALIDATION_TIME");
        assertThat(policy.status()).as(policy.detail()).isEqualTo(Check.Status.PASSED);
        assertThat(policy.detail()).contains("row ", "validation time");
    }

    @Test
    void aTamperedEd25519SignatureValueFails() throws Exception {
        KeyPair key = key(KeyAlgorithm.ED25519);
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // The certificate names another key: the value cannot verify with it.
        CmsChecks.Outcome o = sign(other, certificate(key, "ED25519 other"), "Ed25519", null);

        assertThat(rule(o, "CMS_SIGNATURE_VALUE").status()).isEqualTo(Check.Status.FAILED);
        assertThat(rule(o, "CMS_SIGNATURE_VALUE").subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void rsaPssWhoseHashDiffersFromTheDigestAlgorithmIsRefused() throws Exception {
        KeyPair key = key(KeyAlgorithm.RSA_PSS);
        // digestAlgorithm SHA-256, RSASSA-PSS parameters SHA-384 (RFC 4056 §3 wants them equal).
        CmsChecks.Outcome o =
                sign(key, certificate(key, "PSS mixed"), "SHA384withRSAandMGF1", "2.16.840.1.101.3.4.2.1");

        Check policy = CmsChecks.algorithmPolicy(o, AlgorithmPolicy.defaults(), NOW, "VALIDATION_TIME");

        assertThat(rule(o, "CMS_SIGNATURE_VALUE").status()).isEqualTo(Check.Status.PASSED);
        assertThat(policy.status()).isEqualTo(Check.Status.INDETERMINATE);
        assertThat(policy.subIndication()).isEqualTo(SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
        assertThat(policy.detail()).contains("RFC 4056 §3");
    }

    @Test
    void sha1PassesForAUseATimeStampProvesBeforeItsEndDateAndFailsAtTheValidationTime() throws Exception {
        KeyPair key = key(KeyAlgorithm.RSA_2048);
        CmsChecks.Outcome o = sign(key, certificate(key, "SHA1 signer"), "SHA1withRSA", null);

        Check before = CmsChecks.algorithmPolicy(
                o, AlgorithmPolicy.defaults(), Instant.parse("2012-06-01T00:00:00Z"), "TIMESTAMP");
        Check after = CmsChecks.algorithmPolicy(o, AlgorithmPolicy.defaults(), NOW, "VALIDATION_TIME");

        assertThat(rule(o, "CMS_MESSAGE_DIGEST").status()).isEqualTo(Check.Status.PASSED);
        assertThat(before.status()).as(before.detail()).isEqualTo(Check.Status.PASSED);
        assertThat(before.detail()).contains("row SHA-1", "2012-08-01", "time-stamp");
        assertThat(after.status()).isEqualTo(Check.Status.INDETERMINATE);
        assertThat(after.detail()).contains("row SHA-1", "2012-08-01", "validation time");
    }

    @Test
    void rsa1024PassesForAUseBeforeItsEndDateAndFailsAfter() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();
        CmsChecks.Outcome o = sign(weak, certificate(weak, "RSA1024 signer"), "SHA256withRSA", null);

        Check before = CmsChecks.algorithmPolicy(
                o, AlgorithmPolicy.defaults(), Instant.parse("2019-09-01T00:00:00Z"), "TIMESTAMP");
        Check after = CmsChecks.algorithmPolicy(o, AlgorithmPolicy.defaults(), NOW, "TIMESTAMP");

        assertThat(before.status()).as(before.detail()).isEqualTo(Check.Status.PASSED);
        assertThat(after.status()).isEqualTo(Check.Status.INDETERMINATE);
        assertThat(after.detail()).contains("row RSA ≥ 1024 bits", "2019-10-01");
    }

    @Test
    void sm2WithADigestOtherThanSm3IsRefused() throws Exception {
        KeyPair key = key(KeyAlgorithm.SM2);
        CmsChecks.Outcome o = sign(key, certificate(key, "SM2 with SHA-256"), "SHA256withSM2", null);

        Check policy = CmsChecks.algorithmPolicy(o, AlgorithmPolicy.defaults(), NOW, "VALIDATION_TIME");

        assertThat(policy.status()).isEqualTo(Check.Status.INDETERMINATE);
        assertThat(policy.detail()).contains("STANDARDS §1.3");
    }
}
