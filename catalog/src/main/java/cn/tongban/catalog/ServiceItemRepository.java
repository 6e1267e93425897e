package cn.tongban.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Service items and their retained proof lists. */
public class ServiceItemRepository {

    private final JdbcClient jdbc;

    public ServiceItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean addIfAbsent(ServiceItem item) {
        if (jdbc.sql("SELECT COUNT(*) FROM service_item WHERE code = ?")
                        .param(item.code())
                        .query(Long.class)
                        .single()
                > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO service_item (code, name, name_en, department_code, item_type) VALUES (?, ?, ?, ?, ?)")
                .params(item.code(), item.name(), item.nameEn(), item.departmentCode(), item.itemType())
                .update();
        insertProofs(item.code(), item.proofs());
        return true;
    }

    /** Inserts a retained list (its rows must not exist yet). */
    public void insertProofs(String serviceItemCode, List<RetainedProof> proofs) {
        int position = 0;
        for (RetainedProof p : proofs) {
            jdbc.sql("""
                    INSERT INTO retained_proof (service_item_code, code, position, name, use_text, legal_basis,
                        article, demanding_unit, issuing_unit, level, notify_commit_allowed,
                        notify_commit_exclusion_reason, satisfied_by, resource_code, licence_type_code, paper_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            serviceItemCode,
                            p.code(),
                            position++,
                            p.name(),
                            p.use(),
                            p.legalBasis(),
                            p.article(),
                            p.demandingUnit(),
                            p.issuingUnit(),
                            p.level(),
                            p.notifyCommitAllowed(),
                            p.notifyCommitExclusionReason(),
                            p.satisfiedBy(),
                            p.resourceCode(),
                            p.licenceTypeCode(),
                            p.paperReason())
                    .update();
            for (Map.Entry<String, String> m : p.fieldMapping().entrySet()) {
                jdbc.sql("INSERT INTO proof_field_mapping (service_item_code, proof_code, proof_field, item_name)"
                                + " VALUES (?, ?, ?, ?)")
                        .params(serviceItemCode, p.code(), m.getKey(), m.getValue())
                        .update();
            }
        }
    }

    /** The stored version of a service item (optimistic locking). */
    public java.util.Optional<Integer> version(String code) {
        return jdbc.sql("SELECT version FROM service_item WHERE code = ?")
                .param(code)
                .query(Integer.class)
                .optional();
    }

    /** Codes and names of all service items, in code order. */
    public List<ServiceItem> list() {
        return jdbc.sql("SELECT code FROM service_item ORDER BY code").query(String.class).list().stream()
                .map(c -> find(c).orElseThrow())
                .toList();
    }

    public Optional<ServiceItem> find(String code) {
        return jdbc.sql("SELECT code, name, name_en, department_code, item_type FROM service_item WHERE code = ?")
                .param(code)
                .query((rs, n) -> new ServiceItem(
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("name_en"),
                        rs.getString("department_code"),
                        rs.getString("item_type"),
                        proofs(code)))
                .optional();
    }

    private List<RetainedProof> proofs(String serviceItemCode) {
        Map<String, Map<String, String>> mappings = new LinkedHashMap<>();
        jdbc.sql("SELECT proof_code, proof_field, item_name FROM proof_field_mapping"
                        + " WHERE service_item_code = ? ORDER BY proof_code, proof_field")
                .param(serviceItemCode)
                .query(rs -> {
                    mappings.computeIfAbsent(rs.getString("proof_code"), k -> new LinkedHashMap<>())
                            .put(rs.getString("proof_field"), rs.getString("item_name"));
                });
        return jdbc.sql("""
                SELECT code, name, use_text, legal_basis, article, demanding_unit, issuing_unit, level,
                       notify_commit_allowed, notify_commit_exclusion_reason, satisfied_by, resource_code,
                       licence_type_code, paper_reason
                  FROM retained_proof WHERE service_item_code = ? ORDER BY position""")
                .param(serviceItemCode)
                .query((rs, n) -> new RetainedProof(
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("use_text"),
                        rs.getString("legal_basis"),
                        rs.getString("article"),
                        rs.getString("demanding_unit"),
                        rs.getString("issuing_unit"),
                        rs.getString("level"),
                        rs.getBoolean("notify_commit_allowed"),
                        rs.getString("notify_commit_exclusion_reason"),
                        rs.getString("satisfied_by"),
                        rs.getString("resource_code"),
                        mappings.get(rs.getString("code")),
                        rs.getString("licence_type_code"),
                        rs.getString("paper_reason")))
                .list();
    }
}
