package cn.tongban.server.api;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.audit.AuditApi;
import cn.tongban.api.model.AuditEntryDto;
import cn.tongban.api.model.ConsistencyProofDto;
import cn.tongban.api.model.DailyCountDto;
import cn.tongban.api.model.DailyCountsDto;
import cn.tongban.api.model.EntryPageDto;
import cn.tongban.api.model.InclusionProofDto;
import cn.tongban.api.model.SignedTreeHeadDto;
import cn.tongban.api.model.SignedTreeHeadsDto;
import cn.tongban.api.model.SigningKeyDto;
import cn.tongban.api.model.SubjectAccessDto;
import cn.tongban.api.model.SubjectReportDto;
import cn.tongban.api.model.SubjectReportRequestDto;
import cn.tongban.api.model.VerificationResultDto;
import cn.tongban.audit.AccessEntry;
import cn.tongban.audit.AccessLog;
import cn.tongban.audit.AccessLogQuery;
import cn.tongban.audit.AuditResult;
import cn.tongban.audit.EntryCodec;
import cn.tongban.audit.LogReader;
import cn.tongban.audit.LogTree;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.server.audit.AuditKeys;
import cn.tongban.server.audit.AuditService;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/**
 * The access log for auditors (search, export, counts, signed heads, proofs, verification) and the
 * data-subject report for window applications.
 */
@RestController
@PreAuthorize("denyAll")
public class AuditController implements AuditApi {

    private static final Logger LOG = LoggerFactory.getLogger(AuditController.class);
    private static final HexFormat HEX = HexFormat.of();

    private final AccessLog log;
    private final AuditService audit;
    private final AccessRecorder access;
    /** Exports stream on these threads (a pipe to the response); see AuditConfig#auditExportExecutor. */
    private final ExecutorService exports;

