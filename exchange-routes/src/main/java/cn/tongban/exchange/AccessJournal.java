package cn.tongban.exchange;

import java.time.Instant;
import java.util.List;

import cn.tongban.audit.AccessEntry;

/**
 * Where the exchange records every pull, delivered or not. {@link #record} returns only when the entry is durable;
 * an exception means it is not, and the pull then releases nothing.
 */
@FunctionalInterface
public interface AccessJournal {

    /** The access-log sequence number of the durable entry. */
    long record(PullRecord record);

    /** One pull's entry: what was asked, what came of it, which fields left and the digest of what left. */
    record PullRecord(
            Instant time,
            PullRequest request,
            AccessEntry.Outcome outcome,
            String errorCode,
            List<String> fieldsDelivered,
            String responseDigest) {
        public PullRecord {
            fieldsDelivered = fieldsDelivered == null ? null : List.copyOf(fieldsDelivered);
        }
    }
}
