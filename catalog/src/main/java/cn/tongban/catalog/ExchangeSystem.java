package cn.tongban.catalog;

import java.util.Objects;

/** A system a department runs and registers with the platform; it authenticates with a client certificate. */
public record ExchangeSystem(String id, String name, String departmentCode, SystemKind kind) {
    public ExchangeSystem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(departmentCode, "departmentCode");
        Objects.requireNonNull(kind, "kind");
    }
}
