package cn.tongban.server.api;

import java.time.ZoneOffset;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.exchange.ExchangeApi;
import cn.tongban.api.model.SystemIdentityDto;
import cn.tongban.server.security.SystemPrincipal;

/** The exchange API; systems only. */
@RestController
@PreAuthorize("denyAll")
public class ExchangeController implements ExchangeApi {

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<SystemIdentityDto> whoAmI() {
        SystemPrincipal s = Caller.system();
        return ResponseEntity.ok(new SystemIdentityDto(s.systemId(), s.systemName(),
                SystemIdentityDto.KindEnum.valueOf(s.kind()), s.departmentCode(), s.departmentName(),
                s.certificateSubject(), s.certificateSha256())
                .certificateNotAfter(s.certificateNotAfter().atOffset(ZoneOffset.UTC)));
    }
}
