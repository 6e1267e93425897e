package cn.tongban.server.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.api.model.ApplicantIdTypeDto;
import cn.tongban.api.model.LicenceEvidenceDto;
import cn.tongban.api.model.ProofAnswerDto;
import cn.tongban.api.model.ProofOutcomeDto;
import cn.tongban.api.model.ProofRequestDto;
import cn.tongban.api.model.PulledEvidenceDto;
import cn.tongban.catalog.auth.AuthorisationStatus;
import cn.tongban.catalog.auth.Authorisations;
import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.ResidentIdNumber;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.exchange.ExchangeException;
import cn.tongban.exchange.PullRequest;
import cn.tongban.exchange.PullResult;
import cn.tongban.exchange.PullService;
import cn.tongban.licence.report.DocumentVerifier;
import cn.tongban.server.verification.VerificationAdmission;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.server.proofs.LicenceLibrary;
import cn.tongban.server.proofs.ProofsProperties;
import cn.tongban.server.proofs.RegisterComparison;
import cn.tongban.api.model.RegisterConfirmationDto;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.model.DemandCheckDto;
import cn.tongban.api.model.RetainedProofDto;
import cn.tongban.api.model.SatisfiedByDto;
import cn.tongban.api.model.ServiceItemDto;
import cn.tongban.api.proofs.ProofsApi;
import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.ServiceItemRepository;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/**
 * The retained proof list, as window apps consult it: "保留目录以外无证明" — a proof that is not on the
 * service item's list must not be demanded (docs/STANDARDS.md §5).
 */
@RestController
@PreAuthorize("denyAll")
public class ProofsController implements ProofsApi {

    private final ServiceItemRepository serviceItems;
    private final AccessRecorder access;
    private final PullService pulls;
    private final Authorisations authorisations;
    private final LicenceLibrary library;
    private final DocumentVerifier verifier;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ProofsProperties proofsProps;
    private final VerificationAdmission admission;

    public ProofsController(ServiceItemRepository serviceItems, AccessRecorder access, PullService pulls,
                            Authorisations authorisations, LicenceLibrary library, DocumentVerifier verifier,
                            ObjectMapper mapper, Clock clock, ProofsProperties proofsProps,
                            VerificationAdmission admission) {
        this.proofsProps = proofsProps;
        this.admission = admission;
        this.serviceItems = serviceItems;
        this.access = access;
        this.pulls = pulls;
        this.authorisations = authorisations;
        this.library = library;
        this.verifier = verifier;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * "保留目录以外无证明" enforced: a proof not on the service item's retained list is refused; one on it is
     * satisfied the way the list says — data pull through the exchange, e-licence from the library (verified),
     * notify-and-commit, or paper with the reason. Every request is access-logged with the applicant as a subject key.
     */
    @Override
    @PreAuthorize("hasAnyRole('WINDOW_APP', 'SYSTEM')")
    public ResponseEntity<ProofAnswerDto> requestProof(@Valid ProofRequestDto request) {
        ServiceItem item = find(request.getServiceItem().strip());
        String applicant = request.getApplicant().getId().strip();
        IdentifierCheck id = request.getApplicant().getIdType() == ApplicantIdTypeDto.RESIDENT_ID_NUMBER
                ? ResidentIdNumber.check(applicant, clock) : UnifiedSocialCreditCode.check(applicant);
        if (!id.valid()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The applicant's identifier is not valid",
                    List.of(new ApiException.FieldViolation("applicant.id", id.reason(), id.errorCode())));
        }
        String wanted = request.getProof().strip();
        Optional<RetainedProof> match = item.proofs().stream()
                .filter(p -> p.code().equals(wanted) || p.name().equals(wanted)).findFirst();
        if (match.isEmpty()) {
            access.record("PROOF_REQUEST", null, AccessEntry.Outcome.REFUSED, ErrorCode.PROOF_NOT_ON_RETAINED_LIST.name(),
                    new AccessRecorder.Delivery(applicant, request.getPurpose(), item.code(), null, null, request.getOperator()));
            throw new ApiException(ErrorCode.PROOF_NOT_ON_RETAINED_LIST, "'" + wanted + "' is not on the retained proof"
                    + " list of " + item.code() + " " + item.name() + ": it may not be demanded (保留目录以外无证明)",
                    item.proofs().stream().map(p -> new ApiException.FieldViolation("proof",
                            "on the list: " + p.code() + " " + p.name(), "RETAINED_PROOF")).toList());
        }
        RetainedProof proof = match.get();
        ProofAnswerDto answer = switch (proof.satisfiedBy()) {
            case "DATA_PULL" -> pull(item, proof, applicant, request);
            case "E_LICENCE" -> licence(item, proof, applicant, request);
            case "NOTIFY_COMMIT" -> commitment(item, proof, applicant, request);
            default -> paper(item, proof, applicant, request);
        };
        return ResponseEntity.ok(answer);
    }

