package cn.tongban.server.proofs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.api.model.ApplicantIdTypeDto;
import cn.tongban.api.model.LicenceEvidenceDto;
import cn.tongban.api.model.ProofAnswerDto;
import cn.tongban.api.model.ProofOutcomeDto;
import cn.tongban.api.model.ProofRequestDto;
import cn.tongban.api.model.PulledEvidenceDto;
import cn.tongban.api.model.RegisterConfirmationDto;
import cn.tongban.api.model.SatisfiedByDto;
import cn.tongban.audit.AccessEntry.Outcome;
import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.ResidentIdNumber;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.exchange.PullRequest;
import cn.tongban.exchange.PullResult;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;
import cn.tongban.trust.verdict.Indication;

/**
 * Proof requests (docs/STANDARDS.md §5): "保留目录以外无证明" enforced — a proof not on the service item's retained
 * list is refused; one on it is satisfied the way the list says: data pull through the exchange, e-licence from the
 * library (verified, and confirmed with the issuer's register when the list names it), notify-and-commit, or paper
 * with the reason. Every request is journalled with the applicant as a subject before its answer is released. The
 * rules themselves are {@link RetainedProofRules}.
 *
 * <p>Exchange refusals and provider failures ({@link cn.tongban.exchange.ExchangeException}) propagate: the proof
 * request answers with the exchange's problem.
 */
public final class ProofRequests {

    /** Records one proof-request entry durably (before the answer is released) and answers its sequence. */
    @FunctionalInterface
    public interface Journal {
        long record(String action, String resourceCode, Outcome outcome, String errorCode, Entry entry);
    }

    /** What a journal entry says about whom: the applicant's identifier in clear (the journal hashes it). */
    public record Entry(
            String applicant,
            String purpose,
            String serviceItem,
            List<String> fieldsDelivered,
            String digest,
            String operator) {}

    /** Verifies an e-licence document from the library, as untrusted as an uploaded one. */
    @FunctionalInterface
    public interface LicenceCheck {
        VerificationReport verify(byte[] document);
    }

    private final Function<String, Optional<ServiceItem>> serviceItems;
    private final Journal journal;
    private final Function<PullRequest, PullResult> pulls;
    private final BiFunction<String, String, List<Authorisation>> held;
    private final LicenceLibrary library;
    private final LicenceCheck licences;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String registerCheckPurpose;

    /**
     * @param held                 every authorisation of a consumer for a resource, in any state
     *                             ({@link cn.tongban.catalog.auth.Authorisations#held})
     * @param registerCheckPurpose {@link ProofsProperties#registerCheckPurpose()}
     */
    public ProofRequests(
            Function<String, Optional<ServiceItem>> serviceItems,
            Journal journal,
            Function<PullRequest, PullResult> pulls,
            BiFunction<String, String, List<Authorisation>> held,
            LicenceLibrary library,
            LicenceCheck licences,
            ObjectMapper mapper,
            Clock clock,
            String registerCheckPurpose) {
        this.serviceItems = serviceItems;
        this.journal = journal;
        this.pulls = pulls;
        this.held = held;
        this.library = library;
        this.licences = licences;
        this.mapper = mapper;
        this.clock = clock;
        this.registerCheckPurpose = registerCheckPurpose;
    }

    /** The service item, or SERVICE_ITEM_NOT_FOUND. */
    public ServiceItem serviceItem(String code) {
        return serviceItems
                .apply(code)
                .orElseThrow(
                        () -> new ApiException(ErrorCode.SERVICE_ITEM_NOT_FOUND, "No service item with code " + code));
    }

    /** Answers {@code request} of consumer system {@code consumer}. */
    public ProofAnswerDto request(ProofRequestDto request, String consumer) {
        ServiceItem item = serviceItem(request.getServiceItem().strip());
        String applicant = request.getApplicant().getId().strip();
        IdentifierCheck id = request.getApplicant().getIdType() == ApplicantIdTypeDto.RESIDENT_ID_NUMBER
                ? ResidentIdNumber.check(applicant, clock)
                : UnifiedSocialCreditCode.check(applicant);
        if (!id.valid()) {
            throw new ApiException(
                    ErrorCode.VALIDATION_FAILED,
                    "The applicant's identifier is not valid",
                    List.of(new ApiException.FieldViolation("applicant.id", id.reason(), id.errorCode())));
        }
        String wanted = request.getProof().strip();
        Optional<RetainedProof> match = RetainedProofRules.onList(item, wanted);
        if (match.isEmpty()) {
            journal.record(
                    "PROOF_REQUEST",
                    null,
                    Outcome.REFUSED,
                    ErrorCode.PROOF_NOT_ON_RETAINED_LIST.name(),
                    entry(applicant, request, item, null, null));
            throw new ApiException(
                    ErrorCode.PROOF_NOT_ON_RETAINED_LIST,
                    "'" + wanted + "' is not on the retained" + " proof list of " + item.code() + " " + item.name()
                            + ": it may not be demanded (保留目录以外无证明)",
                    item.proofs().stream()
                            .map(p -> new ApiException.FieldViolation(
                                    "proof", "on the list: " + p.code() + " " + p.name(), "RETAINED_PROOF"))
                            .toList());
        }
        RetainedProof proof = match.get();
        return switch (proof.satisfiedBy()) {
            case "DATA_PULL" -> pull(item, proof, applicant, request, consumer);
            case "E_LICENCE" -> licence(item, proof, applicant, request, consumer);
            case "NOTIFY_COMMIT" -> commitment(item, proof, applicant, request);
            default -> paper(item, proof, applicant, request);
        };
    }

