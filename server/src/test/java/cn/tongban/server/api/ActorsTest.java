package cn.tongban.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.unit.DataSize;

import cn.tongban.catalog.auth.Actor;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.server.security.Role;

/** A person's department, which decides whose applications an approver may decide. */
class ActorsTest {

    static final String PS = "11310000MB0001011L";
    final Actors actors = new Actors(new TongbanProperties(
            "n1",
            new TongbanProperties.Pki(Path.of("pki"), true),
            new TongbanProperties.Security(
                    List.of(
                            new TongbanProperties.User("ps-approver", "{bcrypt}x", List.of(Role.APPROVER), PS),
                            new TongbanProperties.User("admin", "{bcrypt}x", List.of(Role.DATA_ADMIN), null)),
                    "roles",
                    "org_code"),
            new TongbanProperties.Web(DataSize.ofMegabytes(1)),
            new TongbanProperties.Cluster("t", 5701, "127.0.0.1", List.of()),
            new TongbanProperties.Demo(false, 18081, TongbanProperties.Demo.Departments.IN_PROCESS)));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aConfiguredUsersDepartmentIsItsAttribute() {
        login(new UsernamePasswordAuthenticationToken(
                "ps-approver", null, List.of(new SimpleGrantedAuthority(Role.APPROVER.authority()))));
        assertThat(actors.current()).isEqualTo(new Actor("ps-approver", PS, false));
        login(new UsernamePasswordAuthenticationToken(
                "admin", null, List.of(new SimpleGrantedAuthority(Role.DATA_ADMIN.authority()))));
        assertThat(actors.current()).isEqualTo(new Actor("admin", null, true));
    }

    @Test
    void anOidcUsersDepartmentIsTheConfiguredClaim() {
        Jwt jwt = new Jwt(
                "t",
                Instant.now(),
                Instant.now().plusSeconds(60),
                Map.of("alg", "RS256"),
                Map.of("sub", "li.wei", "org_code", PS, "department", "ignored"));
        login(new JwtAuthenticationToken(
                jwt, List.of(new SimpleGrantedAuthority(Role.APPROVER.authority())), "li.wei"));
        assertThat(actors.current()).isEqualTo(new Actor("li.wei", PS, false));
        Jwt without = new Jwt(
                "t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), Map.of("sub", "zhao.min"));
        login(new JwtAuthenticationToken(without, List.of(), "zhao.min"));
        assertThat(actors.current().departmentCode())
                .as("no claim, no department: decides nothing")
                .isNull();
    }

    private static void login(org.springframework.security.core.Authentication a) {
        SecurityContextHolder.getContext().setAuthentication(a);
    }
}
