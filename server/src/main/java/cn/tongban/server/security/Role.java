package cn.tongban.server.security;

/**
 * Roles. Systems get {@code SYSTEM} or {@code WINDOW_APP} from their registration; people get theirs from
 * configuration (Basic) or from the identity provider's role claim (OIDC).
 */
public enum Role {
    SYSTEM,
    WINDOW_APP,
    DATA_ADMIN,
    APPROVER,
    SEAL_ADMIN,
    AUDITOR,
    MONITOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