    private ProofAnswerDto answer(ServiceItem item, RetainedProof p, ProofOutcomeDto outcome, long sequence) {
        return new ProofAnswerDto(item.code(), p.code(), p.name(), SatisfiedByDto.valueOf(p.satisfiedBy()), outcome,
                sequence);
    }

    private ProofAnswerDto pull(ServiceItem item, RetainedProof p, String applicant, ProofRequestDto request) {
        String consumer = Caller.system().systemId();
        String purpose = statedPurpose(request, () -> grantedPurpose(consumer, p.resourceCode(), item.code()));
        Set<String> fields = new LinkedHashSet<>(p.fieldMapping().values());
        PullResult r = exchangePull(new PullRequest(consumer, p.resourceCode(), applicant, purpose, item.code(),
                request.getOperator(), fields));
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
        AccessEntry e = access.record("PROOF_REQUEST", p.resourceCode(), AccessEntry.Outcome.OK, null,
                new AccessRecorder.Delivery(applicant, purpose, item.code(), r.fieldsDelivered(), r.responseDigest(),
                        request.getOperator()));
        return answer(item, p, ProofOutcomeDto.SATISFIED, e.sequence())
                .pulled(new PulledEvidenceDto(p.resourceCode(), records, r.fieldsDelivered(), r.responseDigest(),
                        r.accessLogSequence()).fieldsMasked(r.fieldsMasked()));
    }

    /** The purpose of the caller's one granted authorisation for the resource and service item. */
    private String grantedPurpose(String consumer, String resource, String serviceItem) {
        List<String> purposes = grantedPurposes(consumer, resource, serviceItem);
        if (purposes.size() != 1) {
            throw new ApiException(purposes.isEmpty() ? ErrorCode.NO_AUTHORISATION : ErrorCode.VALIDATION_FAILED,
                    purposes.isEmpty() ? "No granted authorisation of " + consumer + " for " + resource + " and "
                            + serviceItem + ": apply for one, or state the purpose"
                            : "Several granted purposes for " + resource + ": state the purpose",
                    List.of(new ApiException.FieldViolation("purpose", "state it", null)));
        }
        return purposes.get(0);
    }

