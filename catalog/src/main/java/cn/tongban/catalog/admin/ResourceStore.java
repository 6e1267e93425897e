package cn.tongban.catalog.admin;

import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.catalog.ItemsColumn;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.io.ResourceJson;

/**
 * Writes resources: batched inserts, versioned updates that keep the superseded version in
 * {@code resource_history}, and the history queries. Callers run it inside a transaction.
 */
public class ResourceStore {

    private static final List<String> RESOURCE_COLUMNS = List.of(
            "code",
            "version",
            "name",
            "provider_code",
            "provider_system",
            "classification",
            "classification_code",
            "abstract_text",
            "format",
            "subject_type",
            "sharing_type",
            "sharing_condition",
            "sharing_basis",
            "sharing_method",
            "open_to_public",
            "update_cycle",
            "publish_date",
            "endpoint_path",
            "open_condition",
            "related_codes",
            "status",
            "updated_at",
            "updated_by",
            "search_text",
            "items");
    private static final int V = Types.VARCHAR;
    private static final int[] RESOURCE_TYPES = {
        V,
        Types.INTEGER,
        V,
        V,
        V,
        V,
        V,
        V,
        V,
        V,
        V,
        V,
        V,
        V,
        Types.BOOLEAN,
        V,
        Types.DATE,
        V,
        V,
        V,
        V,
        Types.TIMESTAMP,
        V,
        V,
        Types.CLOB
    };

    /** One version of a resource as it was during [validFrom, validTo); validTo null for the current one. */
    public record Version(int version, ResourceStatus status, Instant validFrom, Instant validTo, String changedBy) {}

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final ResourceRepository reads;

