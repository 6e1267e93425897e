package cn.tongban.licence.pdf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * What {@link PdfChanges} found after one signature: the refused changes by rule (at most ten reasons each), the
 * allowed ones, and the comments a /P 3 certification permits (reported as a warning); then the checks for the
 * report.
 */
final class ChangeFindings {

    private final Map<String, List<String>> refused = new LinkedHashMap<>();
    private final Set<String> allowed = new TreeSet<>();
    /** Comments added, removed or changed under /P 3: allowed, and reported as a warning to whoever looks. */
    private final Set<String> comments = new TreeSet<>();

    void allow(String what) {
        allowed.add(what);
    }

    void comment(String what) {
        comments.add(what);
    }

    List<Check> checks(String who) {
        List<Check> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : refused.entrySet()) {
            String rule = e.getKey();
            SubIndication sub = SubIndication.SIG_CONSTRAINTS_FAILURE;
            String clause = rule.startsWith("SHADOW")
                    ? PdfChanges.CLAUSE_SHADOW
                    : rule.equals(PdfChanges.RULE_DOCMDP)
                            ? PdfChanges.CLAUSE_DOCMDP
                            : rule.equals(PdfChanges.RULE_FIELDMDP)
                                    ? PdfChanges.CLAUSE_FIELDMDP
                                    : PdfChanges.CLAUSE_MODIFICATIONS;
            out.add(Check.failed(
                    rule, sub, clause, "after signature '" + who + "': " + String.join("; ", e.getValue())));
        }
        if (!comments.isEmpty()) {
            out.add(Check.warning(
                    PdfChanges.RULE_ANNOTATIONS,
                    PdfChanges.CLAUSE_DOCMDP,
                    "after signature '" + who + "', as the " + "certification's /P 3 permits: "
                            + String.join("; ", comments)));
        }
        if (refused.isEmpty()) {
            out.add(Check.passed(
                    PdfChanges.RULE_MODIFICATIONS,
                    PdfChanges.CLAUSE_MODIFICATIONS,
                    "after signature '" + who + "': "
                            + (allowed.isEmpty()
                                    ? "no change to signed objects"
                                    : "only allowed changes: " + String.join(", ", allowed))));
            out.add(Check.passed(
                    PdfChanges.RULE_SHADOW,
                    PdfChanges.CLAUSE_SHADOW,
                    "after signature '" + who + "': no page content, "
                            + "resource or annotation over the signed content was added or redefined"
                            + (comments.isEmpty() ? "" : " other than the comments the certification permits")));
        }
        return out;
    }

    void refuse(String rule, String reason) {
        List<String> reasons = refused.computeIfAbsent(rule, r -> new ArrayList<>());
        if (reasons.size() < 10 && !reasons.contains(reason)) {
            reasons.add(reason);
        }
    }
}
