package cn.tongban.exchange;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.NoopCookieStore;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;

/**
 * The pull route ({@value #PULL}) and one route per provider system.
 *
 * <pre>
 * direct:tongban-pull
 *   → request shape        (400 INVALID_PULL_REQUEST, every violation)
 *   → catalogue lookup      (404 RESOURCE_NOT_FOUND)
 *   → policy                (403 RESOURCE_NOT_SHARED / NO_AUTHORISATION / PURPOSE_MISMATCH / FIELD_NOT_AUTHORISED)
 *   → quotas                (429 QUOTA_EXCEEDED with a retry-after)
 *   → direct:provider-{system}: headers cleared, GET endpoint with the subject, connect/read timeouts,
 *                               circuit breaker + bulkhead      (503 PROVIDER_UNAVAILABLE, 504 PROVIDER_TIMEOUT)
 *   → contract check        (502 PROVIDER_CONTRACT_VIOLATION)
 *   → field filter and masking
 *   → access journal: durable entry with fields delivered and the response digest (503 ACCESS_LOG_UNAVAILABLE)
 *   → body = PullResult
 * </pre>
 *
 * Every outcome, delivered or not, is journalled once. The entry is written after the provider answered and
 * before the consumer gets a byte, so it can carry the digest of exactly what was delivered; a refusal or failure
 * is journalled with its error code. Nothing the consumer sent is forwarded to the provider: every inbound header
 * (Authorization, cookies, client credentials) is removed and the provider sees only the exchange's own request.
 * A provider's 404 means "no such subject" and is delivered as an empty record list. The GET is retried once when
 * its connection broke before an answer, never on a timeout or a response ({@link ProviderRetryStrategy}). A
 * timeout is logged with the connection it waited on ({@link ProviderCallWatch}).
 */
