package cn.tongban.server.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.tongban.api.model.AuthorisationDecisionDto;
import cn.tongban.api.model.AuthorisationDto;
import cn.tongban.api.model.AuthorisationStatusDto;
import cn.tongban.api.model.BadRowDto;
import cn.tongban.api.model.ChangeDto;
import cn.tongban.api.model.ClassificationLevelsDto;
import cn.tongban.api.model.FieldViolationDto;
import cn.tongban.api.model.ImportReportDto;
import cn.tongban.api.model.ResourceStatusDto;
import cn.tongban.api.model.ResourceVersionDto;
import cn.tongban.api.model.ResponsibilityDto;
import cn.tongban.api.model.RetainedProofInputDto;
import cn.tongban.api.model.ServiceItemInputDto;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.admin.ChangeLog;
import cn.tongban.catalog.admin.ImportReport;
import cn.tongban.catalog.admin.ResourceStore;
import cn.tongban.catalog.admin.Responsibilities;
import cn.tongban.catalog.admin.ValidationException;
import cn.tongban.catalog.admin.Violation;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.Decision;
import cn.tongban.catalog.io.ResourceJson;

/** Mapping between the catalogue's records and the API's DTOs, at the web edge only. */
final class CatalogueDtos {

    private CatalogueDtos() {}

    /** Reads a resource written by an administrator: the resource and the values that could not be read. */
    static ResourceJson.Parsed resource(ObjectMapper mapper, Object inputDto, String code) {
        ObjectNode node = mapper.valueToTree(inputDto);
        node.remove("version");
        if (code != null && !node.hasNonNull("code")) {
            node.put("code", code);
        }
        return ResourceJson.read(node);
    }

    static Integer requireVersion(Integer version) {
        if (version == null) {
            throw ValidationException.of("version", "is required: send the version you read", "REQUIRED");
        }
        return version;
    }

    static OffsetDateTime time(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static void addLifecycle(cn.tongban.api.model.ResourceDto dto, Resource r) {
        Resource.ClassificationLevels l = r.classificationLevels();
        dto.status(ResourceStatusDto.valueOf(r.status().name()))
                .providerSystem(r.providerSystem())
                .endpointPath(r.endpointPath())
                .openCondition(r.openCondition())
                .relatedCodes(new ArrayList<>(r.relatedCodes()))
                .classificationLevels(new ClassificationLevelsDto()
                        .category(l.category())
                        .item(l.item())
                        .subItem(l.subItem())
                        .detail(l.detail()))
                .updatedAt(time(r.updatedAt()))
                .updatedBy(r.updatedBy());
    }

    static ResourceVersionDto version(ResourceStore.Version v) {
        return new ResourceVersionDto(
                        v.version(), ResourceStatusDto.valueOf(v.status().name()), time(v.validFrom()))
                .validTo(time(v.validTo()))
                .changedBy(v.changedBy());
    }

    static List<FieldViolationDto> violations(List<Violation> violations) {
        return violations.stream()
                .map(v -> new FieldViolationDto(v.field(), v.message()).code(v.code()))
                .toList();
    }

    static ImportReportDto report(ImportReport r) {
        return new ImportReportDto(
                r.rows(),
                r.imported(),
                r.skippedBadRows(),
                r.badRows().stream()
                        .map(b -> new BadRowDto(b.row(), violations(b.violations())).code(b.code()))
                        .toList());
    }

    /** A rejected import as one list of violations, each field prefixed with its row: {@code rows[3].name}. */
    static ValidationException rejected(ImportReport r) {
        List<Violation> all = new ArrayList<>();
        for (ImportReport.BadRow b : r.badRows()) {
            for (Violation v : b.violations()) {
                all.add(new Violation(
                        "rows[" + b.row() + "]" + (v.field().isEmpty() ? "" : "." + v.field()),
                        (b.code() == null ? "" : b.code() + ": ") + v.message(),
                        v.code()));
            }
        }
        return new ValidationException(all);
    }

    static ResponsibilityDto responsibility(Responsibilities.Entry e) {
        return new ResponsibilityDto(e.resourceCode(), e.name())
                .departmentCode(e.departmentCode())
                .basis(e.basis())
                .provided(e.provided());
    }

    static ChangeDto change(ChangeLog.Change c) {
        return new ChangeDto(c.id(), time(c.at()), c.actor(), c.entityType(), c.entityCode(), c.action())
                .version(c.version())
                .detail(c.detail());
    }

    static AuthorisationDto authorisation(Authorisation a, Instant now, java.time.LocalDate today) {
        return new AuthorisationDto(
                        a.id(),
                        a.consumerSystem(),
                        a.resourceCode(),
                        a.purpose(),
                        new ArrayList<>(a.fields()),
                        a.legalBasis(),
                        AuthorisationStatusDto.valueOf(a.statusAt(now).name()),
                        time(a.validFrom()),
                        time(a.validUntil()),
                        time(a.appliedAt()),
                        a.appliedBy(),
                        a.version())
                .serviceItemCode(a.serviceItemCode())
                .decisionDue(a.decisionDue())
                .overdue(a.overdue(today))
                .decidedAt(time(a.decidedAt()))
                .decidedBy(a.decidedBy())
                .refusalReason(a.refusalReason())
                .revokedAt(time(a.revokedAt()))
                .revokedBy(a.revokedBy())
                .revocationReason(a.revocationReason());
    }

    static AuthorisationDecisionDto decision(Decision d) {
        return new AuthorisationDecisionDto(d.allowed(), d.reason().name())
                .detail(d.detail())
                .authorisationId(d.authorisationId())
                .deniedFields(d.deniedFields().isEmpty() ? null : new ArrayList<>(d.deniedFields()));
    }

    static ServiceItem serviceItem(ServiceItemInputDto in, String code) {
        List<RetainedProof> proofs = new ArrayList<>();
        for (RetainedProofInputDto p : in.getProofs()) {
            proofs.add(new RetainedProof(
                    p.getCode(),
                    p.getName(),
                    p.getUse(),
                    p.getLegalBasis(),
                    p.getArticle(),
                    p.getDemandingUnit(),
                    p.getIssuingUnit(),
                    p.getLevel(),
                    Boolean.TRUE.equals(p.getNotifyCommitAllowed()),
                    p.getNotifyCommitExclusionReason(),
                    p.getSatisfiedBy(),
                    p.getResourceCode(),
                    p.getFieldMapping() == null ? null : new LinkedHashMap<>(p.getFieldMapping()),
                    p.getLicenceTypeCode(),
                    p.getPaperReason()));
        }
        return new ServiceItem(
                in.getCode() == null ? code : in.getCode(),
                in.getName(),
                in.getNameEn(),
                in.getDepartmentCode(),
                in.getItemType(),
                proofs);
    }
}
