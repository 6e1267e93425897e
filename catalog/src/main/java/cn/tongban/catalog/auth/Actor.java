package cn.tongban.catalog.auth;

/**
 * Who acts: a person's user name (or a system id), the department the person belongs to (null if unknown),
 * and whether the person is a data administrator (who may revoke any authorisation).
 */
public record Actor(String name, String departmentCode, boolean dataAdmin) {}
