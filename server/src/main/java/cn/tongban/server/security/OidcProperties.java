package cn.tongban.server.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an OIDC bearer token must say besides a valid signature and lifetime, under {@code tongban.security.oidc}.
 * Both are required once tokens are enabled (a {@code spring.security.oauth2.resourceserver.jwt.*} location is set):
 * without an audience a token the issuer minted for any other application would be accepted.
 *
 * @param issuer    the {@code iss} every token must carry; default: {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * @param audiences the {@code aud} values of this platform; a token must name at least one; default:
 *                  {@code spring.security.oauth2.resourceserver.jwt.audiences}
 */
@ConfigurationProperties("tongban.security.oidc")
public record OidcProperties(String issuer, @DefaultValue List<String> audiences) {}
