package cn.tongban.server.api;

import java.util.HashMap;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import cn.tongban.catalog.auth.Actor;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.server.security.Role;
import cn.tongban.server.security.SystemPrincipal;

/**
 * The current caller as the catalogue sees it: name, department and whether a data administrator. A system's
 * department is its registration's; a configured user's is its {@code department} attribute; an OIDC user's
 * is the token's department claim ({@code tongban.security.department-claim}, default {@code department}).
 */
@Component
class Actors {

    private final Map<String, String> userDepartments = new HashMap<>();
    private final String departmentClaim;

    Actors(TongbanProperties props) {
        for (TongbanProperties.User u : props.security().users()) {
            if (u.department() != null) {
                userDepartments.put(u.username(), u.department());
            }
        }
        this.departmentClaim = props.security().departmentClaim();
    }

    Actor current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        String department = null;
        if (a != null && a.getPrincipal() instanceof SystemPrincipal s) {
            department = s.departmentCode();
        } else if (a != null && a.getPrincipal() instanceof Jwt jwt) {
            department = jwt.getClaimAsString(departmentClaim);
        } else if (a != null) {
            department = userDepartments.get(a.getName());
        }
        return new Actor(Caller.name(), department, has(a, Role.DATA_ADMIN));
    }

    static boolean has(Authentication a, Role role) {
        return a != null
                && a.getAuthorities().stream().anyMatch(g -> g.getAuthority().equals(role.authority()));
    }

    static boolean has(Role role) {
        return has(SecurityContextHolder.getContext().getAuthentication(), role);
    }
}