public final class PullRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PullRoutes.class);

    public static final String PULL = "direct:tongban-pull";

    static final String REQUEST = "tongban.request";
    static final String RESOURCE = "tongban.resource";
    static final String GRANT = "tongban.grant";
    static final String FAILURE = "tongban.failure";
    static final String JOURNALLED = "tongban.journalled";

    private final Function<String, Optional<Resource>> catalogue;
    private final ExchangePolicy policy;
    private final Function<String, Optional<ProviderEndpoint>> providers;
    private final List<ProviderEndpoint> endpoints;
    private final AccessJournal journal;
    private final QuotaGuard quotas;
    private final Clock clock;
    private final ObjectMapper json =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * @param catalogue  resource by code (the current published version)
     * @param policy     the sharing decision
     * @param endpoints  every provider system the exchange may call; one route each
     * @param journal    the durable access journal
     */
    public PullRoutes(
            Function<String, Optional<Resource>> catalogue,
            ExchangePolicy policy,
            List<ProviderEndpoint> endpoints,
            AccessJournal journal,
            Clock clock) {
        this(catalogue, policy, endpoints, journal, QuotaGuard.UNLIMITED, clock);
    }

    /** As above, with quotas checked after authorisation and before the provider is called. */
    public PullRoutes(
            Function<String, Optional<Resource>> catalogue,
            ExchangePolicy policy,
            List<ProviderEndpoint> endpoints,
            AccessJournal journal,
            QuotaGuard quotas,
            Clock clock) {
        this.quotas = quotas;
        this.catalogue = catalogue;
        this.policy = policy;
        this.endpoints = List.copyOf(endpoints);
        Map<String, ProviderEndpoint> bySystem = new java.util.HashMap<>();
        endpoints.forEach(e -> bySystem.put(e.systemId(), e));
        this.providers = id -> Optional.ofNullable(bySystem.get(id));
        this.journal = journal;
        this.clock = clock;
    }

    /** Registry name of the cookie store that keeps nothing: no provider session is shared between consumers. */
    static final String NO_COOKIES = "tongbanNoCookies";
    /** Registry name of the configurer that installs {@link ProviderRetryStrategy} and {@link ProviderCallWatch}. */
    static final String RETRIES = "tongbanProviderRetries";

    @Override
    public void configure() {
        getContext().getRegistry().bind(NO_COOKIES, new NoopCookieStore());
        ProviderCallWatch watch = new ProviderCallWatch();
        getContext().getRegistry().bind(RETRIES, (HttpClientConfigurer)
                builder -> builder.setRetryStrategy(new ProviderRetryStrategy())
                        .addExecInterceptorFirst("tongban-call-watch", watch));
        for (ProviderEndpoint p : endpoints) {
            if (p.clientTls() != null) {
                getContext().getRegistry().bind(tlsBean(p), new FixedSslContextParameters(p.clientTls()));
            }
        }
        onException(Exception.class).handled(true).process(this::fail);

        from(PULL)
                .routeId("tongban-pull")
                .process(this::lookUpAndAuthorise)
                .process(this::prepareProviderCall)
                .toD("${exchangeProperty." + PROVIDER_ROUTE + "}")
                .process(this::checkAndDeliver);

        for (ProviderEndpoint p : endpoints) {
            from(p.routeUri())
                    .routeId("provider-" + p.systemId())
                    .circuitBreaker()
                    .resilience4jConfiguration()
                    .slidingWindowSize(p.window())
                    .minimumNumberOfCalls(p.minimumCalls())
                    .failureRateThreshold(p.failureRatePercent())
                    .waitDurationInOpenState((int) Math.max(1, p.openFor().toSeconds()))
                    .throwExceptionWhenHalfOpenOrOpenState(true)
                    .bulkheadEnabled(true)
                    .bulkheadMaxConcurrentCalls(p.maxConcurrentCalls())
                    .bulkheadMaxWaitDuration((int) p.bulkheadWait().toMillis())
                    // a full bulkhead, or no pooled connection free in time, is this node's own congestion,
                    // not the provider failing: counted as a failure it let a 100 ms stall of the node open
                    // the breaker for every consumer for openFor (30 s by default); timeouts and 5xx answers
                    // still count
                    .ignoreException(BulkheadFullException.class, NoFreeConnection.class)
                    .end()
                    .to(httpUri(p))
                    .process(e -> countFailures(e, p))
                    .end()
                    .process(e -> refuseWhenBulkheadFull(e, p));
        }
    }

    static final String PROVIDER_ROUTE = "tongban.providerRoute";
    /** Exchange property: the caller's {@link PullTimings}, when it wants to know where the time went. */
    static final String TIMINGS = "tongban.timings";

    private static PullTimings timings(Exchange e) {
        PullTimings t = e.getProperty(TIMINGS, PullTimings.class);
        return t == null ? PullTimings.NONE : t;
    }

    private static String httpUri(ProviderEndpoint p) {
        String base = p.baseUri().toString().replaceAll("/+$", "");
        return base + (p.baseUri().getQuery() == null ? "?" : "&")
                + "connectTimeout=" + p.connectTimeout().toMillis()
                + "&responseTimeout=" + p.readTimeout().toMillis()
                + "&connectionRequestTimeout=" + Math.max(1, p.bulkheadWait().toMillis())
                // the bulkhead is the limit on calls in flight; the pool has room beyond it, so that a call the
                // bulkhead admitted never waits for a connection still being handed back or replaced
                + "&connectionsPerRoute=" + 2 * p.maxConcurrentCalls()
                + "&maxTotalConnections=" + 2 * p.maxConcurrentCalls()
                + "&throwExceptionOnFailure=false&followRedirects=false&cookieStore=#" + NO_COOKIES
                + "&httpClientConfigurer=#" + RETRIES
                + (p.clientTls() == null ? "" : "&sslContextParameters=#" + tlsBean(p));
    }

    private static String tlsBean(ProviderEndpoint p) {
        return "tongbanProviderTls-" + p.systemId();
    }

    /**
     * Camel's TLS settings holding a ready context: the exchange's own key and the provider's trust anchors, built
     * by the server from its PKI files. Host names are verified (the HTTP component's default verifier).
     */
    static final class FixedSslContextParameters extends org.apache.camel.support.jsse.SSLContextParameters {
        private final javax.net.ssl.SSLContext context;

        FixedSslContextParameters(javax.net.ssl.SSLContext context) {
            this.context = context;
        }

        @Override
        public javax.net.ssl.SSLContext createSSLContext(org.apache.camel.CamelContext camelContext) {
            return context;
        }
    }

    private void lookUpAndAuthorise(Exchange e) {
        PullRequest q = e.getIn().getBody(PullRequest.class);
        if (q == null) {
            throw new ExchangeException(
                    ExchangeError.INVALID_PULL_REQUEST, "no pull request", List.of("body: required"), null);
        }
        e.setProperty(REQUEST, q);
        List<String> violations = q.violations();
        if (!violations.isEmpty()) {
            throw new ExchangeException(ExchangeError.INVALID_PULL_REQUEST, "malformed pull request", violations, null);
        }
        Resource r = catalogue
                .apply(q.resourceCode())
                .orElseThrow(() -> new ExchangeException(
                        ExchangeError.RESOURCE_NOT_FOUND, q.resourceCode() + " is not in the catalogue"));
        e.setProperty(RESOURCE, r);
        e.setProperty(GRANT, policy.authorise(q, r, clock.instant()));
        quotas.acquire(q.consumerSystem(), r.code());
        timings(e).markAuthorised();
    }

    private void prepareProviderCall(Exchange e) {
        PullRequest q = e.getProperty(REQUEST, PullRequest.class);
        Resource r = e.getProperty(RESOURCE, Resource.class);
        ProviderEndpoint p = providers
                .apply(r.providerSystem())
                .orElseThrow(() -> new ExchangeException(
                        ExchangeError.PROVIDER_UNAVAILABLE,
                        "no endpoint configured for provider " + r.providerSystem()));
        if (r.endpointPath() == null || !r.endpointPath().contains("{subject}")) {
            throw new ExchangeException(
                    ExchangeError.PROVIDER_UNAVAILABLE, r.code() + " has no pull endpoint in the catalogue");
        }
        String path = r.endpointPath()
                .replace(
                        "{subject}",
                        URLEncoder.encode(q.subject(), StandardCharsets.UTF_8).replace("+", "%20"));
        e.getIn().removeHeaders("*");
        e.getIn().setBody(null);
        // the component's own enum: a String "GET" costs a type-converter lookup on every call (about a tenth of
        // the server's CPU per pull in the profile of docs/PERFORMANCE.md "Exchange pull")
        e.getIn().setHeader(Exchange.HTTP_METHOD, org.apache.camel.component.http.HttpMethods.GET);
        e.getIn().setHeader(Exchange.HTTP_PATH, path);
        e.getIn().setHeader("Accept", "application/json");
        e.setProperty(PROVIDER_ROUTE, p.routeUri());
    }

    /**
     * After the circuit breaker: Camel clears an ignored exception (a full bulkhead or no free connection, see above)
     * and marks the exchange instead; the call did not happen, so it is refused here as it was before the exception
     * was ignored.
     */
    private static void refuseWhenBulkheadFull(Exchange e, ProviderEndpoint p) {
        if (Boolean.TRUE.equals(
                e.getProperty(org.apache.camel.ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_IGNORED, Boolean.class))) {
            throw new ExchangeException(
                    ExchangeError.PROVIDER_UNAVAILABLE,
                    "provider " + p.systemId() + " has too many calls in progress",
                    List.of(),
                    null);
        }
    }

    /** Inside the circuit breaker: 5xx and unexpected 4xx count as failures; 200 and 404 do not. */
    private static void countFailures(Exchange e, ProviderEndpoint p) {
        int status = e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status != 200 && status != 404) {
            throw new ProviderFailure(p.systemId(), status);
        }
    }

    private void checkAndDeliver(Exchange e) throws JsonProcessingException {
        PullRequest q = e.getProperty(REQUEST, PullRequest.class);
        Resource r = e.getProperty(RESOURCE, Resource.class);
        Grant g = e.getProperty(GRANT, Grant.class);
        timings(e).markAnswered();
        int status = e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        ArrayNode delivered = json.createArrayNode();
        if (status == 200) {
            JsonNode answer;
            try {
                answer = json.readTree(e.getMessage().getBody(byte[].class));
            } catch (Exception notJson) {
                throw new ExchangeException(
                        ExchangeError.PROVIDER_CONTRACT_VIOLATION,
                        "provider " + r.providerSystem() + " answered something that is not JSON",
                        List.of("answer: not JSON"),
                        null);
            }
            List<String> violations = AnswerContract.violations(answer, r, q.subject());
            if (!violations.isEmpty()) {
                throw new ExchangeException(
                        ExchangeError.PROVIDER_CONTRACT_VIOLATION,
                        "provider " + r.providerSystem() + "'s answer breaks the contract of " + r.code(),
                        violations,
                        null);
            }
            for (JsonNode record : answer.get("records")) {
                delivered.add(filterAndMask((ObjectNode) record, r, g));
            }
        }
        List<String> fields = r.items().stream()
                .map(InformationItem::name)
                .filter(g.fields()::contains)
                .toList();
        List<String> masked = r.items().stream()
                .filter(i -> i.sensitive() && g.fields().contains(i.name()))
                .map(InformationItem::name)
                .toList();
        String digest = sha256(json.writeValueAsBytes(delivered));
        long seq = journalOrFail(
                e, new AccessJournal.PullRecord(clock.instant(), q, AccessEntry.Outcome.OK, null, fields, digest));
        e.getMessage().removeHeaders("*");
        e.getMessage().setBody(new PullResult(r.code(), delivered, fields, masked, digest, seq));
    }

    private ObjectNode filterAndMask(ObjectNode record, Resource r, Grant g) {
        ObjectNode out = json.createObjectNode();
        for (InformationItem item : r.items()) {
            JsonNode v = record.get(item.name());
            if (v == null || !g.fields().contains(item.name())) {
                continue;
            }
            if (item.sensitive() && !v.isNull()) {
                out.put(item.name(), Masking.of(item.masking()).apply(v.asText()));
            } else {
                out.set(item.name(), v);
            }
        }
        return out;
    }

    private long journalOrFail(Exchange e, AccessJournal.PullRecord record) {
        PullTimings t = timings(e);
        t.markJournalStarted();
        try {
            long seq = journal.record(record);
            e.setProperty(JOURNALLED, Boolean.TRUE);
            t.markJournalled();
            return seq;
        } catch (RuntimeException notDurable) {
            e.setProperty(JOURNALLED, Boolean.TRUE); // do not try again in fail(): it would fail the same way
            throw new ExchangeException(
                    ExchangeError.ACCESS_LOG_UNAVAILABLE,
                    "the access entry could not be made durable; nothing was released",
                    List.of(),
                    notDurable);
        }
    }

    /** The route's error path: classify, journal the outcome (once), leave the failure for the caller. */
    private void fail(Exchange e) {
        Throwable cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String provider = Optional.ofNullable(e.getProperty(RESOURCE, Resource.class))
                .map(Resource::providerSystem)
                .orElse("?");
        ExchangeException failure = classify(cause, provider);
        e.getMessage().removeHeaders("*");
        e.getMessage().setBody(null);
        PullRequest q = e.getProperty(REQUEST, PullRequest.class);
        PullTimings t = timings(e);
        t.markAnswered(); // if it failed after authorising, the provider step ended here
        if (q != null && !Boolean.TRUE.equals(e.getProperty(JOURNALLED))) {
            try {
                t.markJournalStarted();
                journal.record(new AccessJournal.PullRecord(
                        clock.instant(),
                        q,
                        failure.error().isRefusal() ? AccessEntry.Outcome.REFUSED : AccessEntry.Outcome.FAILED,
                        failure.error().name(),
                        List.of(),
                        null));
                t.markJournalled();
            } catch (RuntimeException notDurable) {
                failure = new ExchangeException(
                        ExchangeError.ACCESS_LOG_UNAVAILABLE,
                        "the access entry could not be made durable",
                        List.of(),
                        notDurable);
            }
        }
        if (!(cause instanceof ExchangeException)
                && !failure.error().isRefusal()
                && !causedBy(cause, CallNotPermittedException.class)) {
            // what failed underneath, as exception classes only: messages can carry the provider path, and the
            // path carries the subject. Calls shed by an open breaker are not logged (one line per refused pull).
            LOG.warn(
                    "pull of {} from provider {} failed with {}: {}",
                    q == null ? "?" : q.resourceCode(),
                    provider,
                    failure.error(),
                    causeClasses(cause));
        }
        e.setProperty(FAILURE, failure);
    }

    static boolean causedBy(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String causeClasses(Throwable cause) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = cause; t != null && s.length() < 500; t = t.getCause()) {
            s.append(s.length() == 0 ? "" : " <- ").append(t.getClass().getName());
        }
        return s.toString();
    }

    private static ExchangeException classify(Throwable cause, String provider) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ExchangeException x) {
                return x;
            }
            if (t instanceof NoFreeConnection) {
                // ProviderCallWatch recognised a wait for a pooled connection: the exchange's own congestion, like
                // a full bulkhead, not the provider being slow (normally cleared by the breaker before this point)
                return new ExchangeException(
                        ExchangeError.PROVIDER_UNAVAILABLE,
                        "provider " + provider + " has too many calls in progress",
                        List.of(),
                        null);
            }
            if (t instanceof ConnectTimeoutException) {
                return new ExchangeException(
                        ExchangeError.PROVIDER_UNAVAILABLE,
                        "provider " + provider + " cannot be reached (connect timeout)",
                        List.of(),
                        null);
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return new ExchangeException(
                        ExchangeError.PROVIDER_TIMEOUT,
                        "provider " + provider + " did not answer in time",
                        List.of(),
                        null);
            }
            if (t instanceof CallNotPermittedException) {
                return new ExchangeException(
                        ExchangeError.PROVIDER_UNAVAILABLE,
                        "provider " + provider + " is failing; its circuit breaker is open",
                        List.of(),
                        null);
            }
            if (t instanceof ProviderFailure pf) {
                return new ExchangeException(
                        pf.status() >= 500
                                ? ExchangeError.PROVIDER_UNAVAILABLE
                                : ExchangeError.PROVIDER_CONTRACT_VIOLATION,
                        "provider " + provider + " answered HTTP " + pf.status(),
                        List.of(),
                        null);
            }
            if (t instanceof javax.net.ssl.SSLException) {
                // the TLS handshake failed: the provider refused the exchange's certificate, or its own certificate
                // does not chain to the anchors configured for it
                return new ExchangeException(
                        ExchangeError.PROVIDER_UNAVAILABLE,
                        "provider " + provider + " cannot be reached (TLS handshake failed)",
                        List.of(),
                        null);
            }
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof NoHttpResponseException
                    || t instanceof java.net.SocketException
                    || t instanceof java.net.UnknownHostException) {
                return new ExchangeException(
                        ExchangeError.PROVIDER_UNAVAILABLE,
                        "provider " + provider + " cannot be reached",
                        List.of(),
                        null);
            }
        }
        return new ExchangeException(
                ExchangeError.EXCHANGE_FAILURE, "the pull failed inside the exchange", List.of(), cause);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
