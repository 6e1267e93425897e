package cn.tongban.catalog.admin;

/** One violated rule on one field, e.g. {@code items[2].masking}; {@code code} is stable and machine-readable. */
public record Violation(String field, String message, String code) {}
