package cn.tongban.server.api;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.exchange.ExchangeApi;
import cn.tongban.api.model.DeliveryDto;
import cn.tongban.api.model.EventPublishedDto;
import cn.tongban.api.model.EventRequestDto;
import cn.tongban.api.model.PullAnswerDto;
import cn.tongban.api.model.PullQueryDto;
import cn.tongban.api.model.PullSubjectResultDto;
import cn.tongban.api.model.SubscriptionCreatedDto;
import cn.tongban.api.model.SubscriptionDto;
import cn.tongban.api.model.SubscriptionRequestDto;
import cn.tongban.api.model.SystemIdentityDto;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.exchange.ExchangeException;
import cn.tongban.exchange.ExchangePolicy;
import cn.tongban.exchange.PullRequest;
import cn.tongban.exchange.PullResult;
import cn.tongban.exchange.PullService;
import cn.tongban.exchange.PullTimings;
import cn.tongban.exchange.SharingPolicy;
import cn.tongban.exchange.SlowPullLog;
import cn.tongban.exchange.events.EventStore;
import cn.tongban.exchange.events.Subscription;
import cn.tongban.exchange.events.SubscriptionException;
import cn.tongban.exchange.events.WebhookRefusedException;
import cn.tongban.server.exchange.ExchangeProperties;
import cn.tongban.server.security.SystemPrincipal;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.CorrelationIdFilter;
import cn.tongban.server.web.ErrorCode;

/** The exchange API; systems only. */
@RestController
@PreAuthorize("denyAll")
public class ExchangeController implements ExchangeApi {

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {};

    private final PullService pulls;
    private final ObjectMapper mapper;
    private final ExchangeProperties props;
    private final EventStore events;
    private final ExchangePolicy policy;
    private final ResourceRepository resources;
    private final Clock clock;
    private final SlowPullLog slowPulls;

