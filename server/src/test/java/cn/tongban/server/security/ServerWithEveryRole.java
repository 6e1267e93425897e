package cn.tongban.server.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.server.TestPkiDir;

/**
 * One started server (demo catalogue, HTTPS) with a caller for every role: the demo's systems by client certificate
 * ({@code SYSTEM}: smr-registration, {@code WINDOW_APP}: city-service-window) and a Basic user per person role,
 * named after the role (bcrypt cost 4: the tests make hundreds of logins). Subclasses share the one context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:roles-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5871",
            "tongban.security.login.free-failures=2",
            "tongban.security.login.initial-delay=1s",
            "tongban.security.login.lockout-after=4"
        })
@ActiveProfiles("demo")
abstract class ServerWithEveryRole {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String PASSWORD = "every-role-2026";
    static final Map<Role, String> SYSTEMS =
            Map.of(Role.SYSTEM, "smr-registration", Role.WINDOW_APP, "city-service-window");
    /** A user only the lockout test fails with, so the other callers are never throttled. */
    static final String LOCKED_USER = "lockout-subject";

    static List<Role> people() {
        return Arrays.stream(Role.values()).filter(r -> !SYSTEMS.containsKey(r)).toList();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        List<Role> people = people();
        for (int i = 0; i <= people.size(); i++) {
            String name = i < people.size() ? user(people.get(i)) : LOCKED_USER;
            Role role = i < people.size() ? people.get(i) : Role.AUDITOR;
            registry.add("tongban.security.users[" + i + "].username", () -> name);
            registry.add("tongban.security.users[" + i + "].password-hash", () -> hash);
            registry.add("tongban.security.users[" + i + "].roles", role::name);
        }
    }

    static String user(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @LocalServerPort
    int port;

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /** A call as {@code role} (null: anonymous); people use Basic with the shared password. */
    HttpResponse<String> call(Role role, String method, String pathAndQuery, String contentType, byte[] body)
            throws Exception {
        String system = role == null ? null : SYSTEMS.get(role);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + port + pathAndQuery));
        if (role != null && system == null) {
            b.header("Authorization", basic(user(role), PASSWORD));
        }
        return send(system, b, method, contentType, body);
    }

    HttpResponse<String> send(String system, HttpRequest.Builder b, String method, String contentType, byte[] body)
            throws Exception {
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpClient client =
                clients.computeIfAbsent(system == null ? "" : system, s -> PKI.client(s.isEmpty() ? null : s));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
