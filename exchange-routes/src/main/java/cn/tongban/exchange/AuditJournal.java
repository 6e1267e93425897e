package cn.tongban.exchange;

import java.util.function.Function;
import java.util.function.Supplier;

import cn.tongban.audit.AccessEntry;
import cn.tongban.audit.AccessLog;
import cn.tongban.audit.SubjectKeys;

/**
 * {@link AccessJournal} on the tamper-evident access log: action {@code DATA_PULL}, the consumer system as actor,
 * the subject as its keyed hash ({@link SubjectKeys}; the identifier itself is never stored), purpose, service
 * item, delivered fields and response digest. {@link AccessLog#append} returns after commit, so the entry is
 * durable when this returns.
 */
public final class AuditJournal implements AccessJournal {

    public static final String ACTION = "DATA_PULL";

    private final AccessLog log;
    private final Function<String, String> subjectKeyOf;
    private final String node;
    private final Supplier<String> correlationId;
    private final Function<String, String> departmentOf;

    /**
     * @param subjectKeyOf the keyed hash of a subject identifier ({@link SubjectKeys} with the platform's secret)
     * @param departmentOf the department code of a consumer system (recorded with the entry), or null if unknown
     */
    public AuditJournal(
            AccessLog log,
            Function<String, String> subjectKeyOf,
            String node,
            Supplier<String> correlationId,
            Function<String, String> departmentOf) {
        this.log = log;
        this.departmentOf = departmentOf;
        this.subjectKeyOf = subjectKeyOf;
        this.node = node;
        this.correlationId = correlationId;
    }

    @Override
    public long record(PullRecord r) {
        PullRequest q = r.request();
        AccessEntry entry = new AccessEntry(
                        0,
                        r.time(),
                        node,
                        q.consumerSystem(),
                        ACTION,
                        q.resourceCode(),
                        r.outcome(),
                        r.errorCode(),
                        correlationId.get())
                .withActorDetail(departmentOf.apply(q.consumerSystem()), q.operator())
                .withDelivery(
                        q.subject() == null || q.subject().isBlank() ? null : subjectKeyOf.apply(q.subject()),
                        q.purpose(),
                        q.serviceItem(),
                        r.fieldsDelivered(),
                        r.responseDigest());
        return log.append(entry).sequence();
    }
}
