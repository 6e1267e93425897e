package cn.tongban.seal.report;

import java.util.List;
import java.util.Optional;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * Combines check outcomes: the first FAILED check makes TOTAL_FAILED with its sub-indication (a definitive
 * failure outranks anything not concluded, ETSI EN 319 102-1 §5.1.3); otherwise the first INDETERMINATE
 * check makes INDETERMINATE; otherwise TOTAL_PASSED.
 */
public record Verdict(Indication indication, Optional<SubIndication> subIndication) {

    public static Verdict of(List<Check> checks) {
        for (Check c : checks) {
            if (c.status() == Check.Status.FAILED) {
                return new Verdict(Indication.TOTAL_FAILED, Optional.ofNullable(c.subIndication()));
            }
        }
        for (Check c : checks) {
            if (c.status() == Check.Status.INDETERMINATE) {
                return new Verdict(Indication.INDETERMINATE, Optional.ofNullable(c.subIndication()));
            }
        }
        return new Verdict(Indication.TOTAL_PASSED, Optional.empty());
    }

    /** The worst of {@code parts}: the first TOTAL_FAILED, else the first INDETERMINATE, else TOTAL_PASSED. */
    public static Verdict worst(List<Verdict> parts) {
        for (Indication worst : List.of(Indication.TOTAL_FAILED, Indication.INDETERMINATE)) {
            for (Verdict v : parts) {
                if (v.indication() == worst) {
                    return v;
                }
            }
        }
        return new Verdict(Indication.TOTAL_PASSED, Optional.empty());
    }
}
