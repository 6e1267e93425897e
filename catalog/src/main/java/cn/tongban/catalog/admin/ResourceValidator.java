package cn.tongban.catalog.admin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceClass;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;

/**
 * Every rule a catalogue resource must meet (docs/STANDARDS.md §4 and 国发〔2016〕51号), checked all at once: the
 * result lists every violation with its field, never just the first.
 */
public final class ResourceValidator {

    /**
     * Resource code {@code <region 6>-<classification code: 类 1 + 项 2 + 目 3 + 细目 0..6>-<sequence 5>}; the guide
     * leaves the separator open (docs/STANDARDS.md §4), this is the one the platform uses.
     */
    public static final Pattern CODE = Pattern.compile("(\\d{6})-([1-3]\\d{5}(?:\\d{1,6})?)-(\\d{5})");

    private static final Pattern ITEM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    public static final Set<String> DATA_TYPES = Set.of("STRING", "DATE", "INTEGER", "DECIMAL", "BOOLEAN");
    public static final Set<String> MASKINGS = Set.of("ID_NUMBER", "NAME", "ADDRESS", "PHONE", "PARTIAL", "FULL");
    public static final Set<String> METHODS = Set.of("API_PULL", "SUBSCRIPTION", "FILE");
    /** Usual update cycles of the guide (docs/STANDARDS.md §4); the set is configurable. */
    public static final Set<String> DEFAULT_UPDATE_CYCLES =
            Set.of("REAL_TIME", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "HALF_YEARLY", "YEARLY", "IRREGULAR");

    /** What the validator needs to know about the rest of the catalogue. */
    public interface Lookups {
        Optional<String> departmentName(String code);

        /** The department that runs the system, if the system is registered. */
        Optional<String> systemDepartment(String systemId);

        boolean resourceExists(String code);
    }

    private final boolean strictOrganisationCode;
    private final Set<String> updateCycles;

    public ResourceValidator(boolean strictOrganisationCode, Set<String> updateCycles) {
        this.strictOrganisationCode = strictOrganisationCode;
        this.updateCycles = Set.copyOf(updateCycles);
    }

