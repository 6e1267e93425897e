package cn.tongban.audit;

/**
 * The outcome of auditing the stored log against a signed tree head. {@code firstSequence} names the first
 * entry found wrong (0 when the log is intact or the failure is not tied to one entry), {@code checked} is how
 * many rows were read, {@code reason} says what was found in words.
 */
public record AuditResult(Status status, long firstSequence, long checked, String reason) {

    public enum Status {
        /** Every row matches its leaf hash, no sequence is missing, the recomputed root equals the signed one. */
        INTACT,
        /** The tree head's signature does not verify under the platform key: nothing is judged against it. */
        HEAD_SIGNATURE_INVALID,
        /** A row's content no longer hashes to its stored leaf hash: altered, or moved to another sequence. */
        ENTRY_ALTERED,
        /** A row's leaf position is not its sequence number minus one: the order was changed. */
        ENTRY_REORDERED,
        /** A sequence number is missing: the row was removed (or the log ends before the signed size). */
        ENTRY_REMOVED,
        /** Rows and hashes agree, but not with the signed root: leaf hashes were rewritten with the rows. */
        ROOT_MISMATCH
    }

    public boolean intact() {
        return status == Status.INTACT;
    }
}