    private static Entry entry(
            String applicant, ProofRequestDto request, ServiceItem item, List<String> fields, String digest) {
        return new Entry(applicant, request.getPurpose(), item.code(), fields, digest, request.getOperator());
    }

    private static ProofAnswerDto answer(ServiceItem item, RetainedProof p, ProofOutcomeDto outcome, long sequence) {
        return new ProofAnswerDto(
                item.code(), p.code(), p.name(), SatisfiedByDto.valueOf(p.satisfiedBy()), outcome, sequence);
    }

    private ProofAnswerDto pull(
            ServiceItem item, RetainedProof p, String applicant, ProofRequestDto request, String consumer) {
        String purpose = statedPurpose(request, () -> grantedPurpose(consumer, p.resourceCode(), item.code()));
        PullResult r = pulls.apply(new PullRequest(
                consumer,
                p.resourceCode(),
                applicant,
                purpose,
                item.code(),
                request.getOperator(),
                new LinkedHashSet<>(p.fieldMapping().values())));
        // The provider's field names back to the proof's, as the retained list maps them.
        List<Map<String, Object>> records = new ArrayList<>();
        r.records().forEach(n -> {
            Map<String, Object> out = new LinkedHashMap<>();
            p.fieldMapping().forEach((proofField, itemName) -> {
                if (n.has(itemName)) {
                    out.put(proofField, mapper.convertValue(n.get(itemName), Object.class));
                }
            });
            records.add(out);
        });
        long sequence = journal.record(
                "PROOF_REQUEST",
                p.resourceCode(),
                Outcome.OK,
                null,
                new Entry(
                        applicant,
                        purpose,
                        item.code(),
                        r.fieldsDelivered(),
                        r.responseDigest(),
                        request.getOperator()));
        return answer(item, p, ProofOutcomeDto.SATISFIED, sequence)
                .pulled(new PulledEvidenceDto(
                                p.resourceCode(),
                                records,
                                r.fieldsDelivered(),
                                r.responseDigest(),
                                r.accessLogSequence())
                        .fieldsMasked(r.fieldsMasked()));
    }

    /** The purpose of the caller's one granted authorisation for the resource and service item. */
    private String grantedPurpose(String consumer, String resource, String serviceItem) {
        List<String> purposes =
                RetainedProofRules.grantedPurposes(held.apply(consumer, resource), serviceItem, clock.instant());
        if (purposes.size() != 1) {
            throw new ApiException(
                    purposes.isEmpty() ? ErrorCode.NO_AUTHORISATION : ErrorCode.VALIDATION_FAILED,
                    purposes.isEmpty()
                            ? "No granted authorisation of " + consumer + " for " + resource + " and " + serviceItem
                                    + ": apply for one, or state the purpose"
                            : "Several granted purposes for " + resource + ": state the purpose",
                    List.of(new ApiException.FieldViolation("purpose", "state it", null)));
        }
        return purposes.get(0);
    }

