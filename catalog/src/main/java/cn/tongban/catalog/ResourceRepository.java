package cn.tongban.catalog;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Resources and their information items. */
public class ResourceRepository {

    private static final String COLUMNS = """
            r.code, r.version, r.name, r.provider_code, d.name AS provider_name, r.provider_system,
            r.classification, r.classification_code, r.abstract_text, r.format, r.subject_type, r.sharing_type,
            r.sharing_condition, r.sharing_basis, r.sharing_method, r.open_to_public, r.update_cycle,
            r.publish_date, r.endpoint_path, r.open_condition, r.related_codes, r.status, r.updated_at,
            r.updated_by""";
    /** What full-text search matches, stored: lower-cased code, name and abstract. */
    public static String searchText(Resource r) {
        return (r.code() + " " + (r.name() == null ? "" : r.name()) + " "
                + (r.abstractText() == null ? "" : r.abstractText())).toLowerCase(Locale.ROOT);
    }

    private final JdbcClient jdbc;

    public ResourceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a resource with its items unless the code exists; returns true if inserted. */
    public boolean addIfAbsent(Resource r) {
        if (jdbc.sql("SELECT COUNT(*) FROM resource WHERE code = ?").param(r.code()).query(Long.class).single() > 0) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO resource (code, version, name, provider_code, provider_system, classification,
                    classification_code, abstract_text, format, subject_type, sharing_type, sharing_condition,
                    sharing_basis, sharing_method, open_to_public, update_cycle, publish_date, endpoint_path,
                    open_condition, related_codes, status, updated_by, search_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.code(), r.version(), r.name(), r.providerCode(), r.providerSystem(),
                        r.classification().name(), r.classificationCode(), r.abstractText(), r.format(),
                        r.subjectType(), r.sharingType().name(), r.sharingCondition(), r.sharingBasis(),
                        r.sharingMethod(), r.openToPublic(), r.updateCycle(),
                        r.publishDate() == null ? null : Date.valueOf(r.publishDate()), r.endpointPath(),
                        r.openCondition(), joinCodes(r.relatedCodes()), r.status().name(), r.updatedBy(),
                        searchText(r))
                .update();
        int position = 0;
        for (InformationItem i : r.items()) {
            jdbc.sql("""
                    INSERT INTO information_item (resource_code, position, name, label, data_type, length,
                        required, sensitive, masking) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(r.code(), position++, i.name(), i.label(), i.dataType(), i.length(), i.required(),
                            i.sensitive(), i.masking())
                    .update();
        }
        return true;
    }

    public Optional<Resource> find(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM resource r JOIN department d ON d.code = r.provider_code"
                        + " WHERE r.code = ?")
                .param(code)
                .query((rs, n) -> resource(rs, items(rs.getString("code"))))
                .optional();
    }

    /**
     * Searches by words (each must occur in code, name or abstract, case-insensitive), provider and sharing type.
     * Returned resources carry no items; fetch one with {@link #find(String)} for those.
     */
    public Page<Resource> search(String text, String providerCode, SharingType sharingType, int page, int size) {
        return search(ResourceQuery.of(text, providerCode, sharingType), page, size);
    }

    /** Searches in code order; returned resources carry no items. */
    public Page<Resource> search(ResourceQuery q, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.text() != null && !q.text().isBlank()) {
            for (String word : q.text().trim().toLowerCase(Locale.ROOT).split("\\s+")) {
                // r.search_text: trigram-indexed on PostgreSQL (db/vendor/postgresql), scanned on H2.
                where.append(" AND r.search_text LIKE ? ESCAPE '\\'");
                params.add("%" + escapeLike(word) + "%");
            }
        }
        if (q.codePrefix() != null && !q.codePrefix().isBlank()) {
            where.append(" AND r.code LIKE ? ESCAPE '\\'");
            params.add(escapeLike(q.codePrefix().trim()) + "%");
        }
        if (q.name() != null && !q.name().isBlank()) {
            where.append(" AND LOWER(r.name) LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(q.name().trim().toLowerCase(Locale.ROOT)) + "%");
        }
        if (q.providerCode() != null && !q.providerCode().isBlank()) {
            where.append(" AND r.provider_code = ?");
            params.add(q.providerCode());
        }
        if (q.sharingType() != null) {
            where.append(" AND r.sharing_type = ?");
            params.add(q.sharingType().name());
        }
        if (q.status() != null) {
            where.append(" AND r.status = ?");
            params.add(q.status().name());
        }
        if (q.classification() != null) {
            where.append(" AND r.classification = ?");
            params.add(q.classification().name());
        }
        // The provider's name per returned row only, so the plan is driven by resource's indexes.
        String from = " FROM resource r";
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Resource> items = jdbc.sql("SELECT " + COLUMNS.replace("d.name AS provider_name",
                        "(SELECT d.name FROM department d WHERE d.code = r.provider_code) AS provider_name")
                        + from + where + " ORDER BY r.code LIMIT ? OFFSET ?")
                .params(pageParams)
                .query((rs, n) -> resource(rs, List.of()))
                .list();
        long total;
        if (page == 0 && items.size() < size) {
            total = items.size();   // the whole result is on this page: no need to count
        } else {
            total = jdbc.sql("SELECT COUNT(*) FROM resource r" + where).params(params).query(Long.class).single();
        }
        return new Page<>(items, page, size, total);
    }

    /** Whether a resource with this code exists (any status). */
    public boolean exists(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM resource WHERE code = ?").param(code).query(Long.class).single() > 0;
    }

    public List<InformationItem> items(String code) {
        return jdbc.sql("""
                SELECT name, label, data_type, length, required, sensitive, masking
                  FROM information_item WHERE resource_code = ? ORDER BY position""")
                .param(code)
                .query((rs, n) -> new InformationItem(rs.getString("name"), rs.getString("label"),
                        rs.getString("data_type"), (Integer) rs.getObject("length"), rs.getBoolean("required"),
                        rs.getBoolean("sensitive"), rs.getString("masking")))
                .list();
    }

    static Resource resource(ResultSet rs, List<InformationItem> items) throws SQLException {
        Date published = rs.getDate("publish_date");
        return new Resource(rs.getString("code"), rs.getInt("version"), rs.getString("name"),
                rs.getString("provider_code"), rs.getString("provider_name"), rs.getString("provider_system"),
                ResourceClass.valueOf(rs.getString("classification")), rs.getString("classification_code"),
                rs.getString("abstract_text"), rs.getString("format"), rs.getString("subject_type"),
                SharingType.valueOf(rs.getString("sharing_type")), rs.getString("sharing_condition"),
                rs.getString("sharing_basis"), rs.getString("sharing_method"), rs.getBoolean("open_to_public"),
                rs.getString("update_cycle"), published == null ? null : published.toLocalDate(),
                rs.getString("endpoint_path"), items, rs.getString("open_condition"),
                splitCodes(rs.getString("related_codes")), ResourceStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("updated_at") == null ? null : rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }

    /** Codes stored as one column, separated by ';'. */
    public static List<String> splitCodes(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(joined.split(";")).map(String::strip).filter(c -> !c.isEmpty()).toList();
    }

    public static String joinCodes(List<String> codes) {
        return codes.isEmpty() ? null : String.join(";", codes);
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
