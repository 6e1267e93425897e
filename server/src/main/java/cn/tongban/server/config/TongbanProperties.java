package cn.tongban.server.config;

import java.nio.file.Path;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import cn.tongban.server.security.Role;

/** All of Tongban's own settings, under {@code tongban.*}. */
@ConfigurationProperties("tongban")
@Validated
public record TongbanProperties(
        @DefaultValue("tongban-1") @NotBlank String node,
        @DefaultValue @Valid Pki pki,
        @DefaultValue @Valid Security security,
        @DefaultValue @Valid Web web,
        @DefaultValue @Valid Cluster cluster,
        @DefaultValue @Valid Demo demo) {

    /**
     * Where {@code pki init} put the platform CA, the server's key store and the trust store.
     * With {@code tls=false} the server speaks plain HTTP (only for a server behind a TLS-terminating proxy
     * that passes client certificates on; never expose it so).
     */
    public record Pki(
            @DefaultValue("pki") Path dir,
            @DefaultValue("true") boolean tls) {}

    /**
     * People who log in with HTTP Basic (passwords stored as bcrypt hashes), and the OIDC role claim. A person's
     * department (unified social credit code) is the {@code department} of the configured user, or the
     * {@code departmentClaim} of an OIDC token; an approver may decide only their department's resources.
     */
    public record Security(
            @DefaultValue List<@Valid User> users,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("department") String departmentClaim) {}

    public record User(
            @NotBlank String username,

            @NotBlank
            @Pattern(
                    regexp = "\\{bcrypt}.*|\\$2[aby]?\\$.*",
                    message = "must be a bcrypt hash (run: java -jar tongban.jar password hash)")
            String passwordHash,

            @NotEmpty List<Role> roles,

            @Pattern(regexp = "[0-9A-HJ-NPQRTUWXY]{18}", message = "must be a unified social credit code")
            String department) {}

    public record Web(@DefaultValue("10MB") DataSize maxBodySize) {}

    /** The embedded Hazelcast member: alone by default, or a cluster with the listed members. */
    public record Cluster(
            @DefaultValue("tongban") String name,
            @DefaultValue("5701") int port,
            @DefaultValue("127.0.0.1") String bindAddress,
            @DefaultValue List<String> members) {}

    /**
     * Demo mode: seed the catalogue and run simulated departments on loopback ports from {@code firstPort}, in this
     * JVM ({@code departments=in-process}, the default) or, with {@code departments=external}, expect them there
     * from {@code java -jar tongban.jar demo departments --first-port N} (a load run keeps them out of the
     * exchange's JVM, as real departments are).
     */
    public record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("18081") int firstPort,
            @DefaultValue("in-process") Departments departments) {

        /** Where the simulated departments run. */
        public enum Departments {
            IN_PROCESS,
            EXTERNAL
        }
    }
}
