package cn.tongban.server.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Throttling and lockout of password (HTTP Basic) logins, under {@code tongban.security.login}. Counted cluster-wide
 * in Hazelcast, per user name and per client address, before the password hash is computed.
 *
 * @param freeFailures        failed logins of one user name before each further attempt must wait
 * @param addressFreeFailures failed logins from one client address (of any user names) before it must wait
 * @param initialDelay        the first wait; it doubles with each further failure up to {@code maxDelay}
 * @param maxDelay            the longest wait
 * @param lockoutAfter        consecutive failures that lock a configured user until an administrator lifts the
 *                            lockout ({@code DELETE /api/v1/admin/users/{username}/lockout}); 0: never lock. Anyone
 *                            who knows a user name can lock it (with the defaults in about 1.5 hours of paced
 *                            guesses from any addresses), data administrators included: keep one administrator who
 *                            logs in with an OIDC token, or set 0 and rely on the back-off alone. A lockout lives in
 *                            the cluster's memory, so restarting every node also lifts it
 * @param forget              failures without a further attempt for this long are forgotten
 */
@ConfigurationProperties("tongban.security.login")
@Validated
public record LoginProperties(
        @DefaultValue("5") @Min(1) int freeFailures,
        @DefaultValue("20") @Min(1) int addressFreeFailures,
        @DefaultValue("1s") Duration initialDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("20") @Min(0) int lockoutAfter,
        @DefaultValue("1h") Duration forget) {}
