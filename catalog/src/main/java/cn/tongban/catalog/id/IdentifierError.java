package cn.tongban.catalog.id;

/**
 * Stable error codes of an {@link IdentifierCheck}. The name of the constant is the wire value
 * ({@link IdentifierCheck#errorCode()}); never rename one.
 */
public enum IdentifierError {
    /** Null or blank input. */
    EMPTY,
    /** Wrong number of characters. */
    LENGTH,
    /** A character outside the identifier's alphabet, or in a position where it is not allowed. */
    CHARACTER,
    /** The check character does not match the one computed from the other characters. */
    CHECK_CHARACTER,
    /** Resident ID number: the birth date is not a calendar date or lies in the future. */
    BIRTH_DATE,
    /** Unified social credit code, strict mode: the embedded organisation code fails GB 11714. */
    ORGANIZATION_CODE,
    /** Structure is wrong (segments, root, separators). */
    FORMAT
}
