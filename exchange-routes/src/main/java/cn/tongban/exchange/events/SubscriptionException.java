package cn.tongban.exchange.events;

import java.util.List;

/** A subscription request that cannot be accepted, with every reason ("field: reason"). */
public final class SubscriptionException extends RuntimeException {

    private final List<String> violations;

    public SubscriptionException(List<String> violations) {
        super(String.join("; ", violations), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
