package cn.tongban.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.fixtures.departments.DepartmentStubs;

/**
 * The pull route against WireMock departments serving the demo dataset: each refusal, each provider failure,
 * field filtering and masking, and the journal entry of every outcome.
 */
class PullRoutesTest {

    static final String HOUSEHOLD = "310000-101001-00001"; // conditional, ps-household-registry
    static final String IDENTITY = "310000-101002-00001"; // unconditional, sensitive items
    static final String BUSINESS = "310000-102001-00001"; // unconditional, smr-registration
    static final String ADOPTION = "310000-301003-00001"; // not shared
    static final String RESIDENT = "310104198204172139";
    static final String RESTAURANT = "91310104MA1JG7LC4B";
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    static DepartmentStubs departments;
    static Map<String, Resource> resources;

    final List<AccessJournal.PullRecord> journalled = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean journalDown = new AtomicBoolean();
    final List<Authorisation> authorisations = new ArrayList<>();
    QuotaGuard quotas = QuotaGuard.UNLIMITED;
    CamelContext camel;
    PullService exchange;

    @BeforeAll
    static void startDepartments() {
        departments = DepartmentStubs.start();
        resources = departments.dataset().resources().stream()
                .collect(Collectors.toMap(Resource::code, Function.identity()));
    }

    @AfterAll
    static void stopDepartments() {
        departments.close();
    }

