package cn.tongban.catalog;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.catalog.search.SearchIndex;

/** Resources and their information items. */
public class ResourceRepository {

    private static final String COLUMNS = """
            r.code, r.version, r.name, r.provider_code, d.name AS provider_name, r.provider_system,
            r.classification, r.classification_code, r.abstract_text, r.format, r.subject_type, r.sharing_type,
            r.sharing_condition, r.sharing_basis, r.sharing_method, r.open_to_public, r.update_cycle,
            r.publish_date, r.endpoint_path, r.open_condition, r.related_codes, r.status, r.updated_at,
            r.updated_by, r.items""";
    /** What full-text search matches, stored: lower-cased code, name and abstract. */
    public static String searchText(Resource r) {
        return (r.code() + " " + (r.name() == null ? "" : r.name()) + " "
                        + (r.abstractText() == null ? "" : r.abstractText()))
                .toLowerCase(Locale.ROOT);
    }

    private final JdbcClient jdbc;
    private final SearchIndex index;

    public ResourceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.index = new SearchIndex(jdbc);
    }

    /** Inserts a resource with its items unless the code exists; returns true if inserted. */
    public boolean addIfAbsent(Resource r) {
        if (jdbc.sql("SELECT COUNT(*) FROM resource WHERE code = ?")
                        .param(r.code())
                        .query(Long.class)
                        .single()
                > 0) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO resource (code, version, name, provider_code, provider_system, classification,
                    classification_code, abstract_text, format, subject_type, sharing_type, sharing_condition,
                    sharing_basis, sharing_method, open_to_public, update_cycle, publish_date, endpoint_path,
                    open_condition, related_codes, status, updated_by, search_text, items)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        r.code(),
                        r.version(),
                        r.name(),
                        r.providerCode(),
                        r.providerSystem(),
                        r.classification().name(),
                        r.classificationCode(),
                        r.abstractText(),
                        r.format(),
                        r.subjectType(),
                        r.sharingType().name(),
                        r.sharingCondition(),
                        r.sharingBasis(),
                        r.sharingMethod(),
                        r.openToPublic(),
                        r.updateCycle(),
                        r.publishDate() == null ? null : Date.valueOf(r.publishDate()),
                        r.endpointPath(),
                        r.openCondition(),
                        joinCodes(r.relatedCodes()),
                        r.status().name(),
                        r.updatedBy(),
                        searchText(r),
                        ItemsColumn.write(r.items()))
                .update();
        index.touched(List.of(r.code()));
        return true;
    }

    public Optional<Resource> find(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM resource r JOIN department d ON d.code = r.provider_code"
                        + " WHERE r.code = ?")
                .param(code)
                .query((rs, n) -> resource(rs, ItemsColumn.read(rs.getString("items"))))
                .optional();
    }

    /**
     * Searches by words (each must occur in code, name or abstract, case-insensitive), provider and sharing type.
     * Returned resources carry no items; fetch one with {@link #find(String)} for those.
     */
    public Page<Resource> search(String text, String providerCode, SharingType sharingType, int page, int size) {
        return search(ResourceQuery.of(text, providerCode, sharingType), page, size);
    }

    /**
     * Searches in code order; returned resources carry no items. Matching runs on the in-memory
     * {@link SearchIndex} (fresh as of this call, see there); the page's rows are then read by primary key.
     */
    public Page<Resource> search(ResourceQuery q, int page, int size) {
        List<String> codes = index.search(q);
        int from = (int) Math.min((long) page * size, codes.size());
        List<String> pageCodes = codes.subList(from, Math.min(codes.size(), from + size));
        List<Resource> items = new ArrayList<>(pageCodes.size());
        if (!pageCodes.isEmpty()) {
            Map<String, Resource> rows = new HashMap<>();
            jdbc.sql("SELECT "
                            + COLUMNS.replace(
                                            "d.name AS provider_name",
                                            "(SELECT d.name FROM department d WHERE d.code = r.provider_code) AS provider_name")
                                    .replace(", r.items", "")
                            + " FROM resource r WHERE r.code IN ("
                            + String.join(",", Collections.nCopies(pageCodes.size(), "?")) + ")")
                    .params(new ArrayList<Object>(pageCodes))
                    .query((rs, n) -> resource(rs, List.of()))
                    .list()
                    .forEach(r -> rows.put(r.code(), r));
            for (String code : pageCodes) {
                Resource r = rows.get(code);
                if (r != null) { // gone since the index looked: a retired row is kept, so only by a delete
                    items.add(r);
                }
            }
        }
        return new Page<>(items, page, size, codes.size());
    }

    /** Tells the search index that these resources were just written by this process. */
    public void touched(java.util.Collection<String> codes) {
        index.touched(codes);
    }

    /** Whether a resource with this code exists (any status). */
    public boolean exists(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM resource WHERE code = ?")
                        .param(code)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public List<InformationItem> items(String code) {
        return jdbc.sql("SELECT items FROM resource WHERE code = ?")
                .param(code)
                .query(String.class)
                .optional()
                .map(ItemsColumn::read)
                .orElse(List.of());
    }

    static Resource resource(ResultSet rs, List<InformationItem> items) throws SQLException {
        Date published = rs.getDate("publish_date");
        return new Resource(
                rs.getString("code"),
                rs.getInt("version"),
                rs.getString("name"),
                rs.getString("provider_code"),
                rs.getString("provider_name"),
                rs.getString("provider_system"),
                ResourceClass.valueOf(rs.getString("classification")),
                rs.getString("classification_code"),
                rs.getString("abstract_text"),
                rs.getString("format"),
                rs.getString("subject_type"),
                SharingType.valueOf(rs.getString("sharing_type")),
                rs.getString("sharing_condition"),
                rs.getString("sharing_basis"),
                rs.getString("sharing_method"),
                rs.getBoolean("open_to_public"),
                rs.getString("update_cycle"),
                published == null ? null : published.toLocalDate(),
                rs.getString("endpoint_path"),
                items,
                rs.getString("open_condition"),
                splitCodes(rs.getString("related_codes")),
                ResourceStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("updated_at") == null
                        ? null
                        : rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }

    /** Codes stored as one column, separated by ';'. */
    public static List<String> splitCodes(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(joined.split(";"))
                .map(String::strip)
                .filter(c -> !c.isEmpty())
                .toList();
    }

    public static String joinCodes(List<String> codes) {
        return codes.isEmpty() ? null : String.join(";", codes);
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
