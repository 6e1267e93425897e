package cn.tongban.server.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.catalogue.AuthorisationsApi;
import cn.tongban.api.model.AuthorisationActionDto;
import cn.tongban.api.model.AuthorisationApplicationDto;
import cn.tongban.api.model.AuthorisationDecisionDto;
import cn.tongban.api.model.AuthorisationDto;
import cn.tongban.api.model.AuthorisationPageDto;
import cn.tongban.api.model.AuthorisationStatusDto;
import cn.tongban.api.model.PageInfoDto;
import cn.tongban.catalog.Page;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.admin.NotFoundException;
import cn.tongban.catalog.auth.Actor;
import cn.tongban.catalog.auth.Application;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.AuthorisationStatus;
import cn.tongban.catalog.auth.Authorisations;
import cn.tongban.server.security.Role;
import cn.tongban.server.security.SystemPrincipal;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/**
 * Applications for resources and their decisions (国发〔2016〕51号). Systems apply for themselves and see their
 * own; approvers see and decide their department's resources; data administrators see everything and may
 * apply on a system's behalf and revoke.
 */
@RestController
@PreAuthorize("denyAll")
public class AuthorisationsController implements AuthorisationsApi {

    private final Authorisations authorisations;
    private final ResourceRepository resources;
    private final AdminActions actions;
    private final Actors actors;
    private final java.time.Clock clock;

    public AuthorisationsController(
            Authorisations authorisations,
            ResourceRepository resources,
            AdminActions actions,
            Actors actors,
            java.time.Clock clock) {
        this.authorisations = authorisations;
        this.resources = resources;
        this.actions = actions;
        this.actors = actors;
        this.clock = clock;
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN')")
    public ResponseEntity<AuthorisationDto> applyForAuthorisation(AuthorisationApplicationDto in) {
        SystemPrincipal self = Caller.system();
        String consumer = in.getConsumerSystem();
        if (self != null) {
            if (consumer != null && !consumer.equals(self.systemId())) {
                throw new ApiException(ErrorCode.ACCESS_DENIED, "A system applies only for itself");
            }
            consumer = self.systemId();
        }
        Application application = new Application(
                consumer,
                in.getResourceCode(),
                in.getPurpose(),
                in.getServiceItemCode(),
                in.getFields(),
                in.getLegalBasis(),
                CatalogueDtos.instant(in.getValidFrom()),
                CatalogueDtos.instant(in.getValidUntil()));
        Authorisation a = actions.run(
                "AUTHORISATION_APPLY", in.getResourceCode(), () -> authorisations.apply(application, actors.current()));
        return ResponseEntity.status(HttpStatus.CREATED).body(dto(a));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<AuthorisationPageDto> searchAuthorisations(
            String consumer, String resource, AuthorisationStatusDto status, Integer page, Integer size) {
        String provider = null;
        SystemPrincipal self = Caller.system();
        if (self != null) {
            consumer = self.systemId();
        } else if (!Actors.has(Role.DATA_ADMIN)) {
            provider = approverDepartment();
        }
        Page<Authorisation> found = authorisations.search(
                consumer,
                resource,
                provider,
                status == null ? null : AuthorisationStatus.valueOf(status.getValue()),
                page,
                size);
        return ResponseEntity.ok(new AuthorisationPageDto(
                found.items().stream().map(this::dto).toList(),
                new PageInfoDto(found.page(), found.size(), found.totalElements(), found.totalPages())));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<AuthorisationDto> getAuthorisation(String id) {
        return ResponseEntity.ok(dto(visible(id)));
    }

    @Override
    @PreAuthorize("hasRole('APPROVER')")
    public ResponseEntity<AuthorisationDto> approveAuthorisation(String id, AuthorisationActionDto in) {
        Authorisation a = visible(id);
        return ResponseEntity.ok(dto(actions.run(
                "AUTHORISATION_APPROVE",
                a.resourceCode(),
                () -> authorisations.approve(id, CatalogueDtos.requireVersion(in.getVersion()), actors.current()))));
    }

    @Override
    @PreAuthorize("hasRole('APPROVER')")
    public ResponseEntity<AuthorisationDto> refuseAuthorisation(String id, AuthorisationActionDto in) {
        Authorisation a = visible(id);
        return ResponseEntity.ok(dto(actions.run(
                "AUTHORISATION_REFUSE",
                a.resourceCode(),
                () -> authorisations.refuse(
                        id, CatalogueDtos.requireVersion(in.getVersion()), actors.current(), in.getReason()))));
    }

    @Override
    @PreAuthorize("hasAnyRole('APPROVER', 'DATA_ADMIN')")
    public ResponseEntity<AuthorisationDto> revokeAuthorisation(String id, AuthorisationActionDto in) {
        Authorisation a = visible(id);
        return ResponseEntity.ok(dto(actions.run(
                "AUTHORISATION_REVOKE",
                a.resourceCode(),
                () -> authorisations.revoke(
                        id, CatalogueDtos.requireVersion(in.getVersion()), actors.current(), in.getReason()))));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN', 'APPROVER')")
    public ResponseEntity<AuthorisationDecisionDto> decideAuthorisation(
            String consumer,
            String resource,
            String purpose,
            List<String> fields,
            String serviceItem,
            OffsetDateTime at) {
        SystemPrincipal self = Caller.system();
        if (self != null && !self.systemId().equals(consumer)) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "A system may ask only about its own authorisations");
        }
        Instant when = at == null ? clock.instant() : at.toInstant();
        return ResponseEntity.ok(CatalogueDtos.decision(authorisations.decide(
                consumer,
                resource,
                purpose,
                serviceItem == null || serviceItem.isBlank() ? null : serviceItem.strip(),
                fields.stream().map(String::strip).filter(f -> !f.isEmpty()).toList(),
                when)));
    }

    /** The authorisation, if the caller may see it; otherwise as if it did not exist. */
    private Authorisation visible(String id) {
        Authorisation a = authorisations
                .find(id)
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.AUTHORISATION, id));
        SystemPrincipal self = Caller.system();
        boolean visible;
        if (self != null) {
            visible = a.consumerSystem().equals(self.systemId());
        } else if (Actors.has(Role.DATA_ADMIN)) {
            visible = true;
        } else {
            Actor me = actors.current();
            visible = me.departmentCode() != null
                    && resources
                            .find(a.resourceCode())
                            .map(r -> r.providerCode().equals(me.departmentCode()))
                            .orElse(false);
        }
        if (!visible) {
            throw new NotFoundException(NotFoundException.Kind.AUTHORISATION, id);
        }
        return a;
    }

    private String approverDepartment() {
        String department = actors.current().departmentCode();
        if (department == null) {
            throw new ApiException(
                    ErrorCode.NOT_PROVIDER_APPROVER,
                    "No department is known for you: an approver needs a department (user attribute or token claim)");
        }
        return department;
    }

    private AuthorisationDto dto(Authorisation a) {
        return CatalogueDtos.authorisation(a, clock.instant(), authorisations.today());
    }
}
