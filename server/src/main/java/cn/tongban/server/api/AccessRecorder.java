package cn.tongban.server.api;

import java.time.Clock;

import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import cn.tongban.audit.AccessEntry;
import cn.tongban.audit.AccessLog;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.server.web.CorrelationIdFilter;

/** Writes the access-log entry of an API call made by the current caller. */
@Component
class AccessRecorder {

    private final AccessLog log;
    private final Clock clock;
    private final String node;

    AccessRecorder(AccessLog log, Clock clock, TongbanProperties props) {
        this.log = log;
        this.clock = clock;
        this.node = props.node();
    }

    AccessEntry record(String action, String resourceCode, AccessEntry.Outcome outcome, String errorCode) {
        return log.append(new AccessEntry(0, clock.instant(), node, Caller.name(), action, resourceCode, outcome,
                errorCode, MDC.get(CorrelationIdFilter.MDC_KEY)));
    }
}
