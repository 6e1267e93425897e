package cn.tongban.server.proofs;

import static cn.tongban.server.proofs.ProofFixtures.COMPANY;
import static cn.tongban.server.proofs.ProofFixtures.FOOD;
import static cn.tongban.server.proofs.ProofFixtures.ITEM;
import static cn.tongban.server.proofs.ProofFixtures.LICENCE;
import static cn.tongban.server.proofs.ProofFixtures.NOW;
import static cn.tongban.server.proofs.ProofFixtures.OTHER;
import static cn.tongban.server.proofs.ProofFixtures.PAPER;
import static cn.tongban.server.proofs.ProofFixtures.authorisation;
import static cn.tongban.server.proofs.ProofFixtures.licence;
import static cn.tongban.server.proofs.ProofFixtures.proof;
import static cn.tongban.server.proofs.ProofFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.AuthorisationStatus;
import cn.tongban.trust.verdict.Indication;

class RetainedProofRulesTest {

    @Test
    void aProofIsOnTheListByItsCodeOrItsNameAndNothingElseMayBeDemanded() {
        assertThat(RetainedProofRules.onList(FOOD, "P4")).contains(PAPER);
        assertThat(RetainedProofRules.onList(FOOD, " 场所平面图 ")).contains(PAPER);
        assertThat(RetainedProofRules.onList(FOOD, "户口本")).isEmpty();
        assertThat(RetainedProofRules.onList(FOOD, "")).isEmpty();
    }

    @Test
    void aLicenceWithoutMetadataHeldBySomeoneElseOrOfAnotherTypeDoesNotServeTheProof() {
        assertThat(RetainedProofRules.licenceProblems(COMPANY, LICENCE, licence(COMPANY, "JY", "JY1")))
                .isEmpty();
        assertThat(RetainedProofRules.licenceProblems(COMPANY, LICENCE, null))
                .containsExactly("the document carries no licence metadata");
        assertThat(RetainedProofRules.licenceProblems(COMPANY, LICENCE, licence(OTHER, "JY", "JY1")))
                .containsExactly("the licence is held by someone else");
        assertThat(RetainedProofRules.licenceProblems(COMPANY, LICENCE, licence(OTHER, "XK", "JY1")))
                .containsExactly(
                        "the licence is held by someone else", "the licence is of type XK, the list asks for JY");
    }

    @Test
    void theRegisterIsAskedOnlyForAVerifiedLicenceThatServesTheApplicantWhenTheListNamesIt() {
        var passed = report(Indication.TOTAL_PASSED, licence(COMPANY, "JY", "JY1"));
        assertThat(RetainedProofRules.confirmWithRegister(LICENCE, passed, List.of()))
                .isTrue();
        assertThat(RetainedProofRules.confirmWithRegister(
                        LICENCE, passed, List.of("the licence is held by someone" + " else")))
                .isFalse();
        assertThat(RetainedProofRules.confirmWithRegister(
                        LICENCE, report(Indication.TOTAL_FAILED, licence(COMPANY, "JY", "JY1")), List.of()))
                .isFalse();
        RetainedProof noRegister = proof("P9", "食品经营许可证", "E_LICENCE", null, null, "JY", null);
        assertThat(RetainedProofRules.confirmWithRegister(noRegister, passed, List.of()))
                .isFalse();
    }

    @Test
    void onlyGrantedUnexpiredAuthorisationsForTheServiceItemStateAPurposeEachOnce() {
        List<Authorisation> held = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // more than any page: the lookup is not capped
            held.add(authorisation("X" + i, "过期的用途 " + i, ITEM, AuthorisationStatus.GRANTED, NOW));
        }
        held.add(authorisation("R", "被拒的用途", ITEM, AuthorisationStatus.REFUSED, NOW.plus(Duration.ofDays(9))));
        held.add(authorisation(
                "Q", "别的事项", "310000-QR-0001", AuthorisationStatus.GRANTED, NOW.plus(Duration.ofDays(9))));
        held.add(authorisation("A", "食品经营许可审查", ITEM, AuthorisationStatus.GRANTED, NOW.plus(Duration.ofDays(9))));
        held.add(authorisation("B", "食品经营许可审查", ITEM, AuthorisationStatus.GRANTED, NOW.plus(Duration.ofDays(20))));
        assertThat(RetainedProofRules.grantedPurposes(held, ITEM, NOW)).containsExactly("食品经营许可审查");
    }

    @Test
    void theRegisterCheckPurposeIsTheConfiguredStatementWithTheNamesFilledIn() {
        assertThat(RetainedProofRules.registerCheckPurpose(
                        ProofsProperties.DEFAULT_REGISTER_CHECK_PURPOSE, FOOD, LICENCE))
                .isEqualTo("食品经营许可：向签发机构核验食品经营许可证是否有效");
        assertThat(RetainedProofRules.registerCheckPurpose("核验 {proof}", FOOD, LICENCE))
                .isEqualTo("核验 食品经营许可证");
    }

    @Test
    void theCommitmentNamesTheServiceItemTheProofItsUseAndItsBasis() {
        RetainedProof p = proof("P3", "无违法记录证明", "NOTIFY_COMMIT", null, Map.of(), null, null);
        assertThat(RetainedProofRules.commitmentText(FOOD, p))
                .contains("“食品经营许可”", "“无违法记录证明”", "（用于无违法记录证明）", "依据：《食品经营许可和备案管理办法》第十条。");
    }
}
