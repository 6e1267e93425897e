package cn.tongban.server.proofs;

import static cn.tongban.server.proofs.ProofFixtures.BUSINESS;
import static cn.tongban.server.proofs.ProofFixtures.COMPANY;
import static cn.tongban.server.proofs.ProofFixtures.FOOD;
import static cn.tongban.server.proofs.ProofFixtures.ITEM;
import static cn.tongban.server.proofs.ProofFixtures.NOW;
import static cn.tongban.server.proofs.ProofFixtures.OTHER;
import static cn.tongban.server.proofs.ProofFixtures.REGISTER;
import static cn.tongban.server.proofs.ProofFixtures.authorisation;
import static cn.tongban.server.proofs.ProofFixtures.licence;
import static cn.tongban.server.proofs.ProofFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import cn.tongban.api.model.ApplicantDto;
import cn.tongban.api.model.ApplicantIdTypeDto;
import cn.tongban.api.model.ProofAnswerDto;
import cn.tongban.api.model.ProofOutcomeDto;
import cn.tongban.api.model.ProofRequestDto;
import cn.tongban.audit.AccessEntry.Outcome;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.AuthorisationStatus;
import cn.tongban.exchange.PullRequest;
import cn.tongban.exchange.PullResult;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;
import cn.tongban.trust.verdict.Indication;

/** The proof request service over fakes of the catalogue, the exchange, the licence library and the journal. */
class ProofRequestsTest {

    record Journalled(String action, String resource, Outcome outcome, String errorCode, ProofRequests.Entry entry) {}

    final ObjectMapper mapper = new ObjectMapper();
    final List<Journalled> journal = new ArrayList<>();
    final List<PullRequest> pulled = new ArrayList<>();
    final List<Authorisation> held = new ArrayList<>();
    Optional<byte[]> libraryAnswer = Optional.empty();
    boolean libraryDown;
    LicenceMetadata verifiedLicence = licence(COMPANY, "JY", "JY3101");
    ArrayNode answerRecords = mapper.createArrayNode();

    ProofRequests service() {
        LicenceLibrary library = (holder, type) -> {
            if (libraryDown) {
                throw new LicenceLibrary.UnavailableException("library down");
            }
            return libraryAnswer;
        };
        return new ProofRequests(
                code -> code.equals(ITEM) ? Optional.of(FOOD) : Optional.empty(),
                (action, resource, outcome, errorCode, e) -> {
                    journal.add(new Journalled(action, resource, outcome, errorCode, e));
                    return journal.size();
                },
                request -> {
                    pulled.add(request);
                    return new PullResult(
                            request.resourceCode(), answerRecords, List.of("name"), List.of(), "sha256", 99);
                },
                (consumer, resource) -> held,
                library,
                document -> report(Indication.TOTAL_PASSED, verifiedLicence),
                mapper,
                Clock.fixed(NOW, ZoneOffset.UTC),
                ProofsProperties.DEFAULT_REGISTER_CHECK_PURPOSE);
    }

    static ProofRequestDto request(String proof, String purpose) {
        return new ProofRequestDto(
                        ITEM, proof, new ApplicantDto(ApplicantIdTypeDto.UNIFIED_SOCIAL_CREDIT_CODE, COMPANY))
                .purpose(purpose)
                .operator("clerk-7");
    }

    static ErrorCode code(Throwable t) {
        return ((ApiException) t).code();
    }

