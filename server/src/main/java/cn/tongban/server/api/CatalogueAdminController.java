package cn.tongban.server.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.catalogue.CatalogueAdminApi;
import cn.tongban.api.model.CertificateIdentityDto;
import cn.tongban.api.model.CertificateInputDto;
import cn.tongban.api.model.ChangeDto;
import cn.tongban.api.model.DepartmentDto;
import cn.tongban.api.model.DepartmentInputDto;
import cn.tongban.api.model.ImportReportDto;
import cn.tongban.api.model.ResourceDto;
import cn.tongban.api.model.ResourceInputDto;
import cn.tongban.api.model.ResourceStatusDto;
import cn.tongban.api.model.ResourceVersionDto;
import cn.tongban.api.model.ResponsibilityDto;
import cn.tongban.api.model.SystemSummaryDto;
import cn.tongban.api.model.VersionRefDto;
import cn.tongban.catalog.Department;
import cn.tongban.catalog.DepartmentRepository;
import cn.tongban.catalog.ExchangeSystem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceQuery;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.SystemKind;
import cn.tongban.catalog.admin.CatalogueAdmin;
import cn.tongban.catalog.admin.ChangeLog;
import cn.tongban.catalog.admin.DepartmentAdmin;
import cn.tongban.catalog.admin.ImportReport;
import cn.tongban.catalog.admin.NotFoundException;
import cn.tongban.catalog.admin.Responsibilities;
import cn.tongban.catalog.admin.ValidationException;
import cn.tongban.catalog.io.CatalogueFiles;
import cn.tongban.catalog.io.ResourceJson;
import cn.tongban.server.config.CatalogueProperties;
import cn.tongban.trust.pki.Certificates;

/**
 * The data administrator's catalogue: resources (create, change, publish, retire, history, import, export),
 * departments and their systems and certificates, responsibility lists, and the change record.
 */
@RestController
@PreAuthorize("denyAll")
public class CatalogueAdminController implements CatalogueAdminApi {

    private final CatalogueAdmin admin;
    private final ResourceRepository resources;
    private final DepartmentAdmin departments;
    private final Responsibilities responsibilities;
    private final ChangeLog changes;
    private final AdminActions actions;
    private final Actors actors;
    private final ObjectMapper mapper;
    private final CatalogueProperties props;
    private final DepartmentRepository departmentRepository;

