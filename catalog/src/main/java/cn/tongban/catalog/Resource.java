package cn.tongban.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A data resource in the catalogue, with the metadata of the 2017 compilation guide (docs/STANDARDS.md §4).
 * {@code endpointPath} is the path template the exchange calls on the provider system. {@code version} counts
 * changes: every administrative change makes a new version and keeps the old one in the history.
 */
public record Resource(
        String code,
        int version,
        String name,
        String providerCode,
        String providerName,
        String providerSystem,
        ResourceClass classification,
        String classificationCode,
        String abstractText,
        String format,
        String subjectType,
        SharingType sharingType,
        String sharingCondition,
        String sharingBasis,
        String sharingMethod,
        boolean openToPublic,
        String updateCycle,
        LocalDate publishDate,
        String endpointPath,
        List<InformationItem> items,
        String openCondition,
        List<String> relatedCodes,
        ResourceStatus status,
        Instant updatedAt,
        String updatedBy) {
    public Resource {
        items = List.copyOf(items);
        relatedCodes = relatedCodes == null ? List.of() : List.copyOf(relatedCodes);
        status = status == null ? ResourceStatus.DRAFT : status;
    }

    /** A published resource without the lifecycle attributes (as the demo dataset and older code build one). */
    public Resource(
            String code,
            int version,
            String name,
            String providerCode,
            String providerName,
            String providerSystem,
            ResourceClass classification,
            String classificationCode,
            String abstractText,
            String format,
            String subjectType,
            SharingType sharingType,
            String sharingCondition,
            String sharingBasis,
            String sharingMethod,
            boolean openToPublic,
            String updateCycle,
            LocalDate publishDate,
            String endpointPath,
            List<InformationItem> items) {
        this(
                code,
                version,
                name,
                providerCode,
                providerName,
                providerSystem,
                classification,
                classificationCode,
                abstractText,
                format,
                subjectType,
                sharingType,
                sharingCondition,
                sharingBasis,
                sharingMethod,
                openToPublic,
                updateCycle,
                publishDate,
                endpointPath,
                items,
                null,
                List.of(),
                ResourceStatus.PUBLISHED,
                null,
                null);
    }

    public Resource withLifecycle(int newVersion, ResourceStatus newStatus, Instant at, String by) {
        return new Resource(
                code,
                newVersion,
                name,
                providerCode,
                providerName,
                providerSystem,
                classification,
                classificationCode,
                abstractText,
                format,
                subjectType,
                sharingType,
                sharingCondition,
                sharingBasis,
                sharingMethod,
                openToPublic,
                updateCycle,
                publishDate,
                endpointPath,
                items,
                openCondition,
                relatedCodes,
                newStatus,
                at,
                by);
    }

    public Resource withProviderName(String newProviderName) {
        return new Resource(
                code,
                version,
                name,
                providerCode,
                newProviderName,
                providerSystem,
                classification,
                classificationCode,
                abstractText,
                format,
                subjectType,
                sharingType,
                sharingCondition,
                sharingBasis,
                sharingMethod,
                openToPublic,
                updateCycle,
                publishDate,
                endpointPath,
                items,
                openCondition,
                relatedCodes,
                status,
                updatedAt,
                updatedBy);
    }

    /** The information item of this name, or null. */
    public InformationItem item(String itemName) {
        return items.stream().filter(i -> i.name().equals(itemName)).findFirst().orElse(null);
    }

    /**
     * The classification code split into the guide's levels: 类 (1 digit), 项 (2), 目 (3), 细目 (the rest);
     * levels absent from a short code are null.
     */
    public ClassificationLevels classificationLevels() {
        return ClassificationLevels.of(classificationCode);
    }

    /** 类 / 项 / 目 / 细目 of a classification code (docs/STANDARDS.md §4). */
    public record ClassificationLevels(String category, String item, String subItem, String detail) {
        public static ClassificationLevels of(String code) {
            if (code == null || code.isEmpty()) {
                return new ClassificationLevels(null, null, null, null);
            }
            return new ClassificationLevels(
                    part(code, 0, 1), part(code, 1, 3), part(code, 3, 6), code.length() > 6 ? code.substring(6) : null);
        }

        private static String part(String code, int from, int to) {
            return code.length() >= to ? code.substring(from, to) : null;
        }
    }
}