    private ProofAnswerDto licence(ServiceItem item, RetainedProof p, String applicant, ProofRequestDto request) {
        Optional<byte[]> document;
        try {
            document = library.find(applicant, p.licenceTypeCode());
        } catch (LicenceLibrary.UnavailableException e) {
            access.record("PROOF_REQUEST", null, AccessEntry.Outcome.FAILED, ErrorCode.LICENCE_LIBRARY_UNAVAILABLE.name(),
                    new AccessRecorder.Delivery(applicant, request.getPurpose(), item.code(), null, null, request.getOperator()));
            throw new ApiException(ErrorCode.LICENCE_LIBRARY_UNAVAILABLE, e.getMessage(), List.of(), 30L);
        }
        if (document.isEmpty()) {
            AccessEntry e = access.record("PROOF_REQUEST", null, AccessEntry.Outcome.OK, "NO_ELECTRONIC_LICENCE",
                    new AccessRecorder.Delivery(applicant, request.getPurpose(), item.code(), null, null, request.getOperator()));
            return answer(item, p, ProofOutcomeDto.NO_ELECTRONIC_LICENCE, e.sequence());
        }
        // the library's document is as untrusted as an uploaded one: same admission, memory budget and timeout
        VerificationOptions options = new VerificationOptions(null, List.of(), proofsProps.checkRevocation());
        VerificationReport report = admission.run("Licence verification", () -> verifier.verify(document.get(), options));
        List<String> problems = new ArrayList<>();
        LicenceMetadata m = report.licence();
        if (m == null) {
            problems.add("the document carries no licence metadata");
        } else {
            if (!applicant.equals(m.holderCode())) {
                problems.add("the licence is held by someone else");
            }
            if (!p.licenceTypeCode().equals(m.typeCode())) {
                problems.add("the licence is of type " + m.typeCode() + ", the list asks for " + p.licenceTypeCode());
            }
        }
        // The signed document is a snapshot; the issuer's register says whether it still stands (cancelled, re-issued).
        // Asked only of a licence that verified and serves this applicant: no pull for a document refused anyway.
        RegisterConfirmationDto register = null;
        if (p.resourceCode() != null && report.indication() == Indication.TOTAL_PASSED && problems.isEmpty()) {
            register = confirmWithRegister(item, p, request, m);
            problems.addAll(register.getDifferences());
        }
        boolean ok = report.indication() == Indication.TOTAL_PASSED && problems.isEmpty();
        AccessEntry e = access.record("PROOF_REQUEST", null, AccessEntry.Outcome.OK,
                ok ? null : "LICENCE_NOT_VALID", new AccessRecorder.Delivery(applicant, request.getPurpose(), item.code(),
                        null, report.documentDigest(), request.getOperator()));
        LicenceEvidenceDto evidence = new LicenceEvidenceDto(LicenceEvidenceDto.IndicationEnum.valueOf(report.indication().name()))
                .subIndication(report.subIndication() == null ? null : report.subIndication().name())
                .rule(report.rule()).documentDigest(report.documentDigest()).problems(problems)
                .warnings(report.warnings()).register(register);
        if (m != null) {
            evidence.identifier(m.identifier()).name(m.name()).issuer(m.issuer()).validFrom(m.validFrom()).validTo(m.validTo());
        }
        return answer(item, p, ok ? ProofOutcomeDto.SATISFIED : ProofOutcomeDto.LICENCE_NOT_VALID, e.sequence())
                .licence(evidence);
    }

    /**
     * Pulls the licence's record from its issuer's register (the proof's resource, keyed by licence number) through
     * the exchange, as the calling window app, and compares every mapped metadata field. Exchange refusals and
     * provider failures answer the proof request with the exchange's problem, as a data pull does.
     */
    private RegisterConfirmationDto confirmWithRegister(ServiceItem item, RetainedProof p, ProofRequestDto request,
                                                        LicenceMetadata m) {
        RegisterConfirmationDto out = new RegisterConfirmationDto(p.resourceCode(), false);
        if (m.number() == null || m.number().isBlank()) {
            return out.differences(List.of("the licence carries no number (证照编号) to look up in its issuer's register "
                    + p.resourceCode()));
        }
        String consumer = Caller.system().systemId();
        String purpose = statedPurpose(request, () -> registerPurpose(consumer, p, item));
        PullResult r = exchangePull(new PullRequest(consumer, p.resourceCode(), m.number(), purpose, item.code(),
                request.getOperator(), new LinkedHashSet<>(p.fieldMapping().values())));
        out.accessLogSequence(r.accessLogSequence()).responseDigest(r.responseDigest());
        List<String> differences = RegisterComparison.differences(p.resourceCode(), m, p.fieldMapping(), r.records(),
                r.fieldsMasked());
        return out.confirmed(differences.isEmpty()).differences(differences);
    }

    /** The purpose the request states, else the one {@code otherwise} finds. */
    private static String statedPurpose(ProofRequestDto request, java.util.function.Supplier<String> otherwise) {
        String stated = request.getPurpose();
        return stated != null && !stated.isBlank() ? stated : otherwise.get();
    }

    /** The caller's one granted purpose for the register and service item, else a stated default. */
    private String registerPurpose(String consumer, RetainedProof p, ServiceItem item) {
        List<String> granted = grantedPurposes(consumer, p.resourceCode(), item.code());
        return granted.size() == 1 ? granted.get(0) : item.name() + "：向签发机构核验" + p.name() + "是否有效";
    }

    /** The distinct purposes of the caller's granted authorisations for the resource and service item. */
    private List<String> grantedPurposes(String consumer, String resource, String serviceItem) {
        return authorisations.search(consumer, resource, null, AuthorisationStatus.GRANTED, 0, 50)
                .items().stream().filter(a -> serviceItem.equals(a.serviceItemCode())).map(a -> a.purpose())
                .distinct().toList();
    }

    /** A pull through the exchange; its refusals and provider failures are the proof request's problem. */
    private PullResult exchangePull(PullRequest request) {
        try {
            return pulls.pull(request);
        } catch (ExchangeException e) {
            throw ExchangeController.problem(e);
        }
    }

