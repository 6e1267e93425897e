package cn.tongban.server.api;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.api.exchange.ExchangeApi;
import cn.tongban.api.model.PullAnswerDto;
import cn.tongban.api.model.PullQueryDto;
import cn.tongban.api.model.PullSubjectResultDto;
import cn.tongban.api.model.SystemIdentityDto;
import cn.tongban.exchange.ExchangeException;
import cn.tongban.exchange.PullRequest;
import cn.tongban.exchange.PullResult;
import cn.tongban.exchange.PullService;
import cn.tongban.server.exchange.ExchangeProperties;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;
import cn.tongban.server.security.SystemPrincipal;

/** The exchange API; systems only. */
@RestController
@PreAuthorize("denyAll")
public class ExchangeController implements ExchangeApi {

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
    };

    private final PullService pulls;
    private final ObjectMapper mapper;
    private final ExchangeProperties props;

    ExchangeController(PullService pulls, ObjectMapper mapper, ExchangeProperties props) {
        this.pulls = pulls;
        this.mapper = mapper;
        this.props = props;
    }

    /**
     * One pull per subject through the Camel route; the consumer is the system of the client certificate, never a
     * value from the body. The first refusal or failure ends the request with its problem (earlier subjects were
     * delivered to nobody, but their entries stay in the log: the provider was asked).
     */
    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<PullAnswerDto> pullResource(String code, PullQueryDto query) {
        SystemPrincipal caller = Caller.system();
        if (query.getSubjects().size() > props.maxSubjects()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "too many subjects",
                    List.of(new ApiException.FieldViolation("subjects", "at most " + props.maxSubjects(), null)));
        }
        Set<String> fields = query.getFields() == null ? Set.of() : new LinkedHashSet<>(query.getFields());
        List<PullSubjectResultDto> results = new ArrayList<>();
        for (String subject : query.getSubjects()) {
            PullResult r;
            try {
                r = pulls.pull(new PullRequest(caller.systemId(), code, subject, query.getPurpose(),
                        query.getServiceItem(), query.getOperator(), fields));
            } catch (ExchangeException e) {
                throw problem(e);
            }
            List<Map<String, Object>> records = new ArrayList<>();
            r.records().forEach(n -> records.add(mapper.convertValue(n, RECORD)));
            results.add(new PullSubjectResultDto(records, r.fieldsDelivered(), r.fieldsMasked(), r.responseDigest(),
                    r.accessLogSequence()));
        }
        return ResponseEntity.ok(new PullAnswerDto(code, results));
    }

    private static ApiException problem(ExchangeException e) {
        ErrorCode code = switch (e.error()) {
            case INVALID_PULL_REQUEST -> ErrorCode.VALIDATION_FAILED;
            case RESOURCE_NOT_FOUND -> ErrorCode.RESOURCE_NOT_FOUND;
            case RESOURCE_NOT_SHARED -> ErrorCode.RESOURCE_NOT_SHARED;
            case NO_AUTHORISATION -> ErrorCode.NO_AUTHORISATION;
            case PURPOSE_MISMATCH -> ErrorCode.PURPOSE_MISMATCH;
            case FIELD_NOT_AUTHORISED -> ErrorCode.FIELD_NOT_AUTHORISED;
            case QUOTA_EXCEEDED -> ErrorCode.QUOTA_EXCEEDED;
            case PROVIDER_CONTRACT_VIOLATION -> ErrorCode.PROVIDER_CONTRACT_VIOLATION;
            case PROVIDER_UNAVAILABLE -> ErrorCode.PROVIDER_UNAVAILABLE;
            case PROVIDER_TIMEOUT -> ErrorCode.PROVIDER_TIMEOUT;
            case ACCESS_LOG_UNAVAILABLE -> ErrorCode.ACCESS_LOG_UNAVAILABLE;
            case EXCHANGE_FAILURE -> ErrorCode.INTERNAL_ERROR;
        };
        List<ApiException.FieldViolation> violations = e.violations().stream().map(v -> {
            int i = v.indexOf(": ");
            return i < 0 ? new ApiException.FieldViolation("", v, null)
                    : new ApiException.FieldViolation(v.substring(0, i), v.substring(i + 2), null);
        }).toList();
        return new ApiException(code, e.getMessage(), violations,
                e.retryAfter() == null ? null : Math.max(1, e.retryAfter().toSeconds()));
    }

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
