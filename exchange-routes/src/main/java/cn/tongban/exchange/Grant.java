package cn.tongban.exchange;

import java.util.Set;

/**
 * What the policy allows for one pull: the information items the consumer may receive, and the authorisation
 * that allows it ({@code null} for an unconditional resource, which needs none).
 */
public record Grant(Set<String> fields, String authorisationId) {
    public Grant {
        fields = Set.copyOf(fields);
    }
}
