package cn.tongban.server.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import cn.tongban.server.config.TongbanProperties;

/**
 * HTTP Basic logins of the configured people; user names are compared case-insensitively. Before any hash is computed,
 * {@link LoginThrottle} admits the attempt (or refuses it with a wait, or because the account is locked). An unknown
 * user name is checked against a dummy hash of the same bcrypt cost as the configured ones, so it takes as long as a
 * known one and the answer time does not tell which names exist. Passwords are never logged; user names (staff
 * accounts, not citizens) are.
 */
public final class PasswordLogins implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordLogins.class);
    private static final Pattern BCRYPT_COST = Pattern.compile("\\$2[aby]?\\$(\\d\\d)\\$");

    private final Map<String, UserDetails> users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final String dummyHash;

    public PasswordLogins(TongbanProperties.Security security, PasswordEncoder encoder, LoginThrottle throttle) {
        this.users = security.users().stream()
                .map(PasswordLogins::details)
                .collect(Collectors.toUnmodifiableMap(
                        u -> LoginThrottle.canonical(u.getUsername()), Function.identity()));
        this.encoder = encoder;
        this.throttle = throttle;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.dummyHash = "{bcrypt}"
                + new BCryptPasswordEncoder(cost(security))
                        .encode(HexFormat.of().formatHex(random));
    }

    private static UserDetails details(TongbanProperties.User u) {
        String hash = u.passwordHash().startsWith("{") ? u.passwordHash() : "{bcrypt}" + u.passwordHash();
        return User.withUsername(u.username())
                .password(hash)
                .authorities(u.roles().stream().map(Role::authority).toArray(String[]::new))
                .build();
    }

    /** The highest bcrypt cost among the configured hashes (10, bcrypt's default, when there are none). */
    static int cost(TongbanProperties.Security security) {
        int cost = 0;
        for (TongbanProperties.User u : security.users()) {
            Matcher m = BCRYPT_COST.matcher(u.passwordHash());
            if (m.find()) {
                cost = Math.max(cost, Math.min(31, Integer.parseInt(m.group(1))));
            }
        }
        return cost == 0 ? 10 : Math.max(4, cost);
    }

    String dummyHash() {
        return dummyHash;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                        ? d.getRemoteAddress()
                        : "unknown";
        throttle.admit(name, address);
        UserDetails user = users.get(LoginThrottle.canonical(name));
        Object credentials = authentication.getCredentials();
        String presented = credentials == null ? "" : credentials.toString();
        boolean matches = encoder.matches(presented, user == null ? dummyHash : user.getPassword());
        if (user == null || !matches) {
            throttle.failed(name, user != null);
            LOG.info("login: user {} from {} failed", LoginThrottle.forLog(name), address);
            throw new BadCredentialsException("Bad credentials");
        }
        throttle.succeeded(name, address);
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                User.withUserDetails(user).password("").build(), null, user.getAuthorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
