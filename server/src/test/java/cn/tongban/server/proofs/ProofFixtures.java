package cn.tongban.server.proofs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.AuthorisationStatus;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.trust.verdict.Indication;

/** Service items, proofs, authorisations and licences for the proof rules' unit tests. */
final class ProofFixtures {

    static final Instant NOW = Instant.parse("2026-10-12T02:00:00Z");
    static final String COMPANY = "91310000MA1FL8TQ2" + UnifiedSocialCreditCode.checkCharacter("91310000MA1FL8TQ2");
    static final String OTHER = "91310000MA1FL8TQ3" + UnifiedSocialCreditCode.checkCharacter("91310000MA1FL8TQ3");
    static final String ITEM = "310000-XK-0001";
    static final String BUSINESS = "310000-102001-00001";
    static final String REGISTER = "310000-302002-00001";

    static final RetainedProof PULLED =
            proof("P1", "营业执照信息", "DATA_PULL", BUSINESS, Map.of("companyName", "name"), null, null);
    static final RetainedProof LICENCE =
            proof("P2", "食品经营许可证", "E_LICENCE", REGISTER, Map.of("number", "licenceNo"), "JY", null);
    static final RetainedProof COMMIT = proof("P3", "无违法记录证明", "NOTIFY_COMMIT", null, null, null, null);
    static final RetainedProof PAPER = proof("P4", "场所平面图", "PAPER", null, null, null, "须现场核对");
    static final ServiceItem FOOD = new ServiceItem(
            ITEM,
            "食品经营许可",
            "Food business licence",
            "11310000MB0001011L",
            "行政许可",
            List.of(PULLED, LICENCE, COMMIT, PAPER));

    private ProofFixtures() {}

    static RetainedProof proof(
            String code,
            String name,
            String satisfiedBy,
            String resource,
            Map<String, String> mapping,
            String licenceType,
            String paperReason) {
        return new RetainedProof(
                code,
                name,
                "用于" + name,
                "《食品经营许可和备案管理办法》",
                "第十条",
                "市场监管局",
                "发证机关",
                "CITY",
                "NOTIFY_COMMIT".equals(satisfiedBy),
                null,
                satisfiedBy,
                resource,
                mapping,
                licenceType,
                paperReason);
    }

    static Authorisation authorisation(
            String id, String purpose, String serviceItem, AuthorisationStatus status, Instant validUntil) {
        Instant from = NOW.minus(Duration.ofDays(10));
        return new Authorisation(
                id,
                "city-service-window",
                BUSINESS,
                purpose,
                serviceItem,
                List.of("name"),
                "依据",
                status,
                from,
                validUntil,
                from,
                "applicant",
                null,
                from,
                "approver",
                status == AuthorisationStatus.REFUSED ? "不予批准" : null,
                null,
                null,
                null,
                1);
    }

    static LicenceMetadata licence(String holder, String type, String number) {
        return new LicenceMetadata(
                "id-1",
                "食品经营许可证",
                "食品经营许可证",
                type,
                number,
                "市场监管局",
                "11310000MB0001011L",
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2031, 1, 1),
                "310000",
                "某餐饮公司",
                holder,
                "001",
                "VALID");
    }

    static VerificationReport report(Indication indication, LicenceMetadata m) {
        return new VerificationReport(
                "OFD", "digest-1", indication, null, null, NOW, List.of(), m, List.of(), List.of());
    }
}
