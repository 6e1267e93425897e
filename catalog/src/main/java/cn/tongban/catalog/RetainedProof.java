package cn.tongban.catalog;

import java.util.Map;

/**
 * One row of a retained proof list (保留证明事项清单, docs/STANDARDS.md §5) and how the proof is satisfied
 * without paper: {@code DATA_PULL} (resource + field mapping), {@code E_LICENCE} (licence type code),
 * {@code NOTIFY_COMMIT}, or {@code PAPER} (with the reason).
 */
public record RetainedProof(
        String code,
        String name,
        String use,
        String legalBasis,
        String article,
        String demandingUnit,
        String issuingUnit,
        String level,
        boolean notifyCommitAllowed,
        String notifyCommitExclusionReason,
        String satisfiedBy,
        String resourceCode,
        Map<String, String> fieldMapping,
        String licenceTypeCode,
        String paperReason) {
    public RetainedProof {
        fieldMapping = fieldMapping == null ? Map.of() : Map.copyOf(fieldMapping);
    }
}
