package cn.tongban.server.api;

import java.time.Clock;
import java.util.LinkedHashMap;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.model.IdentifierCheckRequestDto;
import cn.tongban.api.model.IdentifierCheckResultDto;
import cn.tongban.api.model.IdentifierTypeDto;
import cn.tongban.api.verifications.VerificationsApi;
import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.OrganizationCode;
import cn.tongban.catalog.id.ResidentIdNumber;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.licence.id.LicenceIdentifier;
import jakarta.validation.Valid;

/** Verification for window apps and systems. An invalid identifier is a result, not an error. */
@RestController
@PreAuthorize("denyAll")
public class VerificationsController implements VerificationsApi {

    private final Clock clock;
    private final AccessRecorder access;

    public VerificationsController(Clock clock, AccessRecorder access) {
        this.clock = clock;
        this.access = access;
    }

    @Override
    @PreAuthorize("hasAnyRole('WINDOW_APP', 'SYSTEM', 'DATA_ADMIN')")
    public ResponseEntity<IdentifierCheckResultDto> checkIdentifier(@Valid IdentifierCheckRequestDto request) {
        String value = request.getValue();
        IdentifierCheck check = switch (request.getType()) {
            case UNIFIED_SOCIAL_CREDIT_CODE -> UnifiedSocialCreditCode.check(value, Boolean.TRUE.equals(request.getStrict()));
            case ORGANIZATION_CODE -> OrganizationCode.check(value);
            case RESIDENT_ID_NUMBER -> ResidentIdNumber.check(value, clock);
            case LICENCE_IDENTIFIER -> LicenceIdentifier.check(value);
        };
        // The identifier itself is personal data for resident ID numbers: the access log records only the act.
        access.record("IDENTIFIER_CHECK", null, AccessEntry.Outcome.OK, null);
        IdentifierCheckResultDto dto = new IdentifierCheckResultDto(IdentifierTypeDto.valueOf(check.type().name()),
                check.value(), check.valid())
                .errorCode(check.errorCode())
                .reason(check.reason())
                .expectedCheckCharacter(check.expectedCheckCharacter() == null ? null
                        : String.valueOf(check.expectedCheckCharacter()))
                .components(check.components().isEmpty() ? null : new LinkedHashMap<>(check.components()));
        return ResponseEntity.ok(dto);
    }
}