    private ProofAnswerDto licence(
            ServiceItem item, RetainedProof p, String applicant, ProofRequestDto request, String consumer) {
        Optional<byte[]> document;
        try {
            document = library.find(applicant, p.licenceTypeCode());
        } catch (LicenceLibrary.UnavailableException e) {
            journal.record(
                    "PROOF_REQUEST",
                    null,
                    Outcome.FAILED,
                    ErrorCode.LICENCE_LIBRARY_UNAVAILABLE.name(),
                    entry(applicant, request, item, null, null));
            throw new ApiException(ErrorCode.LICENCE_LIBRARY_UNAVAILABLE, e.getMessage(), List.of(), 30L);
        }
        if (document.isEmpty()) {
            long sequence = journal.record(
                    "PROOF_REQUEST",
                    null,
                    Outcome.OK,
                    "NO_ELECTRONIC_LICENCE",
                    entry(applicant, request, item, null, null));
            return answer(item, p, ProofOutcomeDto.NO_ELECTRONIC_LICENCE, sequence);
        }
        VerificationReport report = licences.verify(document.get());
        LicenceMetadata m = report.licence();
        List<String> problems = new ArrayList<>(RetainedProofRules.licenceProblems(applicant, p, m));
        // The signed document is a snapshot; the issuer's register says whether it still stands (cancelled, re-issued).
        RegisterConfirmationDto register = null;
        if (RetainedProofRules.confirmWithRegister(p, report, problems)) {
            register = confirmWithRegister(item, p, request, m, consumer);
            problems.addAll(register.getDifferences());
        }
        boolean ok = report.indication() == Indication.TOTAL_PASSED && problems.isEmpty();
        long sequence = journal.record(
                "PROOF_REQUEST",
                null,
                Outcome.OK,
                ok ? null : "LICENCE_NOT_VALID",
                entry(applicant, request, item, null, report.documentDigest()));
        LicenceEvidenceDto evidence = new LicenceEvidenceDto(LicenceEvidenceDto.IndicationEnum.valueOf(
                        report.indication().name()))
                .subIndication(
                        report.subIndication() == null
                                ? null
                                : report.subIndication().name())
                .rule(report.rule())
                .documentDigest(report.documentDigest())
                .problems(problems)
                .warnings(report.warnings())
                .register(register);
        if (m != null) {
            evidence.identifier(m.identifier())
                    .name(m.name())
                    .issuer(m.issuer())
                    .validFrom(m.validFrom())
                    .validTo(m.validTo());
        }
        return answer(item, p, ok ? ProofOutcomeDto.SATISFIED : ProofOutcomeDto.LICENCE_NOT_VALID, sequence)
                .licence(evidence);
    }

    /**
     * Pulls the licence's record from its issuer's register (the proof's resource, keyed by licence number) through
     * the exchange, as the calling window app, and compares every mapped metadata field.
     */
    private RegisterConfirmationDto confirmWithRegister(
            ServiceItem item, RetainedProof p, ProofRequestDto request, LicenceMetadata m, String consumer) {
        RegisterConfirmationDto out = new RegisterConfirmationDto(p.resourceCode(), false);
        if (m.number() == null || m.number().isBlank()) {
            return out.differences(List.of("the licence carries no number (证照编号) to look up in its issuer's"
                    + " register " + p.resourceCode()));
        }
        String purpose = statedPurpose(request, () -> registerPurpose(consumer, p, item));
        PullResult r = pulls.apply(new PullRequest(
                consumer,
                p.resourceCode(),
                m.number(),
                purpose,
                item.code(),
                request.getOperator(),
                new LinkedHashSet<>(p.fieldMapping().values())));
        out.accessLogSequence(r.accessLogSequence()).responseDigest(r.responseDigest());
        List<String> differences =
                RegisterComparison.differences(p.resourceCode(), m, p.fieldMapping(), r.records(), r.fieldsMasked());
        return out.confirmed(differences.isEmpty()).differences(differences);
    }

    /** The purpose the request states, else the one {@code otherwise} finds. */
    private static String statedPurpose(ProofRequestDto request, Supplier<String> otherwise) {
        String stated = request.getPurpose();
        return stated != null && !stated.isBlank() ? stated : otherwise.get();
    }

    /** The caller's one granted purpose for the register and service item, else the configured statement. */
    private String registerPurpose(String consumer, RetainedProof p, ServiceItem item) {
        List<String> granted = RetainedProofRules.grantedPurposes(
                held.apply(consumer, p.resourceCode()), item.code(), clock.instant());
        return granted.size() == 1
                ? granted.get(0)
                : RetainedProofRules.registerCheckPurpose(registerCheckPurpose, item, p);
    }

    private ProofAnswerDto commitment(ServiceItem item, RetainedProof p, String applicant, ProofRequestDto request) {
        boolean committed = Boolean.TRUE.equals(request.getCommitment());
        long sequence = journal.record(
                committed ? "PROOF_COMMITMENT" : "PROOF_REQUEST",
                null,
                Outcome.OK,
                null,
                entry(applicant, request, item, null, null));
        return answer(item, p, committed ? ProofOutcomeDto.COMMITTED : ProofOutcomeDto.COMMITMENT_REQUIRED, sequence)
                .commitmentText(RetainedProofRules.commitmentText(item, p));
    }

    private ProofAnswerDto paper(ServiceItem item, RetainedProof p, String applicant, ProofRequestDto request) {
        long sequence = journal.record(
                "PROOF_REQUEST", null, Outcome.OK, "PAPER_REQUIRED", entry(applicant, request, item, null, null));
        return answer(item, p, ProofOutcomeDto.PAPER_REQUIRED, sequence).paperReason(p.paperReason());
    }
}
