package cn.tongban.catalog;

/** Lifecycle of a catalogue resource: draft → published → retired. Only published resources are shared. */
public enum ResourceStatus {
    DRAFT,
    PUBLISHED,
    RETIRED
}
