package cn.tongban.server.security;

import java.time.Duration;

import org.springframework.security.authentication.AccountStatusException;

/**
 * A password login refused before its password was checked: the user name or the client address is waiting out a
 * back-off ({@code retryAfter}), or the account is locked ({@code retryAfter} null) until an administrator lifts it.
 */
public final class LoginRefusedException extends AccountStatusException {

    private final transient Duration retryAfter;

    LoginRefusedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long to wait, or null when locked. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean locked() {
        return retryAfter == null;
    }
}
