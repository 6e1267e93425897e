package cn.tongban.server.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.DispatcherType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import cn.tongban.server.config.TongbanProperties;

/**
 * Deny by default. Systems authenticate with client certificates, people with HTTP Basic against configured
 * users (bcrypt hashes; throttled and locked after repeated failures, {@link PasswordLogins}) or, when an issuer is configured, with OIDC bearer tokens of that issuer for this platform's
 * audience ({@link TokenClaimsDecoder}). Each API operation grants
 * its roles with {@code @PreAuthorize}; everything not listed here or there is denied.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            SystemDirectory directory,
            Clock clock,
            ObjectMapper mapper,
            ObjectProvider<JwtDecoder> jwtDecoder,
            TongbanProperties props,
            OidcProperties oidc,
            Environment env)
            throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(mapper);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .anonymous(a -> a.principal("anonymous"))
                .addFilterBefore(new ClientCertificateFilter(directory, clock), X509AuthenticationFilter.class)
                .httpBasic(b -> b.realmName("tongban").authenticationEntryPoint(handlers))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                // Plain path patterns, not MVC matchers: an MVC matcher looks the request's handler up again for each
                // rule, and that lookup was about 6% of a pull's CPU (docs/PERFORMANCE.md "Exchange pull").
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**", "/actuator/info"))
                        .permitAll()
                        .requestMatchers(paths("/actuator/prometheus"))
                        .hasRole(Role.MONITOR.name())
                        .requestMatchers(paths(
                                "/", "/api-docs", "/api-docs/**", "/openapi/*.yaml", "/webjars/**", "/favicon.ico"))
                        .permitAll()
                        // Every API operation also carries its own @PreAuthorize grant.
                        .requestMatchers(paths("/api/**"))
                        .authenticated()
                        .anyRequest()
                        .denyAll());
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(handlers)
                    .accessDeniedHandler(handlers)
                    .jwt(j -> j.decoder(TokenClaimsDecoder.require(jwtDecoder.getObject(), oidc, env))
                            .jwtAuthenticationConverter(
                                    new RolesClaimConverter(props.security().rolesClaim()))));
        }
        return http.build();
    }

    /** The strict firewall with its header rules as loops, not regular expressions ({@link Firewall}). */
    @Bean
    org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
        return Firewall.strict();
    }

    private static RequestMatcher[] paths(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return Arrays.stream(patterns).map(builder::matcher).toArray(RequestMatcher[]::new);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle(HazelcastInstance hazelcast, LoginProperties login, Clock clock) {
        return new LoginThrottle(hazelcast, login, clock);
    }

    /** The configured people's Basic logins, throttled; the only authentication provider bean. */
    @Bean
    PasswordLogins people(TongbanProperties props, PasswordEncoder encoder, LoginThrottle throttle) {
        return new PasswordLogins(props.security(), encoder, throttle);
    }

    /** Maps the configured roles claim (a list of Tongban role names) of an OIDC token to authorities. */
    static final class RolesClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        private final String claim;

        RolesClaimConverter(String claim) {
            this.claim = claim;
        }

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            List<String> roles = jwt.getClaimAsStringList(claim);
            if (roles != null) {
                for (String r : roles) {
                    for (Role role : Role.values()) {
                        // Systems never authenticate by token: only people's roles are accepted from a token.
                        if (role.name().equalsIgnoreCase(r) && role != Role.SYSTEM && role != Role.WINDOW_APP) {
                            authorities.add(new SimpleGrantedAuthority(role.authority()));
                        }
                    }
                }
            }
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        }
    }
}
