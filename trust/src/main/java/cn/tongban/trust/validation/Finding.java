package cn.tongban.trust.validation;

import java.util.Objects;

import cn.tongban.trust.verdict.SubIndication;

/** One failed rule: the sub-indication it leads to and a human-readable reason citing the clause. */
public record Finding(SubIndication subIndication, String reason) {
    public Finding {
        Objects.requireNonNull(subIndication, "subIndication");
        Objects.requireNonNull(reason, "reason");
    }
}
