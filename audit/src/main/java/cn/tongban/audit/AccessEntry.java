package cn.tongban.audit;

import java.time.Instant;
import java.util.List;

/**
 * One access-log entry: who (actor) did what (action) to which resource, when, with what outcome.
 * {@code sequence} is 0 until the entry is appended; appended entries are leaf {@code sequence - 1} of the
 * log's Merkle tree (see {@link EntryCodec} for the leaf encoding).
 *
 * <p>The data-sharing fields are optional (null when not applicable): {@code subjectKey} is the
 * {@link SubjectKeys} pseudonym of the person or organisation the data is about (the identifier itself is
 * never stored), {@code purpose} the declared legal purpose, {@code serviceItem} the government service item
 * code, {@code fieldsDelivered} the names of the data fields returned (no commas, none blank), and
 * {@code responseDigest} a digest of the delivered response. {@code department} is the code of the department
 * the acting system belongs to, {@code operator} the account of the person operating it (a window clerk), both
 * optional; an entry with either is encoded as {@link EntryCodec} version 2.
 */
public record AccessEntry(
        long sequence,
        Instant time,
        String node,
        String actor,
        String action,
        String resourceCode,
        Outcome outcome,
        String errorCode,
        String correlationId,
        String subjectKey,
        String purpose,
        String serviceItem,
        List<String> fieldsDelivered,
        String responseDigest,
        String department,
        String operator) {

    public enum Outcome {
        OK,
        REFUSED,
        FAILED
    }

    public AccessEntry {
        if (fieldsDelivered != null) {
            fieldsDelivered = List.copyOf(fieldsDelivered);
            for (String field : fieldsDelivered) {
                if (field.isBlank() || field.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("a delivered field name is not blank and has no comma");
                }
            }
        }
    }

    /** An entry without department and operator (encoded as version 1). */
    public AccessEntry(
            long sequence,
            Instant time,
            String node,
            String actor,
            String action,
            String resourceCode,
            Outcome outcome,
            String errorCode,
            String correlationId,
            String subjectKey,
            String purpose,
            String serviceItem,
            List<String> fieldsDelivered,
            String responseDigest) {
        this(
                sequence,
                time,
                node,
                actor,
                action,
                resourceCode,
                outcome,
                errorCode,
                correlationId,
                subjectKey,
                purpose,
                serviceItem,
                fieldsDelivered,
                responseDigest,
                null,
                null);
    }

    /** The entry of the first cut of the log, without the data-sharing fields. */
    public AccessEntry(
            long sequence,
            Instant time,
            String node,
            String actor,
            String action,
            String resourceCode,
            Outcome outcome,
            String errorCode,
            String correlationId) {
        this(
                sequence,
                time,
                node,
                actor,
                action,
                resourceCode,
                outcome,
                errorCode,
                correlationId,
                null,
                null,
                null,
                null,
                null);
    }

    public AccessEntry withSequence(long seq) {
        return new AccessEntry(
                seq,
                time,
                node,
                actor,
                action,
                resourceCode,
                outcome,
                errorCode,
                correlationId,
                subjectKey,
                purpose,
                serviceItem,
                fieldsDelivered,
                responseDigest,
                department,
                operator);
    }

    AccessEntry withTime(Instant newTime) {
        return new AccessEntry(
                sequence,
                newTime,
                node,
                actor,
                action,
                resourceCode,
                outcome,
                errorCode,
                correlationId,
                subjectKey,
                purpose,
                serviceItem,
                fieldsDelivered,
                responseDigest,
                department,
                operator);
    }

    /** The same entry about a data subject, for a purpose and service item, with what was delivered. */
    public AccessEntry withDelivery(
            String subjectKey,
            String purpose,
            String serviceItem,
            List<String> fieldsDelivered,
            String responseDigest) {
        return new AccessEntry(
                sequence,
                time,
                node,
                actor,
                action,
                resourceCode,
                outcome,
                errorCode,
                correlationId,
                subjectKey,
                purpose,
                serviceItem,
                fieldsDelivered,
                responseDigest,
                department,
                operator);
    }

    /** The same entry made by a system of {@code department}, operated by {@code operator} (either may be null). */
    public AccessEntry withActorDetail(String department, String operator) {
        return new AccessEntry(
                sequence,
                time,
                node,
                actor,
                action,
                resourceCode,
                outcome,
                errorCode,
                correlationId,
                subjectKey,
                purpose,
                serviceItem,
                fieldsDelivered,
                responseDigest,
                department,
                operator);
    }
}
