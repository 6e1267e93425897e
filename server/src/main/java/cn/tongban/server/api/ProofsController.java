package cn.tongban.server.api;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.model.DemandCheckDto;
import cn.tongban.api.model.ProofAnswerDto;
import cn.tongban.api.model.ProofRequestDto;
import cn.tongban.api.model.RetainedProofDto;
import cn.tongban.api.model.SatisfiedByDto;
import cn.tongban.api.model.ServiceItemDto;
import cn.tongban.api.proofs.ProofsApi;
import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.ServiceItemRepository;
import cn.tongban.catalog.auth.Authorisations;
import cn.tongban.exchange.ExchangeException;
import cn.tongban.exchange.PullService;
import cn.tongban.licence.report.DocumentVerifier;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.server.proofs.LicenceLibrary;
import cn.tongban.server.proofs.ProofRequests;
import cn.tongban.server.proofs.ProofsProperties;
import cn.tongban.server.proofs.RetainedProofRules;
import cn.tongban.server.verification.VerificationAdmission;

/**
 * The retained proof list, as window apps consult it: "保留目录以外无证明" — a proof that is not on the
 * service item's list must not be demanded (docs/STANDARDS.md §5). HTTP only: the rules are
 * {@link ProofRequests} and {@link RetainedProofRules}.
 */
@RestController
@PreAuthorize("denyAll")
public class ProofsController implements ProofsApi {

    private final ServiceItemRepository serviceItems;
    private final AccessRecorder access;
    private final ProofRequests proofs;

    public ProofsController(
            ServiceItemRepository serviceItems,
            AccessRecorder access,
            PullService pulls,
            Authorisations authorisations,
            LicenceLibrary library,
            DocumentVerifier verifier,
            ObjectMapper mapper,
            Clock clock,
            ProofsProperties proofsProps,
            VerificationAdmission admission) {
        this.serviceItems = serviceItems;
        this.access = access;
        // the library's document is as untrusted as an uploaded one: same admission, memory budget and timeout
        VerificationOptions options = new VerificationOptions(null, List.of(), proofsProps.checkRevocation());
        this.proofs = new ProofRequests(
                serviceItems::find,
                (action, resource, outcome, errorCode, e) -> access.record(
                                action,
                                resource,
                                outcome,
                                errorCode,
                                new AccessRecorder.Delivery(
                                        e.applicant(),
                                        e.purpose(),
                                        e.serviceItem(),
                                        e.fieldsDelivered(),
                                        e.digest(),
                                        e.operator()))
                        .sequence(),
                pulls::pull,
                authorisations::held,
                library,
                document -> admission.run("Licence verification", () -> verifier.verify(document, options)),
                mapper,
                clock,
                proofsProps.registerCheckPurpose());
    }

    /**
     * A proof request ({@link ProofRequests#request}); the exchange's refusals and provider failures, from a data
     * pull or a register confirmation, answer with the exchange's problem.
     */
    @Override
    @PreAuthorize("hasAnyRole('WINDOW_APP', 'SYSTEM')")
    public ResponseEntity<ProofAnswerDto> requestProof(@Valid ProofRequestDto request) {
        try {
            return ResponseEntity.ok(proofs.request(request, Caller.system().systemId()));
        } catch (ExchangeException e) {
            throw ExchangeController.problem(e);
        }
    }

    @Override
    @PreAuthorize("hasAnyRole('WINDOW_APP', 'SYSTEM', 'DATA_ADMIN')")
    public ResponseEntity<ServiceItemDto> getServiceItem(String code) {
        ServiceItem item = proofs.serviceItem(code);
        return ResponseEntity.ok(dto(item, serviceItems.version(code).orElse(null)));
    }

    static ServiceItemDto dto(ServiceItem item, Integer version) {
        return new ServiceItemDto(
                        item.code(),
                        item.name(),
                        item.departmentCode(),
                        item.proofs().stream().map(ProofsController::dto).toList())
                .nameEn(item.nameEn())
                .itemType(item.itemType())
                .version(version);
    }

    @Override
    @PreAuthorize("hasAnyRole('WINDOW_APP', 'SYSTEM', 'DATA_ADMIN')")
    public ResponseEntity<DemandCheckDto> checkDemand(String code, String proof) {
        ServiceItem item = proofs.serviceItem(code);
        String wanted = proof.strip();
        Optional<RetainedProof> match = RetainedProofRules.onList(item, wanted);
        access.record("PROOF_DEMAND_CHECK", null, AccessEntry.Outcome.OK, null);
        DemandCheckDto answer = match.map(
                        p -> new DemandCheckDto(item.code(), wanted, true, "ON_RETAINED_LIST").retainedProof(dto(p)))
                .orElseGet(() -> new DemandCheckDto(item.code(), wanted, false, "NOT_ON_RETAINED_LIST"));
        return ResponseEntity.ok(answer);
    }

    private static RetainedProofDto dto(RetainedProof p) {
        return new RetainedProofDto(
                        p.code(), p.name(), p.notifyCommitAllowed(), SatisfiedByDto.valueOf(p.satisfiedBy()))
                .use(p.use())
                .legalBasis(p.legalBasis())
                .article(p.article())
                .demandingUnit(p.demandingUnit())
                .issuingUnit(p.issuingUnit())
                .level(p.level() == null ? null : RetainedProofDto.LevelEnum.fromValue(p.level()))
                .notifyCommitExclusionReason(p.notifyCommitExclusionReason())
                .resourceCode(p.resourceCode())
                .fieldMapping(p.fieldMapping().isEmpty() ? null : new java.util.LinkedHashMap<>(p.fieldMapping()))
                .licenceTypeCode(p.licenceTypeCode())
                .paperReason(p.paperReason());
    }
}
