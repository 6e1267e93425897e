package cn.tongban.server.api;

import java.time.ZoneOffset;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.catalogue.AuthorisationsApi;
import cn.tongban.api.model.AuthorisationApplicationDto;
import cn.tongban.api.model.AuthorisationApprovalDto;
import cn.tongban.api.model.AuthorisationDto;
import cn.tongban.api.model.AuthorisationReasonDto;
import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.authorisation.Authorisation;
import cn.tongban.catalog.authorisation.AuthorisationException;
import cn.tongban.catalog.authorisation.AuthorisationService;
import cn.tongban.server.security.Role;
import cn.tongban.server.security.SystemPrincipal;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/**
 * Applications for resources and their decisions. Systems apply for themselves and see their own; approvers
 * decide for their own department's resources (the department of the person: configuration or the token's
 * {@code department} claim); data administrators see everything, apply for a named system and revoke. Every
 * change is written to the access log ({@code AUTHORISATION_*}).
 */
@RestController
@PreAuthorize("denyAll")
public class AuthorisationsController implements AuthorisationsApi {

    private final AuthorisationService service;
    private final CallerDepartment department;
    private final AccessRecorder recorder;

    AuthorisationsController(AuthorisationService service, CallerDepartment department, AccessRecorder recorder) {
        this.service = service;
        this.department = department;
        this.recorder = recorder;
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'DATA_ADMIN')")
    public ResponseEntity<AuthorisationDto> applyForAuthorisation(AuthorisationApplicationDto a) {
        SystemPrincipal system = Caller.system();
        String consumer;
        if (system != null) {
            if (a.getConsumerSystem() != null && !a.getConsumerSystem().equals(system.systemId())) {
                throw new ApiException(ErrorCode.ACCESS_DENIED, "a system applies only for itself");
            }
            consumer = system.systemId();
        } else {
            if (a.getConsumerSystem() == null) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "name the system applied for", List.of(
                        new ApiException.FieldViolation("consumerSystem", "required for a data administrator", null)));
            }
            consumer = a.getConsumerSystem();
        }
        Authorisation created = run(() -> service.apply(consumer, a.getResourceCode(), a.getPurpose(),
                a.getServiceItem(), a.getFields(), a.getLegalBasis(), Caller.name()));
        recorder.record("AUTHORISATION_APPLIED", created.resourceCode(), AccessEntry.Outcome.OK, null);
        return ResponseEntity.status(HttpStatus.CREATED).body(dto(created));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'APPROVER', 'DATA_ADMIN')")
    public ResponseEntity<List<AuthorisationDto>> listAuthorisations(String status, Integer limit) {
        Authorisation.Status s = status == null ? null : Authorisation.Status.valueOf(status);
        int n = limit == null ? 100 : limit;
        List<Authorisation> list;
        if (Caller.system() != null) {
            list = service.list(Caller.system().systemId(), null, s, n);
        } else if (has(Role.DATA_ADMIN)) {
            list = service.list(null, null, s, n);
        } else {
            list = service.list(null, approverDepartment(), s, n);
        }
        return ResponseEntity.ok(list.stream().map(this::dto).toList());
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP', 'APPROVER', 'DATA_ADMIN')")
    public ResponseEntity<AuthorisationDto> getAuthorisation(String id) {
        Authorisation a = service.find(id).orElseThrow(() -> notFound(id));
        boolean visible = Caller.system() != null ? a.consumerSystem().equals(Caller.system().systemId())
                : has(Role.DATA_ADMIN) || service.list(null, department.current(), null, 500).stream()
                .anyMatch(x -> x.id().equals(id));
        if (!visible) {
            throw notFound(id);   // do not reveal other systems' applications
        }
        return ResponseEntity.ok(dto(a));
    }

    @Override
    @PreAuthorize("hasRole('APPROVER')")
    public ResponseEntity<AuthorisationDto> approveAuthorisation(String id, AuthorisationApprovalDto body) {
        Authorisation a = run(() -> service.approve(id, approverDepartment(), Caller.name(),
                body.getValidTo().toInstant(), body.getVersion()));
        recorder.record("AUTHORISATION_APPROVED", a.resourceCode(), AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok(dto(a));
    }

    @Override
    @PreAuthorize("hasRole('APPROVER')")
    public ResponseEntity<AuthorisationDto> refuseAuthorisation(String id, AuthorisationReasonDto body) {
        Authorisation a = run(() -> service.refuse(id, approverDepartment(), Caller.name(), body.getReason(),
                body.getVersion()));
        recorder.record("AUTHORISATION_REFUSED", a.resourceCode(), AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok(dto(a));
    }

    @Override
    @PreAuthorize("hasAnyRole('APPROVER', 'DATA_ADMIN')")
    public ResponseEntity<AuthorisationDto> revokeAuthorisation(String id, AuthorisationReasonDto body) {
        String dept = has(Role.DATA_ADMIN) ? null : approverDepartment();
        Authorisation a = run(() -> service.revoke(id, dept, Caller.name(), body.getReason(), body.getVersion()));
        recorder.record("AUTHORISATION_REVOKED", a.resourceCode(), AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok(dto(a));
    }

    private String approverDepartment() {
        String d = department.current();
        if (d == null || d.isBlank()) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "this approver has no department configured");
        }
        return d;
    }

    private static boolean has(Role role) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getAuthorities().stream().anyMatch(g -> g.getAuthority().equals(role.authority()));
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.AUTHORISATION_NOT_FOUND, "no authorisation " + id);
    }

    private static Authorisation run(java.util.function.Supplier<Authorisation> action) {
        try {
            return action.get();
        } catch (AuthorisationException e) {
            ErrorCode code = switch (e.kind()) {
                case INVALID -> ErrorCode.VALIDATION_FAILED;
                case NOT_FOUND -> e.getMessage().startsWith("no authorisation") ? ErrorCode.AUTHORISATION_NOT_FOUND
                        : ErrorCode.RESOURCE_NOT_FOUND;
                case NOT_PERMITTED -> ErrorCode.ACCESS_DENIED;
                case STALE_VERSION -> ErrorCode.STALE_VERSION;
                case WRONG_STATE -> ErrorCode.WRONG_STATE;
            };
            throw new ApiException(code, e.getMessage(), e.violations().stream().map(v -> {
                int i = v.indexOf(": ");
                return new ApiException.FieldViolation(i < 0 ? "" : v.substring(0, i), v.substring(i + 2), null);
            }).toList());
        }
    }

    private AuthorisationDto dto(Authorisation a) {
        AuthorisationDto d = new AuthorisationDto(a.id(), a.consumerSystem(), a.resourceCode(), a.purpose(), a.fields(),
                a.legalBasis(), AuthorisationDto.StatusEnum.valueOf(a.status().name()),
                a.requestedAt().atOffset(ZoneOffset.UTC), a.requestedBy(), service.overdue(a), a.version());
        d.setServiceItem(a.serviceItem());
        d.setDecideBy(a.decideBy());
        d.setDecidedAt(a.decidedAt() == null ? null : a.decidedAt().atOffset(ZoneOffset.UTC));
        d.setDecidedBy(a.decidedBy());
        d.setReason(a.reason());
        d.setValidFrom(a.validFrom() == null ? null : a.validFrom().atOffset(ZoneOffset.UTC));
        d.setValidTo(a.validTo() == null ? null : a.validTo().atOffset(ZoneOffset.UTC));
        return d;
    }
}
