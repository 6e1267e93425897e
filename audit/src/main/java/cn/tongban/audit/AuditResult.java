package cn.tongban.audit;

/**
 * The outcome of auditing the stored log against signed tree heads. For an entry-level finding,
 * {@code firstSequence} = {@code lastSequence} names the first entry found wrong; for {@link Status#ROOT_MISMATCH}
 * they bound the range the rewritten entries lie in (after the last head that still matches, up to the first
 * that does not); both are 0 when the log is intact or no entry is to blame. {@code checked} is how many rows
 * were read, {@code reason} says what was found in words.
 */
public record AuditResult(Status status, long firstSequence, long lastSequence, long checked, String reason) {

    public enum Status {
        /** Every row matches its leaf hash, no sequence is missing, the recomputed roots equal the signed ones. */
        INTACT,
        /** A tree head's signature does not verify under the platform key: nothing is judged against it. */
        HEAD_SIGNATURE_INVALID,
        /** A row's content no longer hashes to its stored leaf hash: altered, or moved to another sequence. */
        ENTRY_ALTERED,
        /** A row's leaf position is not its sequence number minus one: the order was changed. */
        ENTRY_REORDERED,
        /** A sequence number is missing: the row was removed (or the log ends before the signed size). */
        ENTRY_REMOVED,
        /** Rows and hashes agree, but not with a signed root: leaf hashes were rewritten with the rows. */
        ROOT_MISMATCH
    }

    static AuditResult entry(Status status, long sequence, long checked, String reason) {
        return new AuditResult(status, sequence, sequence, checked, reason);
    }

    public boolean intact() {
        return status == Status.INTACT;
    }
}
