package cn.tongban.catalog;

import java.time.Instant;

/** The registered system behind one client certificate, with its department. */
public record SystemIdentity(
        ExchangeSystem system,
        Department department,
        String certificateSubject,
        String certificateSha256,
        Instant certificateNotAfter) {}
