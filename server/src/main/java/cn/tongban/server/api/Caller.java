package cn.tongban.server.api;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import cn.tongban.server.security.SystemPrincipal;

/** Who is calling: a system id for certificate-authenticated systems, else the person's user name. */
final class Caller {

    private Caller() {}

    static String name() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null) {
            return "anonymous";
        }
        return a.getPrincipal() instanceof SystemPrincipal s ? s.systemId() : a.getName();
    }

    static SystemPrincipal system() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.getPrincipal() instanceof SystemPrincipal s ? s : null;
    }
}
