package cn.tongban.seal.codec;

import java.time.Instant;

/**
 * SES_ESPropertyInfo. For v1 (GM/T 0031-2014), which has no certListType field, {@code certListType} is 1
 * because the v1 certList is a list of certificates.
 */
public record SealProperty(
        int type,
        String name,
        int certListType,
        CertList certList,
        Instant createDate,
        Instant validStart,
        Instant validEnd) {}