    public List<Violation> validate(Resource r, Lookups lookups) {
        List<Violation> v = new ArrayList<>();
        checkCode(r, v);
        required(v, "name", r.name(), 200);
        if (r.providerCode() == null || r.providerCode().isBlank()) {
            v.add(new Violation("providerCode", "is required", "REQUIRED"));
        } else {
            IdentifierCheck check = UnifiedSocialCreditCode.check(r.providerCode(), strictOrganisationCode);
            if (!check.valid()) {
                v.add(new Violation(
                        "providerCode",
                        "is not a valid unified social credit code (GB 32100-2015): " + check.reason(),
                        check.errorCode()));
            } else if (lookups.departmentName(r.providerCode()).isEmpty()) {
                v.add(new Violation("providerCode", "names no registered department", "UNKNOWN_PROVIDER"));
            }
        }
        if (r.providerSystem() != null) {
            Optional<String> dept = lookups.systemDepartment(r.providerSystem());
            if (dept.isEmpty()) {
                v.add(new Violation("providerSystem", "names no registered system", "UNKNOWN_SYSTEM"));
            } else if (!dept.get().equals(r.providerCode())) {
                v.add(new Violation(
                        "providerSystem",
                        "is run by another department than the provider",
                        "SYSTEM_OF_OTHER_DEPARTMENT"));
            }
        }
        max(v, "abstract", r.abstractText(), 4000);
        max(v, "format", r.format(), 32);
        max(v, "subjectType", r.subjectType(), 40);
        checkSharing(r, v);
        max(v, "openCondition", r.openCondition(), 2000);
        if (r.updateCycle() != null && !updateCycles.contains(r.updateCycle())) {
            v.add(new Violation("updateCycle", "must be one of " + new java.util.TreeSet<>(updateCycles), "ENUM"));
        }
        if ("API_PULL".equals(r.sharingMethod())
                && r.sharingType() != SharingType.NOT_SHARED
                && (r.endpointPath() == null || !r.endpointPath().startsWith("/"))) {
            v.add(new Violation("endpointPath", "is required for API pull and must start with /", "REQUIRED"));
        } else {
            max(v, "endpointPath", r.endpointPath(), 300);
        }
        checkItems(r.items(), v);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < r.relatedCodes().size(); k++) {
            String related = r.relatedCodes().get(k);
            String f = "relatedCodes[" + k + "]";
            if (related.equals(r.code())) {
                v.add(new Violation(f, "a resource cannot be related to itself", "SELF_REFERENCE"));
            } else if (!seen.add(related)) {
                v.add(new Violation(f, "is listed twice", "DUPLICATE"));
            } else if (!lookups.resourceExists(related)) {
                v.add(new Violation(f, "names no resource in the catalogue", "UNKNOWN_RESOURCE"));
            }
        }
        return v;
    }

    private static void checkCode(Resource r, List<Violation> v) {
        if (r.code() == null || r.code().isBlank()) {
            v.add(new Violation("code", "is required", "REQUIRED"));
            return;
        }
        Matcher m = CODE.matcher(r.code());
        if (!m.matches()) {
            v.add(new Violation(
                    "code",
                    "must be <region 6 digits>-<classification code 6 to 12 digits, first 1-3>"
                            + "-<sequence 5 digits>",
                    "FORMAT"));
            return;
        }
        String classCode = m.group(2);
        if (r.classificationCode() != null && !r.classificationCode().equals(classCode)) {
            v.add(new Violation(
                    "classificationCode",
                    "must equal the classification part of the code (" + classCode + ")",
                    "MISMATCH"));
        }
        ResourceClass expected =
                switch (classCode.charAt(0)) {
                    case '1' -> ResourceClass.BASE;
                    case '2' -> ResourceClass.THEMATIC;
                    default -> ResourceClass.DEPARTMENTAL;
                };
        if (r.classification() != null && r.classification() != expected) {
            v.add(new Violation(
                    "classification",
                    "must be " + expected + " for classification code " + classCode
                            + " (类 1 base, 2 thematic, 3 departmental)",
                    "MISMATCH"));
        }
    }

    private static void checkSharing(Resource r, List<Violation> v) {
        if (r.sharingMethod() == null || !METHODS.contains(r.sharingMethod())) {
            v.add(new Violation("sharing.method", "must be one of " + new java.util.TreeSet<>(METHODS), "ENUM"));
        }
        // 国发〔2016〕51号: conditional or not-shared classification needs a stated basis; a conditional one
        // also states its condition.
        if (r.sharingType() == SharingType.CONDITIONAL && blank(r.sharingCondition())) {
            v.add(new Violation("sharing.condition", "is required for conditional sharing", "CONDITION_REQUIRED"));
        }
        if (r.sharingType() != null && r.sharingType() != SharingType.UNCONDITIONAL && blank(r.sharingBasis())) {
            v.add(new Violation(
                    "sharing.basis",
                    "a legal or policy basis is required for " + r.sharingType() + " resources",
                    "BASIS_REQUIRED"));
        }
        max(v, "sharing.condition", r.sharingCondition(), 2000);
        max(v, "sharing.basis", r.sharingBasis(), 2000);
    }

    static void checkItems(List<InformationItem> items, List<Violation> v) {
        if (items.isEmpty()) {
            v.add(new Violation("items", "a resource needs at least one information item", "REQUIRED"));
        }
        Set<String> names = new HashSet<>();
        for (int k = 0; k < items.size(); k++) {
            InformationItem i = items.get(k);
            String f = "items[" + k + "]";
            if (i.name() == null || !ITEM_NAME.matcher(i.name()).matches()) {
                v.add(new Violation(
                        f + ".name", "must be a letter followed by up to 63 letters, digits or _", "FORMAT"));
            } else if (!names.add(i.name())) {
                v.add(new Violation(f + ".name", "duplicates another information item", "DUPLICATE"));
            }
            max(v, f + ".label", i.label(), 200);
            if (i.dataType() == null || !DATA_TYPES.contains(i.dataType())) {
                v.add(new Violation(f + ".dataType", "must be one of " + new java.util.TreeSet<>(DATA_TYPES), "ENUM"));
            }
            if (i.length() != null && i.length() <= 0) {
                v.add(new Violation(f + ".length", "must be positive", "RANGE"));
            }
            if (i.masking() != null && !MASKINGS.contains(i.masking())) {
                v.add(new Violation(f + ".masking", "must be one of " + new java.util.TreeSet<>(MASKINGS), "ENUM"));
            } else if (i.sensitive() && i.masking() == null) {
                v.add(new Violation(f + ".masking", "a sensitive item needs a masking rule", "MASKING_REQUIRED"));
            }
        }
    }

    private static void required(List<Violation> v, String field, String value, int max) {
        if (blank(value)) {
            v.add(new Violation(field, "is required", "REQUIRED"));
        } else {
            max(v, field, value, max);
        }
    }

    private static void max(List<Violation> v, String field, String value, int max) {
        if (value != null && value.length() > max) {
            v.add(new Violation(field, "must be at most " + max + " characters", "LENGTH"));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
