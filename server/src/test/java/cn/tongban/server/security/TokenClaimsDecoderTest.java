package cn.tongban.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class TokenClaimsDecoderTest {

    static final String ISSUER = "https://idp.gov.test/realms/staff";

    static JwtDecoder returning(String issuer, List<String> audiences, Instant expires) {
        return token -> Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .issuer(issuer)
                .audience(audiences)
                .issuedAt(expires.minusSeconds(600))
                .expiresAt(expires)
                .subject("li.auditor")
                .build();
    }

    @Test
    void tokensEnabledWithoutAnAudienceStopTheStart() {
        assertThatThrownBy(() -> TokenClaimsDecoder.require(
                        returning(ISSUER, List.of("x"), Instant.now()),
                        new OidcProperties(ISSUER, List.of()),
                        new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tongban.security.oidc.audiences");
    }

    @Test
    void tokensEnabledWithoutAnIssuerStopTheStart() {
        assertThatThrownBy(() -> TokenClaimsDecoder.require(
                        returning(ISSUER, List.of("x"), Instant.now()),
                        new OidcProperties(null, List.of("tongban")),
                        new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tongban.security.oidc.issuer");
    }

    @Test
    void springsIssuerUriAndAudiencesAreTheDefaults() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER)
                .withProperty("spring.security.oauth2.resourceserver.jwt.audiences", "other, tongban");
        JwtDecoder decoder = TokenClaimsDecoder.require(
                returning(ISSUER, List.of("tongban"), Instant.now().plusSeconds(300)),
                new OidcProperties(null, List.of()),
                env);
        assertThat(decoder.decode("t").getSubject()).isEqualTo("li.auditor");
    }

    @Test
    void aTokenForAnotherAudienceOrFromAnotherIssuerOrExpiredIsRefused() {
        OidcProperties props = new OidcProperties(ISSUER, List.of("tongban"));
        Instant later = Instant.now().plusSeconds(300);
        for (JwtDecoder signatureChecked : List.of(
                returning(ISSUER, List.of("payroll"), later),
                returning("https://idp.other.test", List.of("tongban"), later),
                returning(ISSUER, List.of("tongban"), Instant.now().minusSeconds(300)))) {
            JwtDecoder decoder = TokenClaimsDecoder.require(signatureChecked, props, new MockEnvironment());
            assertThatThrownBy(() -> decoder.decode("t")).isInstanceOf(JwtValidationException.class);
        }
        assertThat(TokenClaimsDecoder.require(
                                returning(ISSUER, List.of("payroll", "tongban"), later), props, new MockEnvironment())
                        .decode("t")
                        .getAudience())
                .contains("tongban");
    }
}
