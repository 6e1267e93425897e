package cn.tongban.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * A data resource in the catalogue, with the metadata of the 2017 compilation guide (STANDARDS §4).
 * {@code endpointPath} is the path template the exchange calls on the provider system.
 */
public record Resource(String code, int version, String name, String providerCode, String providerName,
                       String providerSystem, ResourceClass classification, String classificationCode,
                       String abstractText, String format, String subjectType, SharingType sharingType,
                       String sharingCondition, String sharingBasis, String sharingMethod, boolean openToPublic,
                       String updateCycle, LocalDate publishDate, String endpointPath,
                       List<InformationItem> items) {
    public Resource {
        items = List.copyOf(items);
    }
}