    @Test
    void aProofNotOnTheRetainedListIsRefusedAndJournalledAsRefused() {
        assertThatThrownBy(() -> service().request(request("户口本", "p"), "city-service-window"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.PROOF_NOT_ON_RETAINED_LIST));
        assertThat(journal).singleElement().satisfies(j -> {
            assertThat(j.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(j.errorCode()).isEqualTo("PROOF_NOT_ON_RETAINED_LIST");
            assertThat(j.entry().applicant()).isEqualTo(COMPANY);
        });
    }

    @Test
    void anInvalidApplicantIdentifierOrAnUnknownServiceItemIsRefusedBeforeAnythingIsJournalled() {
        ProofRequestDto bad = request("P4", "p")
                .applicant(new ApplicantDto(ApplicantIdTypeDto.UNIFIED_SOCIAL_CREDIT_CODE, "91310000MA1FL8TQ2X"));
        assertThatThrownBy(() -> service().request(bad, "city-service-window"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.VALIDATION_FAILED));
        ProofRequestDto unknown = request("P4", "p");
        unknown.setServiceItem("310000-XK-9999");
        assertThatThrownBy(() -> service().request(unknown, "city-service-window"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.SERVICE_ITEM_NOT_FOUND));
        assertThat(journal).isEmpty();
    }

    @Test
    void aDataPullAsksForTheMappedItemsAndAnswersInTheProofsFieldNames() {
        answerRecords.add(mapper.createObjectNode().put("name", "某餐饮公司").put("other", "x"));
        ProofAnswerDto a = service().request(request("P1", "食品经营许可审查"), "city-service-window");
        assertThat(pulled).singleElement().satisfies(p -> {
            assertThat(p.resourceCode()).isEqualTo(BUSINESS);
            assertThat(p.purpose()).isEqualTo("食品经营许可审查");
            assertThat(p.serviceItem()).isEqualTo(ITEM);
            assertThat(p.fields()).containsExactly("name");
        });
        assertThat(a.getOutcome()).isEqualTo(ProofOutcomeDto.SATISFIED);
        assertThat(a.getPulled().getRecords()).containsExactly(Map.of("companyName", "某餐饮公司"));
        assertThat(journal.get(0).entry().fieldsDelivered()).containsExactly("name");
    }

    @Test
    void aDataPullWithoutAStatedPurposeStatesTheOneGrantedPurposeOrIsRefused() {
        assertThatThrownBy(() -> service().request(request("P1", null), "city-service-window"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NO_AUTHORISATION));
        held.add(authorisation("A", "食品经营许可审查", ITEM, AuthorisationStatus.GRANTED, NOW.plus(Duration.ofDays(9))));
        service().request(request("P1", " "), "city-service-window");
        assertThat(pulled).singleElement().extracting(PullRequest::purpose).isEqualTo("食品经营许可审查");
        held.add(authorisation("B", "食品安全抽检", ITEM, AuthorisationStatus.GRANTED, NOW.plus(Duration.ofDays(9))));
        assertThatThrownBy(() -> service().request(request("P1", null), "city-service-window"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void anUnavailableLibraryIsRetryableAndJournalledAsFailed() {
        libraryDown = true;
        assertThatThrownBy(() -> service().request(request("P2", null), "city-service-window"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LICENCE_LIBRARY_UNAVAILABLE);
                    assertThat(e.retryAfterSeconds()).isEqualTo(30L);
                });
        assertThat(journal).singleElement().extracting(Journalled::outcome).isEqualTo(Outcome.FAILED);
    }

    @Test
    void withoutAnElectronicLicenceTheAnswerSaysSo() {
        ProofAnswerDto a = service().request(request("P2", null), "city-service-window");
        assertThat(a.getOutcome()).isEqualTo(ProofOutcomeDto.NO_ELECTRONIC_LICENCE);
        assertThat(pulled).isEmpty();
    }

    @Test
    void aLicenceOfSomeoneElseIsNotValidAndTheRegisterIsNotAsked() {
        libraryAnswer = Optional.of(new byte[] {1});
        verifiedLicence = licence(OTHER, "JY", "JY3101");
        ProofAnswerDto a = service().request(request("P2", null), "city-service-window");
        assertThat(a.getOutcome()).isEqualTo(ProofOutcomeDto.LICENCE_NOT_VALID);
        assertThat(a.getLicence().getProblems()).containsExactly("the licence is held by someone else");
        assertThat(pulled).isEmpty();
        assertThat(journal.get(0).errorCode()).isEqualTo("LICENCE_NOT_VALID");
    }

    @Test
    void aValidLicenceIsConfirmedWithItsRegisterUnderTheConfiguredPurposeWhenNoneIsGranted() {
        libraryAnswer = Optional.of(new byte[] {1});
        answerRecords.add(mapper.createObjectNode().put("licenceNo", "JY3101"));
        ProofAnswerDto a = service().request(request("P2", null), "city-service-window");
        assertThat(pulled).singleElement().satisfies(p -> {
            assertThat(p.resourceCode()).isEqualTo(REGISTER);
            assertThat(p.subject()).isEqualTo("JY3101");
            assertThat(p.purpose()).isEqualTo("食品经营许可：向签发机构核验食品经营许可证是否有效");
            assertThat(p.fields()).containsExactly("licenceNo");
        });
        assertThat(a.getLicence().getRegister().getConfirmed()).isTrue();
        assertThat(a.getOutcome()).isEqualTo(ProofOutcomeDto.SATISFIED);
    }

    @Test
    void notifyAndCommitAndPaperAreAnsweredFromTheList() {
        ProofAnswerDto required = service().request(request("P3", null), "city-service-window");
        assertThat(required.getOutcome()).isEqualTo(ProofOutcomeDto.COMMITMENT_REQUIRED);
        assertThat(required.getCommitmentText()).contains("无违法记录证明");
        ProofAnswerDto committed = service().request(request("P3", null).commitment(true), "city-service-window");
        assertThat(committed.getOutcome()).isEqualTo(ProofOutcomeDto.COMMITTED);
        assertThat(journal.get(1).action()).isEqualTo("PROOF_COMMITMENT");
        ProofAnswerDto paper = service().request(request("场所平面图", null), "city-service-window");
        assertThat(paper.getOutcome()).isEqualTo(ProofOutcomeDto.PAPER_REQUIRED);
        assertThat(paper.getPaperReason()).isEqualTo("须现场核对");
        assertThat(journal.get(2).errorCode()).isEqualTo("PAPER_REQUIRED");
    }
}
