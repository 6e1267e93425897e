package cn.tongban.catalog;

import java.util.List;

/** A government service item (政务服务事项) with its retained proofs. */
public record ServiceItem(
        String code, String name, String nameEn, String departmentCode, String itemType, List<RetainedProof> proofs) {
    public ServiceItem {
        proofs = List.copyOf(proofs);
    }
}
