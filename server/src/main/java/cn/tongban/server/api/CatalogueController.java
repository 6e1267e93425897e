package cn.tongban.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.catalogue.CatalogueApi;
import cn.tongban.api.model.DepartmentDto;
import cn.tongban.api.model.InformationItemDto;
import cn.tongban.api.model.PageInfoDto;
import cn.tongban.api.model.ResourceClassDto;
import cn.tongban.api.model.ResourceDto;
import cn.tongban.api.model.ResourcePageDto;
import cn.tongban.api.model.ResourceSummaryDto;
import cn.tongban.api.model.SharingAttributesDto;
import cn.tongban.api.model.SharingTypeDto;
import cn.tongban.api.model.SystemSummaryDto;
import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.Department;
import cn.tongban.catalog.DepartmentRepository;
import cn.tongban.catalog.ExchangeSystem;
import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Page;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.SharingType;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/** Catalogue reads: systems and window apps consult it, data administrators and approvers maintain it. */
@RestController
@PreAuthorize("denyAll")
public class CatalogueController implements CatalogueApi {

    private final ResourceRepository resources;
    private final DepartmentRepository departments;
    private final AccessRecorder access;

    public CatalogueController(ResourceRepository resources, DepartmentRepository departments, AccessRecorder access) {
        this.resources = resources;
        this.departments = departments;
        this.access = access;
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<ResourcePageDto> searchResources(String q, String provider, SharingTypeDto sharingType,
                                                           Integer page, Integer size) {
        Page<Resource> found = resources.search(q, provider,
                sharingType == null ? null : SharingType.valueOf(sharingType.getValue()), page, size);
        List<ResourceSummaryDto> items = found.items().stream().map(CatalogueController::summary).toList();
        return ResponseEntity.ok(new ResourcePageDto(items, new PageInfoDto(found.page(), found.size(),
                found.totalElements(), found.totalPages())));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<ResourceDto> getResource(String code) {
        Resource r = resources.find(code).orElseThrow(() -> {
            access.record("CATALOGUE_READ", code, AccessEntry.Outcome.REFUSED, ErrorCode.RESOURCE_NOT_FOUND.name());
            return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, "No resource with code " + code);
        });
        access.record("CATALOGUE_READ", code, AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok(dto(r));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<List<DepartmentDto>> listDepartments() {
        List<DepartmentDto> out = new ArrayList<>();
        for (Map.Entry<Department, List<ExchangeSystem>> e : departments.departmentsWithSystems().entrySet()) {
            Department d = e.getKey();
            DepartmentDto dto = new DepartmentDto(d.code(), d.name(), e.getValue().stream()
                    .map(s -> new SystemSummaryDto(s.id(), s.name(), SystemSummaryDto.KindEnum.valueOf(s.kind().name())))
                    .toList());
            out.add(dto.nameEn(d.nameEn()).region(d.region()));
        }
        return ResponseEntity.ok(out);
    }

    private static ResourceSummaryDto summary(Resource r) {
        return new ResourceSummaryDto(r.code(), r.name(), r.providerCode(), r.providerName(),
                ResourceClassDto.valueOf(r.classification().name()), SharingTypeDto.valueOf(r.sharingType().name()))
                .updateCycle(r.updateCycle());
    }

    static ResourceDto dto(Resource r) {
        SharingAttributesDto sharing = new SharingAttributesDto(SharingTypeDto.valueOf(r.sharingType().name()),
                SharingAttributesDto.MethodEnum.fromValue(r.sharingMethod()))
                .condition(r.sharingCondition()).basis(r.sharingBasis());
        List<InformationItemDto> items = r.items().stream().map(CatalogueController::item).toList();
        return new ResourceDto(r.code(), r.name(), r.providerCode(), r.providerName(),
                ResourceClassDto.valueOf(r.classification().name()), sharing, items, r.version())
                .classificationCode(r.classificationCode())
                ._abstract(r.abstractText())
                .format(r.format())
                .subjectType(r.subjectType())
                .openToPublic(r.openToPublic())
                .updateCycle(r.updateCycle())
                .publishDate(r.publishDate());
    }

    private static InformationItemDto item(InformationItem i) {
        return new InformationItemDto(i.name(), InformationItemDto.DataTypeEnum.fromValue(i.dataType()), i.required(),
                i.sensitive()).label(i.label()).length(i.length()).masking(i.masking());
    }
}
