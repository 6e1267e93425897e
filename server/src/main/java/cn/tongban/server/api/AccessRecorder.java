package cn.tongban.server.api;

import java.time.Clock;
import java.util.List;

import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import cn.tongban.audit.AccessEntry;
import cn.tongban.audit.AccessLog;
import cn.tongban.server.audit.AuditService;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.server.security.SystemPrincipal;
import cn.tongban.server.web.CorrelationIdFilter;

/**
 * Writes the access-log entry of an API call made by the current caller, and returns only once it is durable
 * (the group-commit writer acknowledges after commit): release data only after {@code record} returned.
 * The actor is the calling system (its department is recorded too) or the person's user name.
 */
@Component
class AccessRecorder {

    private final AccessLog log;
    private final AuditService audit;
    private final Clock clock;
    private final String node;

    AccessRecorder(AccessLog log, AuditService audit, Clock clock, TongbanProperties props) {
        this.log = log;
        this.audit = audit;
        this.clock = clock;
        this.node = props.node();
    }

    /**
     * What was delivered about whom: {@code subjectId} is the identifier in clear (hashed here into the subject
     * key, never stored), {@code operator} the account of the person at the calling system, if known.
     */
    record Delivery(
            String subjectId,
            String purpose,
            String serviceItem,
            List<String> fieldsDelivered,
            String responseDigest,
            String operator) {}

    AccessEntry record(String action, String resourceCode, AccessEntry.Outcome outcome, String errorCode) {
        return log.append(entry(action, resourceCode, outcome, errorCode));
    }

    AccessEntry record(
            String action, String resourceCode, AccessEntry.Outcome outcome, String errorCode, Delivery delivery) {
        AccessEntry e = entry(action, resourceCode, outcome, errorCode);
        String subjectKey = delivery.subjectId() == null ? null : audit.subjectKey(delivery.subjectId());
        e = e.withDelivery(
                        subjectKey,
                        delivery.purpose(),
                        delivery.serviceItem(),
                        delivery.fieldsDelivered(),
                        delivery.responseDigest())
                .withActorDetail(e.department(), delivery.operator());
        return log.append(e);
    }

    private AccessEntry entry(String action, String resourceCode, AccessEntry.Outcome outcome, String errorCode) {
        SystemPrincipal system = Caller.system();
        return new AccessEntry(
                        0,
                        clock.instant(),
                        node,
                        Caller.name(),
                        action,
                        resourceCode,
                        outcome,
                        errorCode,
                        MDC.get(CorrelationIdFilter.MDC_KEY))
                .withActorDetail(system == null ? null : system.departmentCode(), null);
    }
}
