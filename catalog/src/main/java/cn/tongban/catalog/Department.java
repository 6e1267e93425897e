package cn.tongban.catalog;

import java.util.Objects;

/** A government department, keyed by its unified social credit code (GB 32100-2015). */
public record Department(String code, String name, String nameEn, String region) {
    public Department {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
