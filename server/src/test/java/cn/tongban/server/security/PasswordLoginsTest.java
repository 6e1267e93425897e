package cn.tongban.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import cn.tongban.fixtures.cluster.TwoMembers;
import cn.tongban.server.config.TongbanProperties;

/**
 * Password logins: unknown user names cost a hash check like known ones; failures per user name and per address
 * make further attempts wait before any hash is computed, counted across the cluster; a configured user is locked
 * at the threshold until an administrator lifts it.
 */
class PasswordLoginsTest {

    static TwoMembers cluster;

    @BeforeAll
    static void cluster() {
        cluster = TwoMembers.start("login-test");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void forgetEverything() {
        cluster.a.getMap(LoginThrottle.MAP).clear();
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-07T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Counts the hashes the password check is run against. */
    static final class CountingEncoder implements PasswordEncoder {
        final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final List<String> checkedAgainst = new ArrayList<>();

        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checkedAgainst.add(encoded);
            return real.matches(raw, encoded);
        }
    }

    static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("right-password");
    final TestClock clock = new TestClock();
    final CountingEncoder encoder = new CountingEncoder();
    final LoginProperties props =
            new LoginProperties(3, 5, Duration.ofSeconds(1), Duration.ofMinutes(1), 6, Duration.ofHours(1));
    final TongbanProperties.Security security = new TongbanProperties.Security(
            List.of(new TongbanProperties.User("li.admin", HASH, List.of(Role.DATA_ADMIN), null)),
            "roles",
            "department");
    final LoginThrottle onA = new LoginThrottle(cluster.a, props, clock);
    final PasswordLogins logins = new PasswordLogins(security, encoder, onA);
    final PasswordLogins loginsOnB = new PasswordLogins(security, encoder, new LoginThrottle(cluster.b, props, clock));

    static UsernamePasswordAuthenticationToken login(String user, String password, String address) {
        UsernamePasswordAuthenticationToken t = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        t.setDetails(new WebAuthenticationDetails(address, null));
        return t;
    }

    void fails(PasswordLogins on, String user, String password, String address) {
        assertThatThrownBy(() -> on.authenticate(login(user, password, address)))
                .isInstanceOf(BadCredentialsException.class);
    }

    LoginRefusedException refused(PasswordLogins on, String user, String password, String address) {
        int hashesBefore = encoder.checkedAgainst.size();
        try {
            on.authenticate(login(user, password, address));
        } catch (LoginRefusedException e) {
            assertThat(encoder.checkedAgainst)
                    .as("no hash computed for a refused attempt")
                    .hasSize(hashesBefore);
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void anUnknownUserNameIsCheckedAgainstADummyHashOfTheConfiguredCost() {
        fails(logins, "nobody.here", "guess", "192.0.2.1");
        fails(logins, "li.admin", "guess", "192.0.2.1");
        assertThat(encoder.checkedAgainst).hasSize(2);
        assertThat(encoder.checkedAgainst.get(0)).isEqualTo(logins.dummyHash()).startsWith("{bcrypt}$2a$04$");
        assertThat(encoder.checkedAgainst.get(1)).isEqualTo(HASH);
        assertThat(PasswordLogins.cost(new TongbanProperties.Security(List.of(), "roles", "department")))
                .isEqualTo(10);
    }

    @Test
    void afterTheFreeFailuresEachFurtherAttemptWaitsLongerOnEveryNode() {
        for (int i = 0; i < 3; i++) {
            fails(logins, "zhang.approver", "guess" + i, "192.0.2.2");
        }
        assertThat(refused(logins, "zhang.approver", "guess", "192.0.2.2").retryAfter())
                .hasSeconds(1);
        assertThat(refused(loginsOnB, "zhang.approver", "guess", "198.51.100.9").retryAfter())
                .hasSeconds(1);
        clock.now = clock.now.plusSeconds(1);
        fails(loginsOnB, "zhang.approver", "guess", "192.0.2.2");
        assertThat(refused(logins, "zhang.approver", "guess", "192.0.2.2").retryAfter())
                .hasSeconds(2);
    }

    @Test
    void manyUserNamesFromOneAddressMakeThatAddressWait() {
        for (int i = 0; i < 5; i++) {
            fails(logins, "spray-" + i, "Password1", "203.0.113.50");
        }
        assertThat(refused(logins, "spray-5", "Password1", "203.0.113.50").retryAfter())
                .hasSeconds(1);
        fails(logins, "spray-5", "Password1", "203.0.113.51"); // another address is not affected
    }

    @Test
    void theAddressesOfOneIpv6SubnetCountAsOneAddress() {
        for (int i = 0; i < 5; i++) {
            fails(logins, "spray-" + i, "Password1", "2001:db8:1:2::" + (10 + i)); // a fresh address each time
        }
        assertThat(refused(logins, "spray-5", "Password1", "2001:db8:1:2:ffff::1")
                        .retryAfter())
                .hasSeconds(1);
        fails(logins, "spray-5", "Password1", "2001:db8:1:3::10"); // another /64 is not affected
    }

    @Test
    void aSuccessForgetsTheUsersFailures() {
        fails(logins, "li.admin", "guess", "192.0.2.3");
        fails(logins, "li.admin", "guess", "192.0.2.3");
        assertThat(logins.authenticate(login("li.admin", "right-password", "192.0.2.3"))
                        .isAuthenticated())
                .isTrue();
        fails(logins, "li.admin", "guess", "192.0.2.3");
        fails(logins, "li.admin", "guess", "192.0.2.3"); // two more free failures: the count restarted
    }

    @Test
    void aUserNameInAnotherCaseIsTheSameAccountAndItsFailuresCountTogether() {
        fails(logins, "LI.ADMIN", "guess", "192.0.2.40");
        fails(logins, "Li.Admin", "guess", "192.0.2.41");
        fails(logins, "li.admin", "guess", "192.0.2.42");
        assertThat(refused(logins, "lI.aDmIn", "right-password", "192.0.2.43").retryAfter())
                .hasSeconds(1);
        clock.now = clock.now.plusSeconds(2);
        assertThat(logins.authenticate(login("LI.Admin", "right-password", "192.0.2.43"))
                        .getName())
                .isEqualTo("li.admin");
    }

    @Test
    void aUserNameWithLineBreaksCannotForgeALogLine() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PasswordLogins.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Level level = logger.getLevel();
        seen.start();
        logger.addAppender(seen);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            fails(logins, "x\r\n2026-12-07 08:00:00 INFO login: user li.admin succeeded", "guess", "192.0.2.60");
        } finally {
            logger.detachAppender(seen);
            logger.setLevel(level);
        }
        assertThat(seen.list)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getFormattedMessage())
                        .doesNotContain("\n")
                        .doesNotContain("\r")
                        .contains("x\\u000d\\u000a2026"));
    }

    @Test
    void aConfiguredUserIsLockedAtTheThresholdUntilTheLockoutIsLifted() {
        for (int i = 0; i < 6; i++) {
            fails(logins, "li.admin", "guess", "192.0.2." + (10 + i)); // addresses vary: the user's count locks
            clock.now = clock.now.plus(Duration.ofMinutes(2));
        }
        LoginRefusedException locked = refused(logins, "li.admin", "right-password", "192.0.2.30");
        assertThat(locked.locked()).isTrue();
        clock.now = clock.now.plus(Duration.ofDays(1));
        assertThat(refused(loginsOnB, "li.admin", "right-password", "192.0.2.30")
                        .locked())
                .isTrue();

        assertThat(onA.lift("li.admin")).isTrue();
        assertThat(logins.authenticate(login("li.admin", "right-password", "192.0.2.30"))
                        .getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_DATA_ADMIN");
        assertThat(onA.lift("li.admin")).isFalse();
    }
}
