package cn.tongban.server.security;

import java.io.Serializable;
import java.time.Instant;

import cn.tongban.catalog.SystemIdentity;

/** The authenticated system behind a client certificate; small and serializable so Hazelcast can cache it. */
public record SystemPrincipal(
        String systemId,
        String systemName,
        String kind,
        String departmentCode,
        String departmentName,
        String certificateSubject,
        String certificateSha256,
        Instant certificateNotAfter)
        implements Serializable {

    public static SystemPrincipal of(SystemIdentity id) {
        return new SystemPrincipal(
                id.system().id(),
                id.system().name(),
                id.system().kind().name(),
                id.department().code(),
                id.department().name(),
                id.certificateSubject(),
                id.certificateSha256(),
                id.certificateNotAfter());
    }

    public Role role() {
        return "WINDOW_APP".equals(kind) ? Role.WINDOW_APP : Role.SYSTEM;
    }
}
