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
import cn.tongban.api.model.ResourceStatusDto;
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
import cn.tongban.catalog.ResourceClass;
import cn.tongban.catalog.ResourceQuery;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.admin.DepartmentAdmin;
import cn.tongban.server.security.Role;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/** Catalogue reads: systems and window apps consult it, data administrators and approvers maintain it. */
@RestController
@PreAuthorize("denyAll")
public class CatalogueController implements CatalogueApi {

    private final ResourceRepository resources;
    private final DepartmentRepository departments;
    private final DepartmentAdmin departmentAdmin;
    private final AccessRecorder access;

    public CatalogueController(
            ResourceRepository resources,
            DepartmentRepository departments,
            DepartmentAdmin departmentAdmin,
            AccessRecorder access) {
        this.resources = resources;
        this.departments = departments;
        this.departmentAdmin = departmentAdmin;
        this.access = access;
    }

    /** Systems and window apps see published resources only; drafts and retired ones are the administrators'. */
    private static boolean seesEverything() {
        return Actors.has(Role.DATA_ADMIN) || Actors.has(Role.APPROVER);
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<ResourcePageDto> searchResources(
            String q,
            String provider,
            SharingTypeDto sharingType,
            String code,
            String name,
            ResourceStatusDto status,
            ResourceClassDto classification,
            Integer page,
            Integer size) {
        ResourceStatus wanted = status == null ? null : ResourceStatus.valueOf(status.getValue());
        if (!seesEverything()) {
            if (wanted != null && wanted != ResourceStatus.PUBLISHED) {
                return ResponseEntity.ok(new ResourcePageDto(List.of(), new PageInfoDto(page, size, 0L, 0)));
            }
            wanted = ResourceStatus.PUBLISHED;
        }
        Page<Resource> found = resources.search(
                new ResourceQuery(
                        q,
                        code,
                        name,
                        provider,
                        sharingType == null ? null : SharingType.valueOf(sharingType.getValue()),
                        wanted,
                        classification == null ? null : ResourceClass.valueOf(classification.getValue())),
                page,
                size);
        List<ResourceSummaryDto> items =
                found.items().stream().map(CatalogueController::summary).toList();
        return ResponseEntity.ok(new ResourcePageDto(
                items, new PageInfoDto(found.page(), found.size(), found.totalElements(), found.totalPages())));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<ResourceDto> getResource(String code) {
        Resource r = resources
                .find(code)
                .filter(f -> f.status() == ResourceStatus.PUBLISHED || seesEverything())
                .orElseThrow(() -> {
                    access.record(
                            "CATALOGUE_READ", code, AccessEntry.Outcome.REFUSED, ErrorCode.RESOURCE_NOT_FOUND.name());
                    return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, "No resource with code " + code);
                });
        access.record("CATALOGUE_READ", code, AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok(dto(r));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<List<DepartmentDto>> listDepartments() {
        return ResponseEntity.ok(departments(departments, departmentAdmin));
    }

    /** Every department with its systems and version, in name order. */
    static List<DepartmentDto> departments(DepartmentRepository departments, DepartmentAdmin departmentAdmin) {
        List<DepartmentDto> out = new ArrayList<>();
        for (Map.Entry<Department, List<ExchangeSystem>> e :
                departments.departmentsWithSystems().entrySet()) {
            Department d = e.getKey();
            DepartmentDto dto = new DepartmentDto(
                    d.code(),
                    d.name(),
                    e.getValue().stream()
                            .map(s -> new SystemSummaryDto(
                                    s.id(),
                                    s.name(),
                                    SystemSummaryDto.KindEnum.valueOf(s.kind().name())))
                            .toList());
            out.add(dto.nameEn(d.nameEn()).region(d.region()).version(departmentAdmin.version(d.code())));
        }
        return out;
    }

    private static ResourceSummaryDto summary(Resource r) {
        return new ResourceSummaryDto(
                        r.code(),
                        r.name(),
                        r.providerCode(),
                        r.providerName(),
                        ResourceClassDto.valueOf(r.classification().name()),
                        SharingTypeDto.valueOf(r.sharingType().name()))
                .updateCycle(r.updateCycle())
                .status(ResourceStatusDto.valueOf(r.status().name()))
                .version(r.version());
    }

    static ResourceDto dto(Resource r) {
        SharingAttributesDto sharing = new SharingAttributesDto(
                        SharingTypeDto.valueOf(r.sharingType().name()),
                        SharingAttributesDto.MethodEnum.fromValue(r.sharingMethod()))
                .condition(r.sharingCondition())
                .basis(r.sharingBasis());
        List<InformationItemDto> items =
                r.items().stream().map(CatalogueController::item).toList();
        ResourceDto dto = new ResourceDto(
                        r.code(),
                        r.name(),
                        r.providerCode(),
                        r.providerName(),
                        ResourceClassDto.valueOf(r.classification().name()),
                        sharing,
                        items,
                        r.version())
                .classificationCode(r.classificationCode())
                ._abstract(r.abstractText())
                .format(r.format())
                .subjectType(r.subjectType())
                .openToPublic(r.openToPublic())
                .updateCycle(r.updateCycle())
                .publishDate(r.publishDate());
        CatalogueDtos.addLifecycle(dto, r);
        return dto;
    }

    private static InformationItemDto item(InformationItem i) {
        return new InformationItemDto(
                        i.name(), InformationItemDto.DataTypeEnum.fromValue(i.dataType()), i.required(), i.sensitive())
                .label(i.label())
                .length(i.length())
                .masking(i.masking());
    }
}
