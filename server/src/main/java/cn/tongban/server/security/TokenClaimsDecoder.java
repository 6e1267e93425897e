package cn.tongban.server.security;

import java.util.List;
import java.util.Objects;

import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.StringUtils;

/**
 * The configured decoder (signature, and Spring Boot's validators) followed by Tongban's own checks, whichever
 * key location is configured: the token is within its lifetime, comes from the configured issuer and names one of
 * the platform's audiences. A token failing any of them is a 401 {@code INVALID_CREDENTIALS}.
 */
final class TokenClaimsDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> checks;

    private TokenClaimsDecoder(JwtDecoder delegate, String issuer, List<String> audiences) {
        this.delegate = delegate;
        this.checks = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
    }

    /**
     * Wraps the configured decoder; refuses to start when the issuer or the audience is not configured.
     *
     * @throws IllegalStateException naming the missing setting
     */
    static JwtDecoder require(JwtDecoder delegate, OidcProperties props, Environment env) {
        String issuer = StringUtils.hasText(props.issuer())
                ? props.issuer()
                : env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
        List<String> audiences = props.audiences().isEmpty()
                ? List.of(env.getProperty(
                        "spring.security.oauth2.resourceserver.jwt.audiences", String[].class, new String[0]))
                : props.audiences();
        audiences = audiences.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("OIDC bearer tokens are enabled but no issuer is configured: set "
                    + "tongban.security.oidc.issuer (or spring.security.oauth2.resourceserver.jwt.issuer-uri)");
        }
        if (audiences.isEmpty()) {
            throw new IllegalStateException("OIDC bearer tokens are enabled but no audience is configured: set "
                    + "tongban.security.oidc.audiences (the client id or resource the issuer mints tokens for)");
        }
        return new TokenClaimsDecoder(delegate, issuer, audiences);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = delegate.decode(token);
        OAuth2TokenValidatorResult result = checks.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(
                    "The token is not for this platform: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return jwt;
    }
}