    @BeforeEach
    void start() throws Exception {
        departments.resetAll();
        startCamel(departments.systemIds().stream()
                .map(id -> ProviderEndpoint.of(id, departments.baseUri(id))
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)))
                .toList());
    }

    void startCamel(List<ProviderEndpoint> endpoints) throws Exception {
        if (camel != null) {
            camel.close();
        }
        AccessJournal journal = r -> {
            if (journalDown.get()) {
                throw new IllegalStateException("disk full");
            }
            journalled.add(r);
            return journalled.size();
        };
        camel = new DefaultCamelContext();
        camel.addRoutes(new PullRoutes(
                code -> Optional.ofNullable(resources.get(code)),
                new SharingPolicy((consumer, code) -> authorisations.stream()
                        .filter(a -> a.consumerSystem().equals(consumer)
                                && a.resourceCode().equals(code))
                        .toList()),
                endpoints,
                journal,
                (consumer, resource) -> quotas.acquire(consumer, resource),
                Clock.fixed(NOW, ZoneOffset.UTC)));
        camel.start();
        exchange = new PullService(camel.createProducerTemplate());
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    static PullRequest pull(String resource, String subject, String purpose, String... fields) {
        return new PullRequest(
                "city-service-window", resource, subject, purpose, "310000-XK-0001", "clerk-0042", Set.of(fields));
    }

    static Authorisation grant(String resource, String purpose, String... fields) {
        return Grants.granted(
                "A-1",
                "city-service-window",
                resource,
                purpose,
                null,
                Set.of(fields),
                NOW.minus(Duration.ofDays(30)),
                NOW.plus(Duration.ofDays(30)));
    }

    ExchangeError refusal(PullRequest request) {
        try {
            exchange.pull(request);
        } catch (ExchangeException e) {
            return e.error();
        }
        throw new AssertionError("the pull was delivered");
    }

    int providerCalls(String system) {
        return departments
                .server(system)
                .findAll(getRequestedFor(urlPathMatching(".*")))
                .size();
    }

    @Test
    void unconditionalPullDeliversEveryItemAndJournalsTheDigestOfWhatLeft() throws Exception {
        PullResult result = exchange.pull(pull(BUSINESS, RESTAURANT, "食品经营许可审查"));

        assertThat(result.records()).hasSize(1);
        assertThat(result.records().get(0).path("name").asText()).isEqualTo("上海味知餐饮管理有限公司");
        assertThat(result.records().get(0).path("registeredCapital").isNumber()).isTrue();
        assertThat(result.fieldsDelivered()).contains("uscc", "name", "legalRepresentativeId");
        // legalRepresentativeId is sensitive (ID_NUMBER masking): region code and last four stay.
        assertThat(result.records().get(0).path("legalRepresentativeId").asText())
                .isEqualTo("310107********0605");
        assertThat(result.fieldsMasked()).containsExactly("legalRepresentativeId");

        assertThat(journalled).hasSize(1);
        AccessJournal.PullRecord entry = journalled.get(0);
        assertThat(entry.outcome()).isEqualTo(AccessEntry.Outcome.OK);
        assertThat(entry.fieldsDelivered()).isEqualTo(result.fieldsDelivered());
        byte[] canonical = new ObjectMapper()
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .writeValueAsBytes(result.records());
        assertThat(entry.responseDigest())
                .isEqualTo(PullRoutes.sha256(canonical))
                .isEqualTo(result.responseDigest());
        assertThat(result.accessLogSequence()).isEqualTo(1);
    }

    @Test
    void requestedFieldsAreTheOnlyFieldsDelivered() {
        PullResult result = exchange.pull(pull(BUSINESS, RESTAURANT, "食品经营许可审查", "name", "status"));
        JsonNode record = result.records().get(0);
        assertThat(record.properties().stream().map(Map.Entry::getKey)).containsExactlyInAnyOrder("name", "status");
        assertThat(journalled.get(0).fieldsDelivered()).containsExactly("name", "status");
    }

    @Test
    void sensitiveNamesAndIdentifiersAreMasked() {
        PullResult result = exchange.pull(pull(IDENTITY, RESIDENT, "身份核验"));
        JsonNode record = result.records().get(0);
        assertThat(record.path("idNumber").asText()).isEqualTo("310104********2139");
        assertThat(record.path("name").asText()).startsWith("张").matches("张\\*+");
        assertThat(record.path("gender").asText()).isNotBlank().doesNotContain("*");
    }

    @Test
    void notSharedIsRefusedWithoutCallingTheProvider() {
        assertThat(refusal(pull(ADOPTION, RESIDENT, "收养登记"))).isEqualTo(ExchangeError.RESOURCE_NOT_SHARED);
        assertThat(providerCalls("ca-marriage-registry")).isZero();
        assertThat(journalled).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AccessEntry.Outcome.REFUSED);
            assertThat(r.errorCode()).isEqualTo("RESOURCE_NOT_SHARED");
        });
    }

    @Test
    void conditionalWithoutAuthorisationIsRefused() {
        assertThat(refusal(pull(HOUSEHOLD, RESIDENT, "户籍核验"))).isEqualTo(ExchangeError.NO_AUTHORISATION);
        assertThat(providerCalls("ps-household-registry")).isZero();
    }

    @Test
    void expiredAuthorisationIsNoAuthorisation() {
        authorisations.add(Grants.granted(
                "A-0",
                "city-service-window",
                HOUSEHOLD,
                "户籍核验",
                null,
                Set.of("idNumber"),
                NOW.minus(Duration.ofDays(60)),
                NOW.minus(Duration.ofDays(1))));
        assertThat(refusal(pull(HOUSEHOLD, RESIDENT, "户籍核验"))).isEqualTo(ExchangeError.NO_AUTHORISATION);
    }

    @Test
    void conditionalForAnotherPurposeIsRefused() {
        authorisations.add(grant(HOUSEHOLD, "户籍核验", "idNumber", "name"));
        assertThat(refusal(pull(HOUSEHOLD, RESIDENT, "市场营销"))).isEqualTo(ExchangeError.PURPOSE_MISMATCH);
    }

    @Test
    void conditionalForAnotherServiceItemIsRefused() {
        authorisations.add(Grants.granted(
                "A-2",
                "city-service-window",
                HOUSEHOLD,
                "户籍核验",
                "310000-QR-0002",
                Set.of("idNumber"),
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1))));
        assertThat(refusal(pull(HOUSEHOLD, RESIDENT, "户籍核验"))).isEqualTo(ExchangeError.PURPOSE_MISMATCH);
    }

    @Test
    void fieldOutsideTheAuthorisationIsRefusedAndNamed() {
        authorisations.add(grant(HOUSEHOLD, "户籍核验", "idNumber", "name"));
        assertThatThrownBy(() -> exchange.pull(pull(HOUSEHOLD, RESIDENT, "户籍核验", "idNumber", "address")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.error()).isEqualTo(ExchangeError.FIELD_NOT_AUTHORISED);
                    assertThat(e.violations()).containsExactly("fields: address is not authorised");
                });
    }

    @Test
    void conditionalWithAuthorisationDeliversOnlyTheAuthorisedFields() {
        authorisations.add(grant(HOUSEHOLD, "户籍核验", "idNumber", "name", "householdNumber"));
        PullResult result = exchange.pull(pull(HOUSEHOLD, RESIDENT, "户籍核验"));
        assertThat(result.records()).hasSize(1);
        assertThat(result.records().get(0).properties().stream().map(Map.Entry::getKey))
                .containsExactlyInAnyOrder("idNumber", "name", "householdNumber");
        assertThat(result.fieldsDelivered()).containsExactly("idNumber", "name", "householdNumber");
    }

    @Test
    void quotaRefusalIsRecordedAndTheProviderIsNotCalled() {
        quotas = (consumer, resource) -> {
            throw new ExchangeException(ExchangeError.QUOTA_EXCEEDED, "over", List.of(), null, Duration.ofSeconds(7));
        };
        assertThatThrownBy(() -> exchange.pull(pull(BUSINESS, RESTAURANT, "p")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.error()).isEqualTo(ExchangeError.QUOTA_EXCEEDED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });
        assertThat(providerCalls("smr-registration")).isZero();
        assertThat(journalled.get(0).outcome()).isEqualTo(AccessEntry.Outcome.REFUSED);
        assertThat(journalled.get(0).errorCode()).isEqualTo("QUOTA_EXCEEDED");
    }

    @Test
    void unknownResourceIsNotFound() {
        assertThat(refusal(pull("310000-999999-00001", RESIDENT, "x"))).isEqualTo(ExchangeError.RESOURCE_NOT_FOUND);
        assertThat(journalled.get(0).errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
    }

    @Test
    void malformedRequestListsEveryViolation() {
        assertThatThrownBy(() -> exchange.pull(new PullRequest(
                        "city-service-window", BUSINESS, "a/../b", " ", null, null, Set.of("nosuchfield"))))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.error()).isEqualTo(ExchangeError.INVALID_PULL_REQUEST);
                    assertThat(e.violations())
                            .containsExactlyInAnyOrder(
                                    "purpose: required",
                                    "operator: required",
                                    "subject: contains a character not allowed in an identifier");
                });
        assertThatThrownBy(() -> exchange.pull(pull(BUSINESS, RESTAURANT, "p", "nosuchfield")))
                .isInstanceOfSatisfying(
                        ExchangeException.class,
                        e -> assertThat(e.violations())
                                .containsExactly("fields: nosuchfield is not an information item of " + BUSINESS));
    }

    @Test
    void unknownSubjectIsAnEmptyAnswer() {
        PullResult result = exchange.pull(pull(BUSINESS, "91310000000000000X", "食品经营许可审查"));
        assertThat(result.records()).isEmpty();
        assertThat(journalled.get(0).outcome()).isEqualTo(AccessEntry.Outcome.OK);
    }

    @Test
    void providerResettingConnectionsIsUnavailable() {
        departments.down("smr-registration");
        assertThat(refusal(pull(BUSINESS, RESTAURANT, "p"))).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE);
        assertThat(journalled.get(0).outcome()).isEqualTo(AccessEntry.Outcome.FAILED);
        assertThat(journalled.get(0).errorCode()).isEqualTo("PROVIDER_UNAVAILABLE");
    }

    @Test
    void providerNotListeningIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        startCamel(List.of(ProviderEndpoint.of("smr-registration", URI.create("http://127.0.0.1:" + closedPort))));
        assertThat(refusal(pull(BUSINESS, RESTAURANT, "p"))).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE);
    }

    @Test
    void slowProviderTimesOut() {
        departments.slow("smr-registration", Duration.ofMillis(1500));
        long t0 = System.nanoTime();
        assertThat(refusal(pull(BUSINESS, RESTAURANT, "p"))).isEqualTo(ExchangeError.PROVIDER_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1400));
        assertThat(journalled.get(0).errorCode()).isEqualTo("PROVIDER_TIMEOUT");
    }

    @Test
    void providerBreakingTheContractIsBadGatewayAndNamesTheItemNotTheValue() {
        departments.brokenContract("smr-registration");
        assertThatThrownBy(() -> exchange.pull(pull(BUSINESS, RESTAURANT, "p")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.error()).isEqualTo(ExchangeError.PROVIDER_CONTRACT_VIOLATION);
                    assertThat(e.violations()).containsExactly("records[0].uscc: required item missing");
                });
        assertThat(journalled.get(0).outcome()).isEqualTo(AccessEntry.Outcome.FAILED);
    }

    @Test
    void providerBusyWithRetryAfterIsUnavailableAtOnceNotRetried() {
        departments
                .server("smr-registration")
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                        .atPriority(DepartmentStubs.FAULT_PRIORITY)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                .withStatus(503)
                                .withHeader("Retry-After", "60")));
        long t0 = System.nanoTime();
        assertThat(refusal(pull(BUSINESS, RESTAURANT, "p"))).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(providerCalls("smr-registration")).isEqualTo(1);
    }

    @Test
    void providerServerErrorIsUnavailable() {
        departments
                .server("smr-registration")
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                        .atPriority(DepartmentStubs.FAULT_PRIORITY)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.serverError()));
        assertThat(refusal(pull(BUSINESS, RESTAURANT, "p"))).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE);
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndStopsCallingTheProvider() throws Exception {
        startCamel(List.of(ProviderEndpoint.of("smr-registration", departments.baseUri("smr-registration"))
                .withCircuitBreaker(4, 4, 50f, Duration.ofSeconds(30))));
        departments.down("smr-registration");
        for (int i = 0; i < 4; i++) {
            assertThat(refusal(pull(BUSINESS, RESTAURANT, "p"))).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE);
        }
        int calls = providerCalls("smr-registration");
        departments.reset("smr-registration"); // the provider recovers, but the breaker is open for 30 s
        assertThatThrownBy(() -> exchange.pull(pull(BUSINESS, RESTAURANT, "p")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.error()).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("circuit breaker is open");
                });
        assertThat(providerCalls("smr-registration")).isZero(); // reset cleared the journal; nothing new came
        assertThat(calls)
                .as("4 pulls, each GET retried once after its connection was reset")
                .isEqualTo(8);
    }

    @Test
    void bulkheadRefusesCallsBeyondItsSize() throws Exception {
        startCamel(List.of(ProviderEndpoint.of("smr-registration", departments.baseUri("smr-registration"))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .withBulkhead(1, Duration.ZERO)));
        departments.slow("smr-registration", Duration.ofMillis(800));
        CompletableFuture<PullResult> first =
                CompletableFuture.supplyAsync(() -> exchange.pull(pull(BUSINESS, RESTAURANT, "p")));
        Thread.sleep(200);
        assertThatThrownBy(() -> exchange.pull(pull(BUSINESS, RESTAURANT, "p")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.error()).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("too many calls");
                });
        assertThat(first.join().records()).hasSize(1);
    }

    @Test
    void callsRefusedByAFullBulkheadDoNotOpenTheProvidersCircuitBreaker() throws Exception {
        startCamel(List.of(ProviderEndpoint.of("smr-registration", departments.baseUri("smr-registration"))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .withBulkhead(1, Duration.ZERO)
                .withCircuitBreaker(4, 4, 50f, Duration.ofSeconds(30))));
        departments.slow("smr-registration", Duration.ofMillis(1500));
        CompletableFuture<PullResult> first =
                CompletableFuture.supplyAsync(() -> exchange.pull(pull(BUSINESS, RESTAURANT, "p")));
        Thread.sleep(300);
        for (int i = 0; i < 6; i++) { // more refusals than the breaker's window, all while the one call runs
            assertThatThrownBy(() -> exchange.pull(pull(BUSINESS, RESTAURANT, "p")))
                    .isInstanceOfSatisfying(
                            ExchangeException.class,
                            e -> assertThat(e.getMessage()).contains("too many calls"));
        }
        assertThat(first.join().records()).hasSize(1);
        departments.reset("smr-registration");
        assertThat(exchange.pull(pull(BUSINESS, RESTAURANT, "p")).records())
                .as("the provider was never failing: its breaker stays closed")
                .hasSize(1);
    }

    @Test
    void callsThatFindNoFreeConnectionDoNotOpenTheProvidersCircuitBreaker() throws Exception {
        startCamel(List.of(ProviderEndpoint.of("smr-registration", departments.baseUri("smr-registration"))
                .withCircuitBreaker(4, 4, 50f, Duration.ofSeconds(30))));
        AtomicBoolean poolExhausted = new AtomicBoolean(true);
        org.apache.camel.builder.AdviceWith.adviceWith(
                camel,
                "provider-smr-registration",
                route -> route.weaveByToUri("http*").before().process(e -> {
                    if (poolExhausted.get()) { // what ProviderCallWatch throws when the pool's lease deadline passed
                        throw new NoFreeConnection("127.0.0.1:1", new java.io.InterruptedIOException("deadline"));
                    }
                }));
        for (int i = 0; i < 6; i++) { // more than the breaker's window, every one of them "failed"
            assertThatThrownBy(() -> exchange.pull(pull(BUSINESS, RESTAURANT, "p")))
                    .isInstanceOfSatisfying(ExchangeException.class, e -> {
                        assertThat(e.error()).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("too many calls");
                    });
        }
        assertThat(journalled).extracting(AccessJournal.PullRecord::errorCode).containsOnly("PROVIDER_UNAVAILABLE");
        poolExhausted.set(false);
        assertThat(exchange.pull(pull(BUSINESS, RESTAURANT, "p")).records())
                .as("the provider was never failing: its breaker stays closed")
                .hasSize(1);
        assertThat(providerCalls("smr-registration")).isEqualTo(1);
    }

    @Test
    void aFailedPullIsLoggedByItsExceptionClassesNeverTheirMessages() {
        Throwable failure = new org.apache.camel.RuntimeCamelException(
                new java.net.SocketTimeoutException("Read timed out: GET /market-entities/" + RESTAURANT));
        assertThat(PullRoutes.causeClasses(failure))
                .isEqualTo("org.apache.camel.RuntimeCamelException <- java.net.SocketTimeoutException")
                .doesNotContain(RESTAURANT);
        assertThat(PullRoutes.causedBy(failure, java.net.SocketTimeoutException.class))
                .isTrue();
        assertThat(PullRoutes.causedBy(failure, io.github.resilience4j.circuitbreaker.CallNotPermittedException.class))
                .isFalse();
    }

    @Test
    void aPullMarksWhereItsTimeWentStepByStep() {
        PullTimings t = new PullTimings(System.nanoTime()).started(System.nanoTime());
        exchange.pull(pull(BUSINESS, RESTAURANT, "p"), t);
        t.ended(System.nanoTime());
        assertThat(t.breakdown())
                .matches("before the route [0-9.]+, authorise [0-9.]+, provider [0-9.]+, "
                        + "check and mask [0-9.]+, access log [0-9.]+, after [0-9.]+");

        PullTimings refused = new PullTimings(System.nanoTime()).started(System.nanoTime());
        assertThatThrownBy(() -> exchange.pull(pull(ADOPTION, RESIDENT, "收养登记"), refused))
                .isInstanceOf(ExchangeException.class);
        refused.ended(System.nanoTime());
        assertThat(refused.breakdown())
                .as("refused while authorising: no provider call, only the refusal's entry")
                .matches("before the route [0-9.]+, access log [0-9.]+, after [0-9.]+");
    }

    @Test
    void consumerHeadersAreNeverForwardedToTheProvider() {
        camel.createProducerTemplate().send(PullRoutes.PULL, e -> {
            e.getIn().setBody(pull(BUSINESS, RESTAURANT, "p"));
            e.getIn().setHeader("Authorization", "Bearer consumer-token");
            e.getIn().setHeader("Cookie", "SESSION=abc");
            e.getIn().setHeader("X-Client-Certificate", "-----BEGIN CERTIFICATE-----");
        });
        var requests = departments.server("smr-registration").findAll(getRequestedFor(urlPathMatching(".*")));
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.containsHeader("Authorization")).isFalse();
            assertThat(r.containsHeader("Cookie")).isFalse();
            assertThat(r.containsHeader("X-Client-Certificate")).isFalse();
            assertThat(r.getUrl()).isEqualTo("/market-entities/" + RESTAURANT);
        });
    }

    @Test
    void subjectIsPercentEncodedIntoThePath() {
        PullResult result = exchange.pull(pull(BUSINESS, "上海味知餐饮管理有限公司", "p"));
        assertThat(result.records()).hasSize(1);
        var requests = departments.server("smr-registration").findAll(getRequestedFor(urlPathMatching(".*")));
        assertThat(java.net.URLDecoder.decode(requests.get(0).getUrl(), StandardCharsets.UTF_8))
                .isEqualTo("/market-entities/上海味知餐饮管理有限公司");
    }

    @Test
    void nothingIsReleasedWhenTheAccessEntryCannotBeMadeDurable() {
        journalDown.set(true);
        assertThat(refusal(pull(BUSINESS, RESTAURANT, "p"))).isEqualTo(ExchangeError.ACCESS_LOG_UNAVAILABLE);
    }

    @Test
    void providerWithoutEndpointIsUnavailable() throws Exception {
        startCamel(List.of());
        assertThat(refusal(pull(BUSINESS, RESTAURANT, "p"))).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE);
    }
}
