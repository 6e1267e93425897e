package cn.tongban.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Password guessing over HTTPS: after the free failures further attempts get 429 {@code LOGIN_THROTTLED} with
 * {@code Retry-After} (before any password is checked), at the threshold the account is locked (429
 * {@code ACCOUNT_LOCKED}, even for the right password) until a data administrator lifts the lockout.
 */
class LoginLockoutIT extends ServerWithEveryRole {

    @Autowired
    ObjectMapper mapper;

    /** An auditor's call that answers 200 whenever the login succeeds (the latest tree head may not exist yet). */
    HttpResponse<String> login(String password) throws Exception {
        return send(
                null,
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/audit/signing-key"))
                        .header("Authorization", basic(LOCKED_USER, password)),
                "GET",
                null,
                null);
    }

    void problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(mapper.readTree(r.body()).path("code").asText()).isEqualTo(code);
    }

    @Test
    void guessingIsThrottledThenLockedUntilAnAdministratorLiftsTheLockout() throws Exception {
        problem(login("guess-1"), 401, "INVALID_CREDENTIALS");
        problem(login("guess-2"), 401, "INVALID_CREDENTIALS");
        HttpResponse<String> throttled = login("guess-3");
        problem(throttled, 429, "LOGIN_THROTTLED");
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        problem(login(PASSWORD), 429, "LOGIN_THROTTLED"); // refused before the password is looked at

        Thread.sleep(1100);
        problem(login("guess-3"), 401, "INVALID_CREDENTIALS");
        Thread.sleep(2100); // the wait doubled
        problem(login("guess-4"), 401, "INVALID_CREDENTIALS"); // the fourth failure locks
        problem(login(PASSWORD), 429, "ACCOUNT_LOCKED");
        assertThat(login(PASSWORD).headers().firstValue("Retry-After")).isEmpty();

        problem(
                call(Role.AUDITOR, "DELETE", "/api/v1/admin/users/" + LOCKED_USER + "/lockout", null, null),
                403,
                "ACCESS_DENIED");
        assertThat(call(Role.DATA_ADMIN, "DELETE", "/api/v1/admin/users/" + LOCKED_USER + "/lockout", null, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(login(PASSWORD).statusCode()).isEqualTo(200);
    }
}
