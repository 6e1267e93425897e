package cn.tongban.server.api;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import cn.tongban.server.config.TongbanProperties;
import cn.tongban.server.security.SystemPrincipal;

/**
 * The department the caller acts for: a system's registered department; a Basic user's configured
 * {@code department}; an OIDC user's {@code department} claim. Null when none is known (such a person cannot
 * approve anything).
 */
@Component
class CallerDepartment {

    static final String CLAIM = "department";

    private final TongbanProperties props;

    CallerDepartment(TongbanProperties props) {
        this.props = props;
    }

    String current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null) {
            return null;
        }
        if (a.getPrincipal() instanceof SystemPrincipal s) {
            return s.departmentCode();
        }
        if (a.getPrincipal() instanceof Jwt jwt) {
            return jwt.getClaimAsString(CLAIM);
        }
        return props.security().users().stream().filter(u -> u.username().equals(a.getName()))
                .map(TongbanProperties.User::department).findFirst().orElse(null);
    }
}
