package cn.tongban.catalog;

/**
 * Search criteria; null means "any". {@code text}: every word must occur in the code, name or abstract
 * (case-insensitive substring, full text over name and abstract); {@code codePrefix}: codes starting so;
 * {@code name}: substring of the name.
 */
public record ResourceQuery(
        String text,
        String codePrefix,
        String name,
        String providerCode,
        SharingType sharingType,
        ResourceStatus status,
        ResourceClass classification) {

    public static ResourceQuery of(String text, String providerCode, SharingType sharingType) {
        return new ResourceQuery(text, null, null, providerCode, sharingType, null, null);
    }

    public ResourceQuery withStatus(ResourceStatus newStatus) {
        return new ResourceQuery(text, codePrefix, name, providerCode, sharingType, newStatus, classification);
    }
}