    ExchangeController(
            PullService pulls,
            ObjectMapper mapper,
            ExchangeProperties props,
            EventStore events,
            ExchangePolicy policy,
            ResourceRepository resources,
            Clock clock,
            SlowPullLog slowPulls) {
        this.slowPulls = slowPulls;
        this.pulls = pulls;
        this.mapper = mapper;
        this.props = props;
        this.events = events;
        this.policy = policy;
        this.resources = resources;
        this.clock = clock;
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<SubscriptionCreatedDto> subscribe(SubscriptionRequestDto request) {
        String consumer = Caller.system().systemId();
        Resource resource = resource(request.getResourceCode());
        entitled(consumer, resource, request.getPurpose(), request.getServiceItem());
        EventStore.Created created;
        try {
            created = events.subscribe(
                    consumer, resource.code(), request.getWebhookUrl(), request.getPurpose(), request.getServiceItem());
        } catch (SubscriptionException e) {
            throw invalid(e);
        } catch (WebhookRefusedException e) {
            throw new ApiException(ErrorCode.WEBHOOK_DESTINATION_REFUSED, e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new SubscriptionCreatedDto(dto(created.subscription()), created.secret()));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<List<SubscriptionDto>> listSubscriptions() {
        return ResponseEntity.ok(events.subscriptions(Caller.system().systemId()).stream()
                .map(this::dto)
                .toList());
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<Void> cancelSubscription(String id) {
        if (!events.cancel(Caller.system().systemId(), id)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no active subscription " + id + " of this system");
        }
        return ResponseEntity.noContent().build();
    }

    /** Only the resource's provider system publishes; each active subscriber still entitled gets the event. */
    @Override
    @PreAuthorize("hasAnyRole('SYSTEM')")
    public ResponseEntity<EventPublishedDto> publishEvent(String code, EventRequestDto request) {
        Resource resource = resource(code);
        if (!resource.providerSystem().equals(Caller.system().systemId())) {
            throw new ApiException(
                    ErrorCode.ACCESS_DENIED,
                    "only " + resource.providerSystem() + ", the provider system of " + code
                            + ", publishes its events");
        }
        published(resource);
        EventStore.Published published;
        try {
            published = events.publish(
                    code,
                    Caller.system().systemId(),
                    request.getType(),
                    mapper.writeValueAsString(request.getPayload()),
                    sub -> {
                        try {
                            entitled(sub.consumerSystem(), resource, sub.purpose(), sub.serviceItem());
                            return true;
                        } catch (ApiException notEntitled) {
                            return false;
                        }
                    });
        } catch (SubscriptionException e) {
            throw invalid(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "payload is not JSON");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new EventPublishedDto(published.event().id(), published.deliveries()));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<List<DeliveryDto>> listDeadLetters(Integer limit) {
        return ResponseEntity.ok(events.deadLetters(Caller.system().systemId(), limit == null ? 100 : limit).stream()
                .map(d -> new DeliveryDto(
                                d.eventId(),
                                d.subscriptionId(),
                                DeliveryDto.StatusEnum.valueOf(d.status().name()),
                                d.attempts(),
                                d.nextAttemptAt().atOffset(ZoneOffset.UTC))
                        .lastError(d.lastError()))
                .toList());
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<Void> redeliver(String eventId, String subscriptionId) {
        boolean own =
                events.subscriptions(Caller.system().systemId()).stream().anyMatch(s -> s.id().equals(subscriptionId));
        if (!own || !events.redeliver(eventId, subscriptionId)) {
            throw new ApiException(
                    ErrorCode.NOT_FOUND, "no dead letter " + eventId + " for a subscription of this system");
        }
        return ResponseEntity.accepted().build();
    }

    private Resource resource(String code) {
        return resources
                .find(code)
                .orElseThrow(() -> new ApiException(ErrorCode.RESOURCE_NOT_FOUND, code + " is not in the catalogue"));
    }

    /** A draft or retired resource has no events (the provider's side of the sharing rules). */
    static void published(Resource resource) {
        try {
            SharingPolicy.requirePublished(resource);
        } catch (ExchangeException e) {
            throw problem(e);
        }
    }

    /** The same sharing decision as a pull, for every field the consumer is authorised for. */
    private void entitled(String consumer, Resource resource, String purpose, String serviceItem) {
        try {
            policy.authorise(
                    new PullRequest(consumer, resource.code(), null, purpose, serviceItem, null, Set.of()),
                    resource,
                    clock.instant());
        } catch (ExchangeException e) {
            throw problem(e);
        }
    }

    private SubscriptionDto dto(Subscription s) {
        return new SubscriptionDto(
                s.id(), s.resourceCode(), s.webhook().toString(), s.createdAt().atOffset(ZoneOffset.UTC));
    }

    private static ApiException invalid(SubscriptionException e) {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED,
                "The request violates " + e.violations().size() + " rule(s)",
                fieldViolations(e.violations()));
    }

    /** The exchange modules' "field: reason" violations as problem+json field violations. */
    private static List<ApiException.FieldViolation> fieldViolations(List<String> violations) {
        return violations.stream()
                .map(v -> {
                    int i = v.indexOf(": ");
                    return i < 0
                            ? new ApiException.FieldViolation("", v, null)
                            : new ApiException.FieldViolation(v.substring(0, i), v.substring(i + 2), null);
                })
                .toList();
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
            throw new ApiException(
                    ErrorCode.VALIDATION_FAILED,
                    "too many subjects",
                    List.of(new ApiException.FieldViolation("subjects", "at most " + props.maxSubjects(), null)));
        }
        Set<String> fields = query.getFields() == null ? Set.of() : new LinkedHashSet<>(query.getFields());
        List<PullSubjectResultDto> results = new ArrayList<>();
        long from = receivedNanos();
        for (String subject : query.getSubjects()) {
            PullResult r;
            PullTimings timings = new PullTimings(from).started(System.nanoTime());
            try {
                r = pulls.pull(
                        new PullRequest(
                                caller.systemId(),
                                code,
                                subject,
                                query.getPurpose(),
                                query.getServiceItem(),
                                query.getOperator(),
                                fields),
                        timings);
            } catch (ExchangeException e) {
                slowPulls.report(code, caller.systemId(), timings.ended(System.nanoTime()));
                throw problem(e);
            }
            List<Map<String, Object>> records = new ArrayList<>();
            r.records().forEach(n -> records.add(mapper.convertValue(n, RECORD)));
            results.add(new PullSubjectResultDto(
                    records, r.fieldsDelivered(), r.fieldsMasked(), r.responseDigest(), r.accessLogSequence()));
            from = System.nanoTime();
            slowPulls.report(code, caller.systemId(), timings.ended(from));
        }
        return ResponseEntity.ok(new PullAnswerDto(code, results));
    }

    /** When the request reached the first filter (the web layer's share of a slow pull), else now. */
    private static long receivedNanos() {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        Object at = attributes == null
                ? null
                : attributes.getAttribute(
                        CorrelationIdFilter.RECEIVED_NANOS,
                        org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        return at instanceof Long nanos ? nanos : System.nanoTime();
    }

    static ApiException problem(ExchangeException e) {
        ErrorCode code =
                switch (e.error()) {
                    case INVALID_PULL_REQUEST -> ErrorCode.VALIDATION_FAILED;
                    case RESOURCE_NOT_FOUND -> ErrorCode.RESOURCE_NOT_FOUND;
                    case RESOURCE_NOT_PUBLISHED -> ErrorCode.RESOURCE_NOT_PUBLISHED;
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
        List<ApiException.FieldViolation> violations = fieldViolations(e.violations());
        return new ApiException(
                code,
                e.getMessage(),
                violations,
                e.retryAfter() == null ? null : Math.max(1, e.retryAfter().toSeconds()));
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<SystemIdentityDto> whoAmI() {
        SystemPrincipal s = Caller.system();
        return ResponseEntity.ok(new SystemIdentityDto(
                        s.systemId(),
                        s.systemName(),
                        SystemIdentityDto.KindEnum.valueOf(s.kind()),
                        s.departmentCode(),
                        s.departmentName(),
                        s.certificateSubject(),
                        s.certificateSha256())
                .certificateNotAfter(s.certificateNotAfter().atOffset(ZoneOffset.UTC)));
    }
}
