package cn.tongban.server.proofs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.AuthorisationStatus;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.trust.verdict.Indication;

/**
 * The rules of a proof request (docs/STANDARDS.md §5), each a pure function: which proof of a service item's
 * retained list is asked for, whether an e-licence serves this applicant and this proof, when the issuer's register
 * is asked, which purpose a request without one states, and the text of a notify-and-commit commitment.
 */
public final class RetainedProofRules {

    private RetainedProofRules() {}

    /**
     * "保留目录以外无证明": the proof of the service item's retained list whose code or name is {@code wanted}; empty
     * when it is not on the list, and then it may not be demanded.
     */
    public static Optional<RetainedProof> onList(ServiceItem item, String wanted) {
        String w = wanted == null ? "" : wanted.strip();
        return item.proofs().stream()
                .filter(p -> p.code().equals(w) || p.name().equals(w))
                .findFirst();
    }

    /**
     * Why the e-licence the library returned does not serve {@code proof} for {@code applicant}: no licence
     * metadata, held by someone else, or of another licence type than the list asks for. Empty: it does.
     */
    public static List<String> licenceProblems(String applicant, RetainedProof proof, LicenceMetadata m) {
        List<String> problems = new ArrayList<>();
        if (m == null) {
            problems.add("the document carries no licence metadata");
            return problems;
        }
        if (!applicant.equals(m.holderCode())) {
            problems.add("the licence is held by someone else");
        }
        if (!proof.licenceTypeCode().equals(m.typeCode())) {
            problems.add("the licence is of type " + m.typeCode() + ", the list asks for " + proof.licenceTypeCode());
        }
        return problems;
    }

    /**
     * Whether to ask the issuer's register if the licence still stands: only when the list names the register (the
     * proof's resource), and only for a licence that verified and serves this applicant — no pull for a document
     * refused anyway.
     */
    public static boolean confirmWithRegister(RetainedProof proof, VerificationReport report, List<String> problems) {
        return proof.resourceCode() != null && report.indication() == Indication.TOTAL_PASSED && problems.isEmpty();
    }

    /**
     * The distinct purposes of the consumer's authorisations for the proof's resource that are granted and unexpired
     * at {@code now} and were granted for {@code serviceItem}. {@code held} is every authorisation of the consumer
     * for the resource, in any state.
     */
    public static List<String> grantedPurposes(List<Authorisation> held, String serviceItem, Instant now) {
        return held.stream()
                .filter(a -> a.statusAt(now) == AuthorisationStatus.GRANTED && serviceItem.equals(a.serviceItemCode()))
                .map(Authorisation::purpose)
                .distinct()
                .toList();
    }

    /**
     * The purpose a register confirmation states when the request stated none and the consumer holds not exactly one
     * granted purpose: {@code template} with {@code {serviceItem}} and {@code {proof}} replaced by the service item's
     * and the proof's names (configuration: {@code tongban.proofs.register-check-purpose}).
     */
    public static String registerCheckPurpose(String template, ServiceItem item, RetainedProof proof) {
        return template.replace("{serviceItem}", item.name()).replace("{proof}", proof.name());
    }

    /** The commitment (告知承诺) the applicant signs instead of providing the proof (国办发〔2020〕42号). */
    public static String commitmentText(ServiceItem item, RetainedProof p) {
        return "本人申请办理“" + item.name() + "”，承诺已具备“" + p.name() + "”所证明的条件"
                + (p.use() == null ? "" : "（" + p.use() + "）") + "，所作承诺真实有效；如有不实，愿承担相应法律责任，"
                + "行政机关可依法撤销相关决定。"
                + (p.legalBasis() == null
                        ? ""
                        : "依据：" + p.legalBasis() + (p.article() == null ? "" : p.article()) + "。");
    }
}
