package cn.tongban.catalog.id;

/** The kinds of identifier the exchange checks. Shared by catalog and license-verify. */
public enum IdentifierType {
    /** 统一社会信用代码, GB 32100-2015. */
    UNIFIED_SOCIAL_CREDIT_CODE,
    /** 组织机构代码, GB 11714-1997. */
    ORGANIZATION_CODE,
    /** 公民身份号码, GB 11643-1999. */
    RESIDENT_ID_NUMBER,
    /** 电子证照标识, GB/T 36904-2018. */
    LICENCE_IDENTIFIER
}