    public ResourceStore(JdbcTemplate template, ResourceRepository reads) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.reads = reads;
    }

    /** Inserts new resources (codes must not exist) with their items (BulkInsert: COPY on PostgreSQL). */
    public void insertAll(List<Resource> resources) {
        // JSON of the items and search text per row, on all cores for a large import (pure functions)
        List<Object[]> rows = (resources.size() >= CatalogueAdmin.PARALLEL_FROM
                        ? resources.parallelStream()
                        : resources.stream())
                .map(ResourceStore::row)
                .toList();
        BulkInsert.insert(template, "resource", RESOURCE_COLUMNS, RESOURCE_TYPES, rows);
        reads.touched(resources.stream().map(Resource::code).toList());
    }

    /**
     * Replaces the stored resource by {@code next} (whose version is the new one), provided the stored version
     * is still {@code expectedVersion}; the stored version goes to the history, valid until {@code at}.
     */
    public void replace(Resource current, Resource next, int expectedVersion) {
        int updated = jdbc.sql("""
                UPDATE resource SET version = ?, name = ?, provider_code = ?, provider_system = ?,
                    classification = ?, classification_code = ?, abstract_text = ?, format = ?, subject_type = ?,
                    sharing_type = ?, sharing_condition = ?, sharing_basis = ?, sharing_method = ?,
                    open_to_public = ?, update_cycle = ?, publish_date = ?, endpoint_path = ?, open_condition = ?,
                    related_codes = ?, status = ?, updated_at = ?, updated_by = ?, search_text = ?, items = ?
                 WHERE code = ? AND version = ?""")
                .params(
                        next.version(),
                        next.name(),
                        next.providerCode(),
                        next.providerSystem(),
                        next.classification().name(),
                        next.classificationCode(),
                        next.abstractText(),
                        next.format(),
                        next.subjectType(),
                        next.sharingType().name(),
                        next.sharingCondition(),
                        next.sharingBasis(),
                        next.sharingMethod(),
                        next.openToPublic(),
                        next.updateCycle(),
                        date(next),
                        next.endpointPath(),
                        next.openCondition(),
                        ResourceRepository.joinCodes(next.relatedCodes()),
                        next.status().name(),
                        Timestamp.from(next.updatedAt()),
                        next.updatedBy(),
                        ResourceRepository.searchText(next),
                        ItemsColumn.write(next.items()),
                        next.code(),
                        expectedVersion)
                .update();
        if (updated == 0) {
            int actual = currentVersion(next.code())
                    .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.RESOURCE, next.code()));
            throw new StaleVersionException("Resource " + next.code(), expectedVersion, actual);
        }
        reads.touched(List.of(next.code()));
        jdbc.sql("INSERT INTO resource_history (code, version, status, valid_from, valid_to, changed_by, snapshot)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        current.code(),
                        current.version(),
                        current.status().name(),
                        Timestamp.from(current.updatedAt()),
                        Timestamp.from(next.updatedAt()),
                        current.updatedBy(),
                        snapshot(current))
                .update();
    }

    public Optional<Integer> currentVersion(String code) {
        return jdbc.sql("SELECT version FROM resource WHERE code = ?")
                .param(code)
                .query(Integer.class)
                .optional();
    }

    /** Of the given codes, those already in the catalogue. */
    public Set<String> existing(Collection<String> codes) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(codes);
        for (int from = 0; from < all.size(); from += 10_000) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 10_000));
            // One statement per 10,000 codes: "= ANY (array)" keeps the statement text (and plan) the same
            // whatever the count, where IN (?, ?, ...) of 500 was 20 statements per chunk, each re-planned.
            found.addAll(template.execute((ConnectionCallback<List<String>>) con -> {
                Array array = con.createArrayOf("VARCHAR", chunk.toArray());
                try (PreparedStatement ps = con.prepareStatement("SELECT code FROM resource WHERE code = ANY (?)")) {
                    ps.setArray(1, array);
                    List<String> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                } finally {
                    array.free();
                }
            }));
        }
        return found;
    }

    /** Every version of the resource, oldest first, the current one last. */
    public List<Version> versions(String code) {
        Resource current =
                reads.find(code).orElseThrow(() -> new NotFoundException(NotFoundException.Kind.RESOURCE, code));
        List<Version> out = new ArrayList<>(jdbc.sql("SELECT version, status, valid_from, valid_to, changed_by"
                        + " FROM resource_history WHERE code = ? ORDER BY version")
                .param(code)
                .query((rs, n) -> new Version(
                        rs.getInt("version"),
                        ResourceStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("valid_from").toInstant(),
                        rs.getTimestamp("valid_to").toInstant(),
                        rs.getString("changed_by")))
                .list());
        out.add(new Version(current.version(), current.status(), current.updatedAt(), null, current.updatedBy()));
        return out;
    }

    /** One stored version of the resource. */
    public Optional<Resource> version(String code, int version) {
        Optional<Resource> current = reads.find(code);
        if (current.isPresent() && current.get().version() == version) {
            return current;
        }
        return jdbc.sql("SELECT snapshot FROM resource_history WHERE code = ? AND version = ?")
                .params(code, version)
                .query(String.class)
                .optional()
                .map(ResourceStore::fromSnapshot);
    }

    /** The resource as it was at {@code at}: empty if it did not exist yet. */
    public Optional<Resource> asOf(String code, Instant at) {
        Optional<Resource> current = reads.find(code);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (!current.get().updatedAt().isAfter(at)) {
            return current;
        }
        return jdbc.sql("SELECT snapshot FROM resource_history WHERE code = ? AND valid_from <= ? AND valid_to > ?")
                .params(code, Timestamp.from(at), Timestamp.from(at))
                .query(String.class)
                .optional()
                .map(ResourceStore::fromSnapshot);
    }

    private static Object[] row(Resource r) {
        return new Object[] {
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
            date(r),
            r.endpointPath(),
            r.openCondition(),
            ResourceRepository.joinCodes(r.relatedCodes()),
            r.status().name(),
            Timestamp.from(r.updatedAt()),
            r.updatedBy(),
            ResourceRepository.searchText(r),
            ItemsColumn.write(r.items())
        };
    }

    private static Date date(Resource r) {
        return r.publishDate() == null ? null : Date.valueOf(r.publishDate());
    }

    static String snapshot(Resource r) {
        try {
            return ResourceJson.MAPPER.writeValueAsString(ResourceJson.write(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the snapshot of " + r.code(), e);
        }
    }

    static Resource fromSnapshot(String json) {
        try {
            return ResourceJson.read(ResourceJson.MAPPER.readTree(json)).resource();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable resource snapshot", e);
        }
    }
}
