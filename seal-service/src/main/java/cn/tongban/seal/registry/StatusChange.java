package cn.tongban.seal.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a seal's history.
 *
 * @param status     the status from {@code at} on
 * @param reason     why (free text from the seal administrator); empty for the registration
 * @param at         when the status took effect (may lie before {@code recordedAt}, e.g. a key compromised earlier)
 * @param actor      who made the change
 * @param recordedAt when the registry recorded it
 */
public record StatusChange(SealStatus status, String reason, Instant at, String actor, Instant recordedAt) {
    public StatusChange {
        Objects.requireNonNull(status);
        Objects.requireNonNull(at);
        Objects.requireNonNull(actor);
        Objects.requireNonNull(recordedAt);
        reason = reason == null ? "" : reason;
    }
}
