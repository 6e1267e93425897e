package cn.tongban.licence.verify;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.ResidentIdNumber;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.licence.id.LicenceIdentifier;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The licence's own rules, applied to metadata that a signature has been shown to cover: identifier and check
 * character (GB/T 36904, docs/STANDARDS.md §2.1), identifier consistent with the type and issuer fields, holder code check
 * digits (docs/STANDARDS.md §3), validity period and status on the validation date (GB/T 36903 fields, §2.2). Details never
 * carry the holder code (personal data): only whether it checked.
 */
public final class LicenceRules {

    static final String CLAUSE_ID = "GB/T 36904; STANDARDS §2.1";
    static final String CLAUSE_META = "GB/T 36903; STANDARDS §2.2";
    static final String CLAUSE_HOLDER = "GB 11643-1999 / GB 32100-2015; STANDARDS §3";
    /** Status values that mean "in force" (GB/T 36903 leaves the vocabulary to the licence store). */
    static final Set<String> IN_FORCE = Set.of("VALID", "有效", "正常");
    /** Licences are dated in China's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private LicenceRules() {}

    public static List<Check> check(LicenceMetadata m, java.time.Instant validationTime, Clock clock) {
        List<Check> out = new ArrayList<>();
        IdentifierCheck id = LicenceIdentifier.check(m.identifier());
        out.add(
                id.valid()
                        ? Check.passed(
                                "LICENCE_IDENTIFIER",
                                CLAUSE_ID,
                                "identifier and its MOD 37,36 check character are valid")
                        : Check.failed(
                                "LICENCE_IDENTIFIER",
                                SubIndication.SIG_CONSTRAINTS_FAILURE,
                                CLAUSE_ID,
                                "licence identifier " + m.identifier() + " is invalid: " + id.reason()));
        Optional<LicenceIdentifier> parsed = LicenceIdentifier.parse(m.identifier());
        if (parsed.isPresent()) {
            List<String> mismatches = new ArrayList<>();
            if (!parsed.get().typeCode().equals(m.typeCode())) {
                mismatches.add("type code " + parsed.get().typeCode() + " in the identifier, " + m.typeCode()
                        + " in typeCode");
            }
            if (!parsed.get().issuerCode().equals(m.issuerCode())) {
                mismatches.add("issuer code " + parsed.get().issuerCode() + " in the identifier, " + m.issuerCode()
                        + " in issuerCode");
            }
            out.add(
                    mismatches.isEmpty()
                            ? Check.passed(
                                    "LICENCE_IDENTIFIER_FIELDS",
                                    CLAUSE_ID,
                                    "identifier names the licence's type and issuer")
                            : Check.failed(
                                    "LICENCE_IDENTIFIER_FIELDS",
                                    SubIndication.SIG_CONSTRAINTS_FAILURE,
                                    CLAUSE_ID,
                                    String.join("; ", mismatches)));
        }
        out.add(holder(m, clock));
        if (m.issuerCode().length() == UnifiedSocialCreditCode.LENGTH) {
            IdentifierCheck issuer = UnifiedSocialCreditCode.check(m.issuerCode());
            out.add(
                    issuer.valid()
                            ? Check.passed("ISSUER_CODE", CLAUSE_HOLDER, "issuer's unified social credit code is valid")
                            : Check.failed(
                                    "ISSUER_CODE",
                                    SubIndication.SIG_CONSTRAINTS_FAILURE,
                                    CLAUSE_HOLDER,
                                    "issuer code " + m.issuerCode() + " is invalid: " + issuer.reason()));
        }
        LocalDate day = LocalDate.ofInstant(validationTime, ZONE);
        if (m.validFrom() != null && day.isBefore(m.validFrom())) {
            out.add(Check.failed(
                    "LICENCE_VALIDITY",
                    SubIndication.SIG_CONSTRAINTS_FAILURE,
                    CLAUSE_META,
                    "licence valid from " + m.validFrom() + ", validation date " + day));
        } else if (m.validTo() != null && day.isAfter(m.validTo())) {
            out.add(Check.failed(
                    "LICENCE_VALIDITY",
                    SubIndication.SIG_CONSTRAINTS_FAILURE,
                    CLAUSE_META,
                    "licence valid to " + m.validTo() + ", validation date " + day));
        } else {
            out.add(Check.passed(
                    "LICENCE_VALIDITY",
                    CLAUSE_META,
                    "in force on " + day
                            + (m.validTo() == null ? " (no end date)" : " (valid to " + m.validTo() + ")")));
        }
        if (m.status() != null && !IN_FORCE.contains(m.status())) {
            out.add(Check.failed(
                    "LICENCE_STATUS",
                    SubIndication.SIG_CONSTRAINTS_FAILURE,
                    CLAUSE_META,
                    "licence status is " + m.status()));
        }
        return out;
    }

    private static Check holder(LicenceMetadata m, Clock clock) {
        IdentifierCheck c;
        switch (m.holderCodeType()) {
            case "111" -> c = ResidentIdNumber.check(m.holderCode(), clock);
            case "001" -> c = UnifiedSocialCreditCode.check(m.holderCode());
            default -> {
                return Check.warning(
                        "HOLDER_CODE",
                        CLAUSE_HOLDER,
                        "holder code type " + m.holderCodeType() + " has no check-digit rule here; not checked");
            }
        }
        return c.valid()
                ? Check.passed("HOLDER_CODE", CLAUSE_HOLDER, "holder code (type " + m.holderCodeType() + ") is valid")
                : Check.failed(
                        "HOLDER_CODE",
                        SubIndication.SIG_CONSTRAINTS_FAILURE,
                        CLAUSE_HOLDER,
                        "holder code (type " + m.holderCodeType() + ") is invalid: " + c.errorCode());
    }

    /**
     * ISSUER_TRUSTED_FOR_TYPE: the signers were judged against an anchor set meant for this licence type (its own
     * {@code licence-type:<code>} set or {@value DocumentTrust#LICENCE_ISSUERS}), or against the caller's anchors;
     * indeterminate when neither is configured. Shared by the OFD and PDF verifiers.
     */
    public static Check issuerTrustedForType(
            DocumentTrust trust,
            String signerSet,
            cn.tongban.licence.report.VerificationOptions options,
            LicenceMetadata licence) {
        String clause = "GB/T 36904 type code; DocumentTrust";
        if (trust.configured(signerSet) || !options.extraAnchors().isEmpty()) {
            return Check.passed(
                    "ISSUER_TRUSTED_FOR_TYPE",
                    clause,
                    "signers judged against anchor set '" + signerSet + "'"
                            + (options.extraAnchors().isEmpty() ? "" : " and the anchors given for this call"));
        }
        return Check.indeterminate(
                "ISSUER_TRUSTED_FOR_TYPE",
                SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                clause,
                "no anchor set '" + signerSet + "' or '" + DocumentTrust.LICENCE_ISSUERS
                        + "' is configured for licence type " + licence.typeCode());
    }
}
