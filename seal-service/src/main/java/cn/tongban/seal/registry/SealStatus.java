package cn.tongban.seal.registry;

/** Registry status of a seal. REVOKED is final; SUSPENDED may be lifted (back to ACTIVE). */
public enum SealStatus {
    ACTIVE,
    SUSPENDED,
    REVOKED
}
