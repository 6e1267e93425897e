package cn.tongban.server.api;

import java.util.Optional;

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
 * service item's list must not be demanded (STANDARDS §5).
 */
@RestController
@PreAuthorize("denyAll")
public class ProofsController implements ProofsApi {

    private final ServiceItemRepository serviceItems;
    private final AccessRecorder access;

    public ProofsController(ServiceItemRepository serviceItems, AccessRecorder access) {
        this.serviceItems = serviceItems;
        this.access = access;
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