    public CatalogueAdminController(
            CatalogueAdmin admin,
            ResourceRepository resources,
            DepartmentAdmin departments,
            Responsibilities responsibilities,
            ChangeLog changes,
            AdminActions actions,
            Actors actors,
            ObjectMapper mapper,
            CatalogueProperties props,
            DepartmentRepository departmentRepository) {
        this.admin = admin;
        this.resources = resources;
        this.departments = departments;
        this.responsibilities = responsibilities;
        this.changes = changes;
        this.actions = actions;
        this.actors = actors;
        this.mapper = mapper;
        this.props = props;
        this.departmentRepository = departmentRepository;
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<ResourceDto> createResource(ResourceInputDto in) {
        ResourceJson.Parsed p = CatalogueDtos.resource(mapper, in, null);
        Resource created = actions.run(
                "CATALOGUE_CREATE", p.resource().code(), () -> admin.create(p.resource(), p.violations(), actor()));
        return ResponseEntity.status(HttpStatus.CREATED).body(CatalogueController.dto(created));
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<ResourceDto> updateResource(String code, ResourceInputDto in) {
        ResourceJson.Parsed p = CatalogueDtos.resource(mapper, in, code);
        Resource updated = actions.run(
                "CATALOGUE_UPDATE",
                code,
                () -> admin.update(
                        code, CatalogueDtos.requireVersion(in.getVersion()), p.resource(), p.violations(), actor()));
        return ResponseEntity.ok(CatalogueController.dto(updated));
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<ResourceDto> publishResource(String code, VersionRefDto v) {
        return ResponseEntity.ok(CatalogueController.dto(
                actions.run("CATALOGUE_PUBLISH", code, () -> admin.publish(code, v.getVersion(), actor()))));
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<ResourceDto> retireResource(String code, VersionRefDto v) {
        return ResponseEntity.ok(CatalogueController.dto(
                actions.run("CATALOGUE_RETIRE", code, () -> admin.retire(code, v.getVersion(), actor()))));
    }

    @Override
    @PreAuthorize("hasAnyRole('DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<List<ResourceVersionDto>> listResourceVersions(String code) {
        return ResponseEntity.ok(admin.store().versions(code).stream()
                .map(CatalogueDtos::version)
                .toList());
    }

    @Override
    @PreAuthorize("hasAnyRole('DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<ResourceDto> getResourceVersion(String code, Integer version) {
        return ResponseEntity.ok(CatalogueController.dto(admin.store()
                .version(code, version)
                .orElseThrow(
                        () -> new NotFoundException(NotFoundException.Kind.RESOURCE, code + " version " + version))));
    }

    @Override
    @PreAuthorize("hasAnyRole('DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<ResourceDto> getResourceAsOf(String code, java.time.OffsetDateTime at, LocalDate date) {
        if ((at == null) == (date == null)) {
            throw ValidationException.of(
                    at == null ? "at" : "date", "give exactly one of at (an instant) and date", "ONE_OF");
        }
        Instant when = at != null
                ? at.toInstant()
                : date.plusDays(1).atStartOfDay(props.zone()).toInstant().minusNanos(1000);
        return ResponseEntity.ok(CatalogueController.dto(admin.store()
                .asOf(code, when)
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.RESOURCE, code + " at " + when))));
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<ImportReportDto> importResources(String format, String body, Boolean skipBadRows) {
        CatalogueFiles.Format f = format(format);
        ImportReport report = actions.run("CATALOGUE_IMPORT", null, () -> {
            ImportReport r = admin.importAll(
                    CatalogueFiles.read(body == null ? "" : body, f), Boolean.TRUE.equals(skipBadRows), actor());
            if (r.rejected()) {
                throw CatalogueDtos.rejected(r);
            }
            return r;
        });
        return ResponseEntity.ok(CatalogueDtos.report(report));
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<String> exportResources(String format, String provider, ResourceStatusDto status) {
        CatalogueFiles.Format f = format(format);
        String file = actions.run("CATALOGUE_EXPORT", provider, () -> {
            List<Resource> all = new ArrayList<>();
            ResourceQuery q = new ResourceQuery(
                    null,
                    null,
                    null,
                    provider,
                    null,
                    status == null ? null : ResourceStatus.valueOf(status.getValue()),
                    null);
            for (int page = 0; ; page++) {
                List<Resource> items = resources.search(q, page, 500).items();
                items.forEach(r -> all.add(resources.find(r.code()).orElseThrow()));
                if (items.size() < 500) {
                    break;
                }
            }
            return CatalogueFiles.export(all, f);
        });
        MediaType type = f == CatalogueFiles.Format.CSV
                ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                : MediaType.APPLICATION_JSON;
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"catalogue." + format.toLowerCase(Locale.ROOT) + "\"")
                .body(file);
    }

    private static CatalogueFiles.Format format(String format) {
        try {
            return CatalogueFiles.Format.of(format);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("format", "must be json or csv", "ENUM");
        }
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<DepartmentDto> createDepartment(DepartmentInputDto in, Boolean strict) {
        Department d = actions.run(
                "DEPARTMENT_CREATE",
                in.getCode(),
                () -> departments.create(
                        new Department(
                                in.getCode() == null ? "" : in.getCode(),
                                in.getName() == null ? "" : in.getName(),
                                in.getNameEn(),
                                in.getRegion()),
                        strict,
                        actor()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new DepartmentDto(d.code(), d.name(), List.of())
                        .nameEn(d.nameEn())
                        .region(d.region())
                        .version(1));
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<DepartmentDto> updateDepartment(String code, DepartmentInputDto in) {
        int version = actions.run(
                "DEPARTMENT_UPDATE",
                code,
                () -> departments.update(
                        code,
                        CatalogueDtos.requireVersion(in.getVersion()),
                        new Department(
                                in.getCode() == null ? code : in.getCode(),
                                in.getName() == null ? "" : in.getName(),
                                in.getNameEn(),
                                in.getRegion()),
                        actor()));
        DepartmentDto dto = CatalogueController.departments(departmentRepository, departments).stream()
                .filter(d -> d.getCode().equals(code))
                .findFirst()
                .orElseThrow();
        return ResponseEntity.ok(dto.version(version));
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<SystemSummaryDto> addSystem(String code, SystemSummaryDto in) {
        ExchangeSystem s = actions.run(
                "SYSTEM_CREATE",
                in.getId(),
                () -> departments.addSystem(
                        new ExchangeSystem(
                                in.getId(),
                                in.getName(),
                                code,
                                SystemKind.valueOf(in.getKind().getValue())),
                        actor()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new SystemSummaryDto(s.id(), s.name(), in.getKind()));
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<CertificateIdentityDto> registerCertificate(String id, CertificateInputDto in) {
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(in.getCertificatePem().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            throw ValidationException.of("certificatePem", "is not a PEM X.509 certificate", "FORMAT");
        }
        String sha256 = Certificates.sha256Fingerprint(cert);
        String subject = cert.getSubjectX500Principal().getName();
        actions.run("SYSTEM_CERTIFICATE", id, () -> {
            departments.registerCertificate(
                    id, sha256, subject, cert.getNotAfter().toInstant(), actor());
            return null;
        });
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CertificateIdentityDto(
                        id,
                        sha256,
                        subject,
                        CatalogueDtos.time(cert.getNotAfter().toInstant())));
    }

    @Override
    @PreAuthorize("hasAnyRole('DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<List<ResponsibilityDto>> getResponsibilities(String code) {
        departments.version(code);
        return ResponseEntity.ok(responsibilities.of(code).stream()
                .map(CatalogueDtos::responsibility)
                .toList());
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<List<ResponsibilityDto>> replaceResponsibilities(String code, List<ResponsibilityDto> in) {
        List<Responsibilities.Entry> entries = in.stream()
                .map(e -> new Responsibilities.Entry(code, e.getResourceCode(), e.getName(), e.getBasis(), false))
                .toList();
        return ResponseEntity.ok(
                actions
                        .run("RESPONSIBILITIES_REPLACE", code, () -> responsibilities.replace(code, entries, actor()))
                        .stream()
                        .map(CatalogueDtos::responsibility)
                        .toList());
    }

    @Override
    @PreAuthorize("hasAnyRole('DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<List<ResponsibilityDto>> listMissingResponsibilities() {
        return ResponseEntity.ok(responsibilities.missing().stream()
                .map(CatalogueDtos::responsibility)
                .toList());
    }

    @Override
    @PreAuthorize("hasAnyRole('DATA_ADMIN', 'AUDITOR')")
    public ResponseEntity<List<ChangeDto>> listChanges(
            String entityType, String entityCode, Long after, Integer limit) {
        List<ChangeLog.Change> found = entityType != null && entityCode != null
                ? changes.of(entityType, entityCode).stream()
                        .filter(c -> after == null || c.id() > after)
                        .limit(limit)
                        .toList()
                : changes.since(after == null ? 0 : after, limit).stream()
                        .filter(c -> entityType == null || c.entityType().equals(entityType))
                        .filter(c -> entityCode == null || c.entityCode().equals(entityCode))
                        .toList();
        return ResponseEntity.ok(found.stream().map(CatalogueDtos::change).toList());
    }

    private String actor() {
        return actors.current().name();
    }
}
