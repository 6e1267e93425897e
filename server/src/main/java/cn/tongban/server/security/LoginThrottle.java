package cn.tongban.server.security;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed-login counters per user name ({@code u:<name>}, {@link #canonical case-insensitive}) and per client address
 * ({@code a:<address>}, an IPv6 client by its /64) in a Hazelcast map, so every node counts against the same limits. An
 * attempt is counted when it is admitted, before the password hash is computed (so parallel guesses are refused as soon
 * as the free ones are used up), and forgiven when it succeeds. Each entry changes in an entry processor on its owner
 * member: atomic without locks. Entries expire {@code forget} after their last attempt, except the lockout of a
 * configured user, which stays until lifted.
 */
public class LoginThrottle {

    public static final String MAP = "tongban-login-attempts";
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final IMap<String, Attempts> attempts;
    private final LoginProperties props;
    private final Clock clock;

    public LoginThrottle(HazelcastInstance hazelcast, LoginProperties props, Clock clock) {
        this.attempts = hazelcast.getMap(MAP);
        this.props = props;
        this.clock = clock;
    }

    /**
     * Admits and counts one attempt of {@code user} from {@code address}.
     *
     * @throws LoginRefusedException when either must wait, or the user is locked
     */
    public void admit(String user, String address) {
        refuseIf(attempts.executeOnKey(addressKey(address), admit(props.addressFreeFailures())), user, address);
        try {
            refuseIf(attempts.executeOnKey(userKey(user), admit(props.freeFailures())), user, address);
        } catch (LoginRefusedException e) {
            forgiveAddress(address); // not an attempt: the address's count goes back
            throw e;
        }
    }

    /** Records that the admitted attempt failed; locks a configured user at the lockout threshold. */
    public void failed(String user, boolean configuredUser) {
        Boolean locked = attempts.executeOnKey(
                userKey(user),
                new Fail(
                        props.lockoutAfter(),
                        configuredUser ? 0 : props.forget().toSeconds()));
        if (Boolean.TRUE.equals(locked)) {
            LOG.warn("login: user {} locked after {} consecutive failed logins", forLog(user), props.lockoutAfter());
        }
    }

    /** Forgives the admitted attempt: the user's failures are reset, the address's count goes back by one. */
    public void succeeded(String user, String address) {
        attempts.remove(userKey(user));
        forgiveAddress(address);
    }

    /**
     * A user name as the platform compares it: case-insensitively, as Spring's in-memory user store did. Logins and
     * their counters both use it, so {@code Admin} and {@code ADMIN} are one account with one count, not a fresh
     * set of free guesses per spelling.
     */
    public static String canonical(String user) {
        return user.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A user name as a log line shows it. The name is whatever the client put in its Basic header (any bytes, line
     * breaks included), so controls and line separators are escaped and it is cut at 64 characters: a name cannot
     * forge a log line, nor bury one.
     */
    static String forLog(String user) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = Math.min(user.length(), 64); i < n; i++) {
            char c = user.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return user.length() > 64 ? b.append("...").toString() : b.toString();
    }

    /**
     * The counter of a client address: the address itself for IPv4, its /64 for IPv6. One IPv6 subscriber is handed
     * a whole /64 (RFC 6177), so counting single IPv6 addresses would give a client 2^64 fresh addresses to guess from.
     */
    static String addressKey(String address) {
        if (address.indexOf(':') >= 0) {
            try {
                byte[] b = java.net.InetAddress.getByName(address).getAddress(); // a literal: parsed, not resolved
                if (b.length == 16) {
                    return "a:" + java.util.HexFormat.of().formatHex(b, 0, 8) + "/64";
                }
            } catch (java.net.UnknownHostException e) {
                // not an address literal: counted as written
            }
        }
        return "a:" + address;
    }

    private static String userKey(String user) {
        return "u:" + canonical(user);
    }

    private void forgiveAddress(String address) {
        attempts.executeOnKey(
                addressKey(address),
                new Forgive(props.addressFreeFailures(), props.forget().toSeconds()));
    }

    /** Lifts a lockout (and any back-off) of {@code user}; true if there was one. */
    public boolean lift(String user) {
        Attempts a = attempts.remove(userKey(user));
        return a != null && (a.locked() || a.failures() > 0);
    }

    private Admit admit(int free) {
        return new Admit(
                clock.millis(),
                free,
                props.initialDelay().toMillis(),
                props.maxDelay().toMillis(),
                props.forget().toSeconds());
    }

    private static void refuseIf(Long decision, String user, String address) {
        if (decision == null || decision == 0) {
            return;
        }
        if (decision < 0) {
            LOG.debug("login: user {} from {} refused: locked", forLog(user), address);
            throw new LoginRefusedException("locked after too many failed logins", null);
        }
        LOG.debug("login: user {} from {} refused for {} ms", forLog(user), address, decision);
        throw new LoginRefusedException("too many failed logins", Duration.ofMillis(decision));
    }

    /** Failures since the last success, the end of the current wait, and whether locked. */
    record Attempts(int failures, long blockedUntil, boolean locked) implements Serializable {}

    /**
     * Answers 0 and counts the attempt, or how many milliseconds it must wait, or -1 if locked. From the
     * {@code free}-th counted attempt on, the next one waits {@code initial * 2^(n - free)}, at most {@code max}.
     */
    record Admit(long now, int free, long initialMillis, long maxMillis, long forgetSeconds)
            implements EntryProcessor<String, Attempts, Long>, Serializable {

        @Override
        public Long process(Map.Entry<String, Attempts> entry) {
            Attempts a = entry.getValue() == null ? new Attempts(0, 0, false) : entry.getValue();
            if (a.locked()) {
                return -1L;
            }
            if (now < a.blockedUntil()) {
                return a.blockedUntil() - now;
            }
            int n = a.failures() + 1;
            long blockedUntil = n >= free ? now + delay(n - free) : 0;
            set(entry, new Attempts(n, blockedUntil, false), forgetSeconds);
            if (n == free) {
                LOG.info("login: {} reached {} failed logins: further attempts wait", forLog(entry.getKey()), n);
            }
            return 0L;
        }

        long delay(int beyond) {
            return Math.min(maxMillis, initialMillis << Math.min(beyond, 30));
        }
    }

    /** Locks at {@code lockoutAfter} failures (0: never); {@code lockedTtlSeconds} 0 keeps the lockout until lifted. */
    record Fail(int lockoutAfter, long lockedTtlSeconds)
            implements EntryProcessor<String, Attempts, Boolean>, Serializable {

        @Override
        public Boolean process(Map.Entry<String, Attempts> entry) {
            Attempts a = entry.getValue();
            if (a == null || a.locked() || lockoutAfter <= 0 || a.failures() < lockoutAfter) {
                return false;
            }
            set(entry, new Attempts(a.failures(), a.blockedUntil(), true), lockedTtlSeconds);
            return true;
        }
    }

    /** Takes one counted attempt back (a success); the wait ends once under the free count again. */
    record Forgive(int free, long forgetSeconds) implements EntryProcessor<String, Attempts, Void>, Serializable {

        @Override
        public Void process(Map.Entry<String, Attempts> entry) {
            Attempts a = entry.getValue();
            if (a != null) {
                int n = Math.max(0, a.failures() - 1);
                if (n == 0) {
                    entry.setValue(null);
                } else {
                    set(entry, new Attempts(n, n >= free ? a.blockedUntil() : 0, false), forgetSeconds);
                }
            }
            return null;
        }
    }

    private static void set(Map.Entry<String, Attempts> entry, Attempts value, long ttlSeconds) {
        if (entry instanceof ExtendedMapEntry<String, Attempts> e) {
            e.setValue(value, ttlSeconds, TimeUnit.SECONDS); // 0: no expiry
        } else {
            entry.setValue(value);
        }
    }
}