    public AuditController(
            AccessLog log,
            AuditService audit,
            AccessRecorder access,
            @Qualifier("auditExportExecutor") ExecutorService exports) {
        this.log = log;
        this.audit = audit;
        this.access = access;
        this.exports = exports;
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<EntryPageDto> searchEntries(
            OffsetDateTime from,
            OffsetDateTime to,
            String system,
            String department,
            String action,
            String resource,
            String purpose,
            String serviceItem,
            String subject,
            String outcome,
            Long before,
            Integer limit) {
        AccessLogQuery q = query(
                from, to, system, department, action, resource, purpose, serviceItem, subject, outcome, before, limit);
        List<AccessEntry> entries = log.search(q);
        EntryPageDto page =
                new EntryPageDto(entries.stream().map(e -> dto(e, null)).toList());
        if (entries.size() == limit) {
            long last = entries.get(entries.size() - 1).sequence();
            // A cursor only when an older matching entry exists, so the last page carries none.
            if (!log.search(q.page(last, 1)).isEmpty()) {
                page.nextBefore(last);
            }
        }
        return ResponseEntity.ok(page);
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<AuditEntryDto> getEntry(Long sequence) {
        AccessEntry e = log.find(sequence)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.NOT_FOUND, "No entry " + sequence + " in the database (it may be archived)"));
        return ResponseEntity.ok(dto(e, EntryCodec.leafHash(e)));
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<Resource> exportEntries(
            String format,
            Long fromSequence,
            Long toSequence,
            OffsetDateTime from,
            OffsetDateTime to,
            String system,
            String department,
            String action,
            String resource,
            String purpose,
            String serviceItem,
            String subject,
            String outcome) {
        boolean csv = "csv".equals(format);
        if (!csv && !"ndjson".equals(format)) {
            throw invalid("format", "must be ndjson or csv", "ENUM");
        }
        long first = fromSequence == null ? 1 : fromSequence;
        long last = toSequence == null ? Long.MAX_VALUE : toSequence;
        if (first > last) {
            throw invalid("fromSequence", "must not be after toSequence", "RANGE");
        }
        AccessLogQuery q =
                query(from, to, system, department, action, resource, purpose, serviceItem, subject, outcome, null, 1);
        boolean filtered = from != null
                || to != null
                || system != null
                || department != null
                || action != null
                || resource != null
                || purpose != null
                || serviceItem != null
                || subject != null
                || outcome != null;
        AccessLogQuery filter = filtered ? q : null;
        LogReader reader = audit.reader();
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        exports.execute(() -> {
            try {
                if (csv) {
                    reader.exportCsv(filter, first, last, out);
                } else {
                    reader.exportNdjson(filter, first, last, out);
                }
                out.close();
            } catch (IOException | RuntimeException e) {
                // Not closing the pipe makes the reading side fail, so the response is cut off, not ended cleanly.
                LOG.warn("access log export stopped: {}", e.toString());
            }
        });
        String name = "access-log-" + first + (last == Long.MAX_VALUE ? "" : "-" + last) + (csv ? ".csv" : ".ndjson");
        return ResponseEntity.ok()
                .contentType(
                        csv
                                ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                                : MediaType.parseMediaType("application/x-ndjson"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(new InputStreamResource(in));
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<DailyCountsDto> dailyCounts(OffsetDateTime from, OffsetDateTime to) {
        checkRange(from, to);
        List<DailyCountDto> counts = audit.reader().dailyCounts(instant(from), instant(to), audit.zone()).stream()
                .map(c -> new DailyCountDto(c.day(), c.count())
                        .department(c.department())
                        .resourceCode(c.resourceCode()))
                .toList();
        return ResponseEntity.ok(new DailyCountsDto(audit.zone().getId(), counts));
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<SignedTreeHeadsDto> listTreeHeads() {
        return ResponseEntity.ok(new SignedTreeHeadsDto(
                audit.tree().signedHeads().stream().map(AuditController::dto).toList()));
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<SignedTreeHeadDto> publishTreeHead() {
        SignedTreeHead head = audit.publish();
        return ResponseEntity.status(HttpStatus.CREATED).body(dto(head));
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<SignedTreeHeadDto> latestTreeHead() {
        return ResponseEntity.ok(dto(audit.tree()
                .latestSignedHead()
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No tree head has been signed yet"))));
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<SigningKeyDto> signingKey() {
        return ResponseEntity.ok(new SigningKeyDto(audit.signingAlgorithm(), AuditKeys.publicPem(audit.publicKey())));
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<InclusionProofDto> inclusionProof(Long sequence, Long treeSize) {
        LogTree tree = audit.tree();
        long size = tree.size();
        if (treeSize > size) {
            throw invalid("treeSize", "the log has " + size + " entries", "RANGE");
        }
        if (sequence > treeSize) {
            throw invalid("sequence", "must not exceed treeSize " + treeSize, "RANGE");
        }
        List<byte[]> path = tree.inclusionProof(sequence, treeSize);
        byte[] leaf = tree.leafHash(sequence);
        return ResponseEntity.ok(new InclusionProofDto(
                        sequence,
                        sequence - 1,
                        treeSize,
                        HEX.formatHex(leaf),
                        path.stream().map(HEX::formatHex).toList())
                .rootHash(HEX.formatHex(tree.head(treeSize, Instant.EPOCH).root())));
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<ConsistencyProofDto> consistencyProof(Long from, Long to) {
        LogTree tree = audit.tree();
        long size = tree.size();
        if (to > size) {
            throw invalid("to", "the log has " + size + " entries", "RANGE");
        }
        if (from > to) {
            throw invalid("from", "must not exceed to", "RANGE");
        }
        List<byte[]> path = tree.consistencyProof(from, to);
        return ResponseEntity.ok(new ConsistencyProofDto(
                from,
                to,
                HEX.formatHex(tree.head(from, Instant.EPOCH).root()),
                HEX.formatHex(tree.head(to, Instant.EPOCH).root()),
                path.stream().map(HEX::formatHex).toList()));
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<VerificationResultDto> verifyLog() {
        AuditResult r = audit.verifyFully();
        VerificationResultDto dto = new VerificationResultDto(
                r.intact(),
                VerificationResultDto.StatusEnum.fromValue(r.status().name()),
                r.checked(),
                r.reason());
        if (!r.intact()) {
            dto.firstSequence(r.firstSequence()).lastSequence(r.lastSequence());
        }
        return ResponseEntity.ok(dto);
    }

    /**
     * For a window application acting for a citizen it authenticated (its own duty, as for any service it
     * offers at the window): the accesses to that citizen's data. The request is logged first, with the
     * subject key, so the citizen's next report shows who asked.
     */
    @Override
    @PreAuthorize("hasRole('WINDOW_APP')")
    public ResponseEntity<SubjectReportDto> subjectReport(SubjectReportRequestDto request) {
        checkRange(request.getFrom(), request.getTo());
        String subjectId = request.getSubjectId();
        if (subjectId.isBlank()) {
            throw invalid("subjectId", "must not be blank", "NOT_BLANK");
        }
        int limit = request.getLimit() == null ? 200 : request.getLimit();
        access.record(
                "SUBJECT_REPORT",
                null,
                AccessEntry.Outcome.OK,
                null,
                new AccessRecorder.Delivery(subjectId, "数据主体查询 data subject report", null, null, null, null));
        String key = audit.subjectKey(subjectId);
        List<AccessEntry> entries = log.search(new AccessLogQuery(
                instant(request.getFrom()),
                instant(request.getTo()),
                null,
                null,
                null,
                null,
                null,
                null,
                key,
                null,
                null,
                limit));
        List<SubjectAccessDto> accesses = entries.stream()
                .map(e -> new SubjectAccessDto(
                                e.time().atOffset(ZoneOffset.UTC),
                                e.actor(),
                                e.action(),
                                e.outcome().name())
                        .department(e.department())
                        .resourceCode(e.resourceCode())
                        .purpose(e.purpose())
                        .serviceItem(e.serviceItem())
                        .fieldsDelivered(e.fieldsDelivered()))
                .toList();
        List<String> departments = List.copyOf(entries.stream()
                .map(AccessEntry::department)
                .filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        return ResponseEntity.ok(new SubjectReportDto(accesses).departments(departments));
    }

    private AccessLogQuery query(
            OffsetDateTime from,
            OffsetDateTime to,
            String system,
            String department,
            String action,
            String resource,
            String purpose,
            String serviceItem,
            String subject,
            String outcome,
            Long before,
            Integer limit) {
        checkRange(from, to);
        AccessEntry.Outcome o = null;
        if (outcome != null) {
            try {
                o = AccessEntry.Outcome.valueOf(outcome.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("outcome", "must be OK, REFUSED or FAILED", "ENUM");
            }
        }
        String subjectKey = null;
        if (subject != null) {
            try {
                subjectKey = audit.subjectKey(subject);
            } catch (IllegalArgumentException e) {
                throw invalid("subject", "must not be blank", "NOT_BLANK");
            }
        }
        return new AccessLogQuery(
                instant(from),
                instant(to),
                system,
                department,
                action,
                resource,
                purpose,
                serviceItem,
                subjectKey,
                o,
                before,
                limit == null ? 50 : limit);
    }

    private static void checkRange(OffsetDateTime from, OffsetDateTime to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("from", "must be before 'to'", "RANGE");
        }
    }

    private static ApiException invalid(String field, String message, String code) {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED,
                "'" + field + "' " + message,
                List.of(new ApiException.FieldViolation(field, message, code)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static AuditEntryDto dto(AccessEntry e, byte[] leafHash) {
        return new AuditEntryDto(
                        e.sequence(),
                        e.time().atOffset(ZoneOffset.UTC),
                        e.actor(),
                        e.action(),
                        e.outcome().name())
                .node(e.node())
                .resourceCode(e.resourceCode())
                .errorCode(e.errorCode())
                .correlationId(e.correlationId())
                .department(e.department())
                .operator(e.operator())
                .purpose(e.purpose())
                .serviceItem(e.serviceItem())
                .subjectKey(e.subjectKey())
                .fieldsDelivered(e.fieldsDelivered())
                .responseDigest(e.responseDigest())
                .leafHash(leafHash == null ? null : HEX.formatHex(leafHash));
    }

    private static SignedTreeHeadDto dto(SignedTreeHead h) {
        return new SignedTreeHeadDto(
                h.head().size(),
                HEX.formatHex(h.head().root()),
                h.head().time().atOffset(ZoneOffset.UTC),
                h.algorithm(),
                Base64.getEncoder().encodeToString(h.signature()));
    }
}
