package cn.tongban.server.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo mode: DOWN when a simulated department no longer answers. Each is asked for a path it does not serve (it
 * answers 404 at once, without touching its data), with a 2 s limit; a department that refuses the connection, or
 * accepts it and never answers (its threads have died, or run out of memory), is named with what happened. Pulls
 * from a dead department fail with 503 PROVIDER_UNAVAILABLE; this says so before anyone pulls.
 */
@Component("simulatedDepartmentsHealthIndicator")
@Profile("demo")
public class SimulatedDepartmentsHealth implements HealthIndicator {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    private final java.util.function.Supplier<Map<String, String>> baseUrls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(LIMIT).version(HttpClient.Version.HTTP_1_1)
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
        Map<String, String> states = new LinkedHashMap<>();
        boolean up = true;
        for (var e : baseUrls.get().entrySet()) {
            String state = probe(e.getValue());
            states.put(e.getKey(), state);
            up &= state.equals("UP");
        }
        if (states.isEmpty()) {
            return Health.unknown().withDetail("reason", "not started").build();
        }
        return (up ? Health.up() : Health.down()).withDetails(new LinkedHashMap<>(states)).build();
    }

    private String probe(String baseUrl) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/.health")).timeout(LIMIT)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() < 500 ? "UP" : "DOWN: HTTP " + r.statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            return "DOWN: no answer within " + LIMIT.toSeconds() + " s";
        } catch (java.io.IOException e) {
            return "DOWN: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN: interrupted";
        }
    }
}
