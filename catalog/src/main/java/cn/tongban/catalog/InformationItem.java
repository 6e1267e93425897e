package cn.tongban.catalog;

/** An information item (信息项) of a resource: one field of the provider's answer. */
public record InformationItem(
        String name,
        String label,
        String dataType,
        Integer length,
        boolean required,
        boolean sensitive,
        String masking) {}
