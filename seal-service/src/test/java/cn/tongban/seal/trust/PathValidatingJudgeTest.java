package cn.tongban.seal.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import cn.tongban.seal.SealWorld;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.report.CertificateJudge.Purpose;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/** The trust-module judge at the signing time, and the reuse of a passed path for other signing times. */
class PathValidatingJudgeTest {

    private static final SealWorld WORLD = new SealWorld(KeyAlgorithm.EC_P256);

    @Test
    void signerAndSealMakerChainToTheAnchorsAtTheSigningTime() {
        CertificateJudge judge = WORLD.judge();
        Instant now = Instant.now();

        assertThat(judge.judge(WORLD.signer.certificate(), now, Purpose.SIGNER).status())
                .isEqualTo(Check.Status.PASSED);
        assertThat(judge.judge(WORLD.maker.certificate(), now, Purpose.SEAL_MAKER)
                        .status())
                .isEqualTo(Check.Status.PASSED);
    }

    @Test
    void aReusedPathIsStillJudgedAgainstEachSigningTime() {
        CertificateJudge judge = WORLD.judge();
        Instant now = Instant.now();
        assertThat(judge.judge(WORLD.signer.certificate(), now, Purpose.SIGNER).status())
                .isEqualTo(Check.Status.PASSED);

        // TestPki leaves are valid from now − 1 h: two hours ago the path cannot be reused, and fails afresh.
        CertificateJudge.Judgement before =
                judge.judge(WORLD.signer.certificate(), now.minus(2, ChronoUnit.HOURS), Purpose.SIGNER);
        assertThat(before.status()).isEqualTo(Check.Status.FAILED);
        assertThat(before.subIndication()).contains(SubIndication.NOT_YET_VALID);

        CertificateJudge.Judgement later = judge.judge(WORLD.signer.certificate(), now.plusSeconds(5), Purpose.SIGNER);
        assertThat(later.status()).isEqualTo(Check.Status.PASSED);
        assertThat(later.detail()).contains("established at");
    }

    @Test
    void aSignerCertificateIsNotASealMakerUnderAnotherAnchorSet() {
        SealWorld other = new SealWorld(KeyAlgorithm.EC_P256);
        CertificateJudge.Judgement j =
                WORLD.judge().judge(other.maker.certificate(), Instant.now(), Purpose.SEAL_MAKER);
        assertThat(j.status()).isEqualTo(Check.Status.INDETERMINATE);
        assertThat(j.subIndication()).contains(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }

    @Test
    void whatTheAnchorSetsRevocationModeLeavesUncheckedIsReportedAlsoWhenThePathIsReused() {
        var anchors = new cn.tongban.trust.validation.TrustAnchorSet(
                "no-revocation",
                java.util.Set.of(WORLD.pki.root().certificate()),
                cn.tongban.trust.validation.AnchorSetPolicy.DEFAULT.withRevocation(
                        cn.tongban.trust.validation.RevocationMode.OFF));
        var nothing = new cn.tongban.trust.validation.RevocationChecker(
                (c, i) -> java.util.Optional.empty(),
                p -> java.util.Optional.empty(),
                cn.tongban.trust.validation.RevocationCache.none(),
                WORLD.pki.clock());
        CertificateJudge judge = PathValidatingJudge.of(
                new cn.tongban.trust.validation.PathValidator(
                        cn.tongban.trust.validation.CertificateSource.of(
                                java.util.List.of(WORLD.pki.intermediate().certificate())),
                        nothing),
                anchors,
                anchors);
        Instant now = Instant.now();

        CertificateJudge.Judgement first = judge.judge(WORLD.signer.certificate(), now, Purpose.SIGNER);
        CertificateJudge.Judgement reused = judge.judge(WORLD.signer.certificate(), now.plusSeconds(1), Purpose.SIGNER);

        for (CertificateJudge.Judgement j : java.util.List.of(first, reused)) {
            assertThat(j.status()).isEqualTo(Check.Status.PASSED);
            assertThat(j.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("REVOCATION_OFF"));
            assertThat(j.detail()).contains("warning: REVOCATION_OFF");
        }
        assertThat(reused.detail()).contains("established at");
    }

    @Test
    void aPathPassedOnlyAtAnEarlierProvenTimeIsNotReusedForAClaimedTime() throws Exception {
        // A leaf signed with SHA-1 by the PKI's CA: acceptable for uses before 2012-08-01 only.
        var ca = WORLD.pki.intermediate();
        var key = java.security.KeyPairGenerator.getInstance("EC");
        key.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var leafKey = key.generateKeyPair();
        Instant from = WORLD.pki.intermediate().certificate().getNotBefore().toInstant();
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                ca.certificate(),
                java.math.BigInteger.valueOf(4242),
                java.util.Date.from(from),
                java.util.Date.from(Instant.now().plus(30, ChronoUnit.DAYS)),
                new javax.security.auth.x500.X500Principal("CN=SHA1 signer,O=Tongban Test,C=CN"),
                leafKey.getPublic());
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA1withECDSA")
                .setProvider(cn.tongban.trust.pki.Providers.bc())
                .build(ca.issued().privateKey());
        java.security.cert.X509Certificate sha1 =
                cn.tongban.trust.pki.Certificates.parse(builder.build(signer).getEncoded(), true);
        var anchors = new cn.tongban.trust.validation.TrustAnchorSet(
                "test-root",
                java.util.Set.of(WORLD.pki.root().certificate()),
                cn.tongban.trust.validation.AnchorSetPolicy.DEFAULT.withRevocation(
                        cn.tongban.trust.validation.RevocationMode.OFF));
        PathValidatingJudge judge = PathValidatingJudge.of(
                new cn.tongban.trust.validation.PathValidator(
                        cn.tongban.trust.validation.CertificateSource.of(java.util.List.of(ca.certificate())),
                        new cn.tongban.trust.validation.RevocationChecker(
                                (c, i) -> java.util.Optional.empty(),
                                p -> java.util.Optional.empty(),
                                cn.tongban.trust.validation.RevocationCache.none(),
                                WORLD.pki.clock())),
                anchors,
                anchors);
        Instant now = Instant.now();

        CertificateJudge.Judgement proven =
                judge.judge(sha1, java.util.List.of(), now, Instant.parse("2012-01-01T00:00:00Z"), Purpose.SIGNER);
        CertificateJudge.Judgement claimed = judge.judge(sha1, now.plusSeconds(1), Purpose.SIGNER);

        assertThat(proven.status()).as(proven.detail()).isEqualTo(Check.Status.PASSED);
        assertThat(claimed.status()).isEqualTo(Check.Status.INDETERMINATE);
        assertThat(claimed.subIndication()).contains(SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
        assertThat(claimed.detail()).contains("row SHA-1");
    }
}
