package cn.tongban.server.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.audit.AuditApi;
import cn.tongban.api.model.AuditEntryDto;
import cn.tongban.api.model.EntryPageDto;
import cn.tongban.audit.AccessEntry;
import cn.tongban.audit.AccessLog;
import cn.tongban.audit.AccessLogQuery;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/** The access log, for auditors only. */
@RestController
@PreAuthorize("denyAll")
public class AuditController implements AuditApi {

    private final AccessLog log;

    public AuditController(AccessLog log) {
        this.log = log;
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<EntryPageDto> searchEntries(OffsetDateTime from, OffsetDateTime to, String system,
                                                      String action, Long before, Integer limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "'from' must be before 'to'",
                    List.of(new ApiException.FieldViolation("from", "must be before 'to'", "RANGE")));
        }
        Instant fromTime = from == null ? null : from.toInstant();
        Instant toTime = to == null ? null : to.toInstant();
        List<AccessEntry> entries = log.search(new AccessLogQuery(fromTime, toTime, system, action, before, limit));
        EntryPageDto page = new EntryPageDto(entries.stream().map(AuditController::dto).toList());
        if (entries.size() == limit) {
            long last = entries.get(entries.size() - 1).sequence();
            // A cursor only when an older matching entry exists, so the last page carries none.
            if (!log.search(new AccessLogQuery(fromTime, toTime, system, action, last, 1)).isEmpty()) {
                page.nextBefore(last);
            }
        }
        return ResponseEntity.ok(page);
    }

    private static AuditEntryDto dto(AccessEntry e) {
        return new AuditEntryDto(e.sequence(), e.time().atOffset(ZoneOffset.UTC), e.actor(), e.action(),
                e.outcome().name())
                .node(e.node()).resourceCode(e.resourceCode()).errorCode(e.errorCode())
                .correlationId(e.correlationId());
    }
}