    private ProofAnswerDto commitment(ServiceItem item, RetainedProof p, String applicant, ProofRequestDto request) {
        boolean committed = Boolean.TRUE.equals(request.getCommitment());
        AccessEntry e = access.record(committed ? "PROOF_COMMITMENT" : "PROOF_REQUEST", null, AccessEntry.Outcome.OK,
                null, new AccessRecorder.Delivery(applicant, request.getPurpose(), item.code(), null, null,
                        request.getOperator()));
        String text = "本人申请办理“" + item.name() + "”，承诺已具备“" + p.name() + "”所证明的条件"
                + (p.use() == null ? "" : "（" + p.use() + "）") + "，所作承诺真实有效；如有不实，愿承担相应法律责任，"
                + "行政机关可依法撤销相关决定。" + (p.legalBasis() == null ? "" : "依据：" + p.legalBasis()
                + (p.article() == null ? "" : p.article()) + "。");
        return answer(item, p, committed ? ProofOutcomeDto.COMMITTED : ProofOutcomeDto.COMMITMENT_REQUIRED, e.sequence())
                .commitmentText(text);
    }

    private ProofAnswerDto paper(ServiceItem item, RetainedProof p, String applicant, ProofRequestDto request) {
        AccessEntry e = access.record("PROOF_REQUEST", null, AccessEntry.Outcome.OK, "PAPER_REQUIRED",
                new AccessRecorder.Delivery(applicant, request.getPurpose(), item.code(), null, null, request.getOperator()));
        return answer(item, p, ProofOutcomeDto.PAPER_REQUIRED, e.sequence()).paperReason(p.paperReason());
    }

    @Override
    @PreAuthorize("hasAnyRole('WINDOW_APP', 'SYSTEM', 'DATA_ADMIN')")
    public ResponseEntity<ServiceItemDto> getServiceItem(String code) {
        ServiceItem item = find(code);
        return ResponseEntity.ok(dto(item, serviceItems.version(code).orElse(null)));
    }

    static ServiceItemDto dto(ServiceItem item, Integer version) {
        return new ServiceItemDto(item.code(), item.name(), item.departmentCode(),
                item.proofs().stream().map(ProofsController::dto).toList())
                .nameEn(item.nameEn()).itemType(item.itemType()).version(version);
    }

    @Override
    @PreAuthorize("hasAnyRole('WINDOW_APP', 'SYSTEM', 'DATA_ADMIN')")
    public ResponseEntity<DemandCheckDto> checkDemand(String code, String proof) {
        ServiceItem item = find(code);
        String wanted = proof.strip();
        Optional<RetainedProof> match = item.proofs().stream()
                .filter(p -> p.code().equals(wanted) || p.name().equals(wanted)).findFirst();
        access.record("PROOF_DEMAND_CHECK", null, AccessEntry.Outcome.OK, null);
        DemandCheckDto answer = match
                .map(p -> new DemandCheckDto(item.code(), wanted, true, "ON_RETAINED_LIST").retainedProof(dto(p)))
                .orElseGet(() -> new DemandCheckDto(item.code(), wanted, false, "NOT_ON_RETAINED_LIST"));
        return ResponseEntity.ok(answer);
    }

    private ServiceItem find(String code) {
        return serviceItems.find(code).orElseThrow(() ->
                new ApiException(ErrorCode.SERVICE_ITEM_NOT_FOUND, "No service item with code " + code));
    }

    private static RetainedProofDto dto(RetainedProof p) {
        return new RetainedProofDto(p.code(), p.name(), p.notifyCommitAllowed(), SatisfiedByDto.valueOf(p.satisfiedBy()))
                .use(p.use()).legalBasis(p.legalBasis()).article(p.article())
                .demandingUnit(p.demandingUnit()).issuingUnit(p.issuingUnit())
                .level(p.level() == null ? null : RetainedProofDto.LevelEnum.fromValue(p.level()))
                .notifyCommitExclusionReason(p.notifyCommitExclusionReason())
                .resourceCode(p.resourceCode())
                .fieldMapping(p.fieldMapping().isEmpty() ? null : new java.util.LinkedHashMap<>(p.fieldMapping()))
                .licenceTypeCode(p.licenceTypeCode()).paperReason(p.paperReason());
    }
}
