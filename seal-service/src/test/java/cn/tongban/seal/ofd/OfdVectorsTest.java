package cn.tongban.seal.ofd;

import static cn.tongban.seal.ofd.OfdFixtures.trustingRoot;
import static cn.tongban.seal.ofd.OfdFixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/** The OFD vectors, judged as the vectors' README says (docs/STANDARDS.md §1.5, §1.6). */
class OfdVectorsTest {

    private static final List<String> CERTIFICATE_CHECKS = List.of("SIGNER_CERTIFICATE", "SEAL_MAKER_CERTIFICATE");

    private final OfdSignatureVerifier unvalidated = new OfdSignatureVerifier();

    @Test
    void allprotectedPassesEveryCheckButTheChainWhenNoJudgeIsConfigured() {
        OfdReport report = unvalidated.verify(vector("allprotected.ofd"));

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).contains(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        SignatureReport s = only(report);
        assertThat(s.checks())
                .filteredOn(c -> !CERTIFICATE_CHECKS.contains(c.rule()))
                .allSatisfy(c ->
                        assertThat(c.status()).as(c.rule() + ": " + c.detail()).isEqualTo(Check.Status.PASSED));
        assertThat(s.checks())
                .extracting(Check::rule)
                .contains(
                        "REFERENCE /Doc_0/Document.xml",
                        "DATA_HASH",
                        "SIGNATURE_VALUE",
                        "SIGNER_IN_SEAL",
                        "SEAL_SIGNATURE",
                        "SEAL_FILE",
                        "SEAL_VALIDITY");
        assertThat(s.checks())
                .filteredOn(c -> CERTIFICATE_CHECKS.contains(c.rule()))
                .allSatisfy(c -> assertThat(c.detail()).contains("chain not validated"));
        assertThat(s.signingTime()).contains(Instant.parse("2020-10-23T11:45:37Z"));
        assertThat(s.sealName()).contains("OFD R&W 测试用印章");
        assertThat(s.esId()).contains("51f044b76510434e9bc67a1185c2fba5");
        assertThat(s.signerSubject()).isPresent();
        assertThat(s.checks()).allSatisfy(c -> assertThat(c.clause()).isNotBlank());
    }

    @Test
    void allprotectedIsTotalPassedWithTheTestRootAsTrustAnchor() {
        OfdReport report =
                new OfdSignatureVerifier(trustingRoot(), OfdLimits.DEFAULT).verify(vector("allprotected.ofd"));

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.subIndication()).isEmpty();
        assertThat(only(report).checks()).allSatisfy(c -> assertThat(c.status()).isEqualTo(Check.Status.PASSED));
    }

    @Test
    void sesv4SignDocFailsBecauseSignedAfterTheSealsValidEnd() {
        OfdReport report = unvalidated.verify(vector("SESV4SignDoc.ofd"));

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).contains(SubIndication.SIG_CONSTRAINTS_FAILURE);
        SignatureReport s = only(report);
        assertThat(check(s, "SEAL_VALIDITY").status()).isEqualTo(Check.Status.FAILED);
        assertThat(check(s, "SEAL_VALIDITY").detail()).contains("after the seal's validity");
        for (String intact : List.of("DATA_HASH", "SIGNATURE_VALUE", "SEAL_SIGNATURE", "SIGNER_IN_SEAL", "SEAL_FILE")) {
            assertThat(check(s, intact).status()).as(intact).isEqualTo(Check.Status.PASSED);
        }
        assertThat(s.signingTime()).contains(Instant.parse("2026-08-04T02:08:09Z"));
    }

    @Test
    void sesv4SignDocSignerCertificateHadExpiredWhenJudgedByTheTestRoot() {
        SignatureReport s =
                only(new OfdSignatureVerifier(trustingRoot(), OfdLimits.DEFAULT).verify(vector("SESV4SignDoc.ofd")));

        assertThat(s.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(check(s, "SIGNER_CERTIFICATE").subIndication()).isEqualTo(SubIndication.EXPIRED);
    }

    @Test
    void nOfdIsRejectedBecauseTheDocumentWasEditedAfterSigning() {
        OfdReport report = unvalidated.verify(vector("n.ofd"));

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).contains(SubIndication.HASH_FAILURE);
        SignatureReport s = only(report);
        assertThat(check(s, "DATA_HASH").subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
        assertThat(check(s, "SIGNATURE_VALUE").subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(check(s, "SEAL_SIGNATURE").status()).isEqualTo(Check.Status.PASSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"signedFile.ofd", "v4signed.ofd"})
    void taxAuthorityOfdsAreIntactButTheirChainIsIndeterminate(String name) {
        OfdReport report = unvalidated.verify(vector(name));

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).contains(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        SignatureReport s = only(report);
        assertThat(s.checks())
                .filteredOn(c -> !CERTIFICATE_CHECKS.contains(c.rule()))
                .allSatisfy(c ->
                        assertThat(c.status()).as(c.rule() + ": " + c.detail()).isEqualTo(Check.Status.PASSED));
        assertThat(s.checks())
                .filteredOn(c -> c.rule().startsWith("REFERENCE "))
                .hasSizeGreaterThan(10);
        assertThat(s.checks()).extracting(Check::rule).doesNotContain("SEAL_FILE"); // no Seal/BaseLoc in these
    }

    static SignatureReport only(OfdReport report) {
        assertThat(report.signatures()).as(report.toString()).hasSize(1);
        return report.signatures().get(0);
    }

    static Check check(SignatureReport s, String name) {
        Optional<Check> c =
                s.checks().stream().filter(x -> x.rule().equals(name)).findFirst();
        assertThat(c).as("check " + name + " in " + s.checks()).isPresent();
        return c.get();
    }
}
