package cn.tongban.seal.ofd;

import static cn.tongban.seal.ofd.OfdVectorsTest.check;
import static cn.tongban.seal.ofd.OfdVectorsTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import cn.tongban.seal.codec.TestSeals;
import cn.tongban.seal.make.SealMaker;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.seal.make.SealRequests;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * One negative test per signature rule that the vectors do not exercise (docs/STANDARDS.md §1.5), on allprotected.ofd
 * re-signed with ofdrw's USER key under a seal made by SealBuilder.p12 (both issued by ROOT.p12).
 */
class OfdResignedTest {

    private static final OfdFixtures.KeyEntry USER = OfdFixtures.p12("USER.p12", "777777");
    private static final OfdFixtures.KeyEntry MAKER = OfdFixtures.p12("SealBuilder.p12", "777777");
    private static final ResignedOfds.SignerKey USER_KEY =
            new ResignedOfds.SignerKey(USER.key(), USER.certificate(), TestSeals.SM3_WITH_SM2, "SM3withSM2");
    /** Inside the USER and SealBuilder certificates' validity. */
    private static final Instant SIGNED =
            USER.certificate().getNotBefore().toInstant().plus(2, ChronoUnit.DAYS);

    private final OfdSignatureVerifier trusting =
            new OfdSignatureVerifier(OfdFixtures.trustingRoot(), OfdLimits.DEFAULT);

    @Test
    void resignedDocumentPassesEveryCheck() throws Exception {
        OfdReport report = trusting.verify(ResignedOfds.resign(seal(USER.certificate()), USER_KEY, SIGNED, null));

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void signerNotListedInTheSealIsASigConstraintsFailure() throws Exception {
        SignatureReport s =
                only(trusting.verify(ResignedOfds.resign(seal(TestSeals.sm2().certificate()), USER_KEY, SIGNED, null)));

        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(s.subIndication()).contains(SubIndication.SIG_CONSTRAINTS_FAILURE);
        assertThat(check(s, "SIGNER_IN_SEAL").status()).isEqualTo(Check.Status.FAILED);
    }

    @Test
    void signerListedByCertificateDigestIsAccepted() throws Exception {
        SealRequests r = request(USER.certificate());
        r.certListType = SealRequest.CertListType.DIGESTS;
        byte[] seal = new SealMaker(MAKER.key(), MAKER.certificate()).make(r.build());

        SignatureReport s = only(trusting.verify(ResignedOfds.resign(seal, USER_KEY, SIGNED, null)));

        assertThat(check(s, "SIGNER_IN_SEAL").status()).isEqualTo(Check.Status.PASSED);
        assertThat(s.indication()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void signedBeforeTheSealsValidStartIsASigConstraintsFailure() throws Exception {
        byte[] ofd = ResignedOfds.resign(seal(USER.certificate()), USER_KEY, SIGNED.minus(2, ChronoUnit.HOURS), null);

        SignatureReport s = only(trusting.verify(ofd));

        assertThat(s.subIndication()).contains(SubIndication.SIG_CONSTRAINTS_FAILURE);
        assertThat(check(s, "SEAL_VALIDITY").detail()).contains("before the seal's validity");
    }

    @Test
    void timestampGenTimeIsTheTimeJudgedAt() throws Exception {
        Instant genTime = SIGNED.plus(1, ChronoUnit.HOURS);
        byte[] ofd =
                ResignedOfds.resign(seal(USER.certificate()), USER_KEY, SIGNED, new ResignedOfds.Stamp(genTime, true));

        SignatureReport s = only(trusting.verify(ofd));

        assertThat(s.indication()).as(s.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(s.signingTime()).contains(genTime);
    }

    @Test
    void timestampAfterTheSealsValidEndFailsEvenWhenTimeInfoIsInside() throws Exception {
        Instant genTime = SIGNED.plus(400, ChronoUnit.DAYS); // the test seal is valid one year
        byte[] ofd =
                ResignedOfds.resign(seal(USER.certificate()), USER_KEY, SIGNED, new ResignedOfds.Stamp(genTime, true));

        SignatureReport s = only(new OfdSignatureVerifier().verify(ofd));

        assertThat(s.subIndication()).contains(SubIndication.SIG_CONSTRAINTS_FAILURE);
        assertThat(check(s, "SEAL_VALIDITY").detail()).contains("after the seal's validity");
    }

    @Test
    void timestampNotOverTheSignatureValueIsASigCryptoFailure() throws Exception {
        byte[] ofd =
                ResignedOfds.resign(seal(USER.certificate()), USER_KEY, SIGNED, new ResignedOfds.Stamp(SIGNED, false));

        SignatureReport s = only(trusting.verify(ofd));

        assertThat(s.subIndication()).contains(SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(check(s, "SIGNING_TIME").detail()).contains("message imprint");
    }

    @Test
    void timestampWithoutItsTsaCertificateIsIndeterminateAndTimeInfoIsUsed() throws Exception {
        byte[] ofd = ResignedOfds.resign(
                seal(USER.certificate()),
                USER_KEY,
                SIGNED,
                new ResignedOfds.Stamp(SIGNED.plus(1, ChronoUnit.HOURS), true, false));

        SignatureReport s = only(trusting.verify(ofd));

        assertThat(s.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(s.subIndication()).contains(SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
        assertThat(s.signingTime()).contains(SIGNED.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void rsaSignerWithSha256DataHashIsCryptographicallyIntact() throws Exception {
        TestSeals.Signer rsa = TestSeals.rsa();
        byte[] ofd = ResignedOfds.resign(
                seal(rsa.certificate()),
                new ResignedOfds.SignerKey(rsa.keys().getPrivate(), rsa.certificate(), rsa.oid(), rsa.jcaName()),
                SIGNED,
                null);

        SignatureReport s = only(new OfdSignatureVerifier().verify(ofd));

        assertThat(s.indication()).as(s.toString()).isEqualTo(Indication.INDETERMINATE);
        assertThat(s.subIndication()).contains(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(check(s, "DATA_HASH").detail()).contains("SHA-256");
    }

    /** A seal by SealBuilder.p12 listing {@code signer}, valid one year from one hour before {@link #SIGNED}. */
    private static byte[] seal(X509Certificate signer) {
        return new SealMaker(MAKER.key(), MAKER.certificate())
                .make(request(signer).build());
    }

    private static SealRequests request(X509Certificate signer) {
        SealRequests r = SealRequests.forSigners(signer);
        r.createDate = SIGNED.minus(1, ChronoUnit.HOURS);
        r.validStart = r.createDate;
        r.validEnd = r.validStart.plus(365, ChronoUnit.DAYS);
        return r;
    }
}
