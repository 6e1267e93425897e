package cn.tongban.server.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo mode: DOWN when a simulated department no longer answers. Each is asked for a path it does not serve (it answers
 * 404 at once, without touching its data), all at once with a 2 s limit; a department that refuses the connection, or
 * accepts it and never answers (its threads have died, or run out of memory), is named with what happened. Pulls from a
 * dead department fail with 503 PROVIDER_UNAVAILABLE; this says so before anyone pulls.
 */
@Component("simulatedDepartmentsHealthIndicator")
@Profile("demo")
public class SimulatedDepartmentsHealth implements HealthIndicator {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    private final java.util.function.Supplier<Map<String, String>> baseUrls;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(LIMIT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @org.springframework.beans.factory.annotation.Autowired
    public SimulatedDepartmentsHealth(SimulatedDepartments departments) {
        this(departments::baseUrls);
    }

    /** Over the departments' base URLs, by system id. */
    SimulatedDepartmentsHealth(java.util.function.Supplier<Map<String, String>> baseUrls) {
        this.baseUrls = baseUrls;
    }

    @Override
    public Health health() {
        Map<String, CompletableFuture<String>> probes = new LinkedHashMap<>();
        for (var e : baseUrls.get().entrySet()) {
            probes.put(e.getKey(), probe(e.getValue())); // all at once: a health check waits one limit, not N
        }
        if (probes.isEmpty()) {
            return Health.unknown().withDetail("reason", "not started").build();
        }
        Map<String, String> states = new LinkedHashMap<>();
        boolean up = true;
        for (var e : probes.entrySet()) {
            String state = answer(e.getValue());
            states.put(e.getKey(), state);
            up &= state.equals("UP");
        }
        return (up ? Health.up() : Health.down()).withDetails(states).build();
    }

    private CompletableFuture<String> probe(String baseUrl) {
        return http.sendAsync(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/.health"))
                                .timeout(LIMIT)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .handle((r, failure) -> {
                    if (failure == null) {
                        return r.statusCode() < 500 ? "UP" : "DOWN: HTTP " + r.statusCode();
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    return cause instanceof HttpTimeoutException
                            ? "DOWN: no answer within " + LIMIT.toSeconds() + " s"
                            : "DOWN: " + cause.getClass().getSimpleName();
                });
    }

    private static String answer(CompletableFuture<String> probe) {
        try {
            // the request's own timeout ends every probe; this bound only guards against a client that hangs
            return probe.get(LIMIT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN: interrupted";
        } catch (ExecutionException | TimeoutException e) {
            probe.cancel(true);
            return "DOWN: no answer within " + LIMIT.toSeconds() + " s";
        }
    }
}
