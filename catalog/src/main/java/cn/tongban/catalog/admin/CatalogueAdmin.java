package cn.tongban.catalog.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ResourceStatus;

/**
 * The data administrator's operations on resources: create (as a draft), change, publish, retire and bulk
 * import. Every change is validated in full, checked against the version the editor read (optimistic
 * locking), kept in the history as a new version and recorded in the change log with who and when.
 */
public class CatalogueAdmin {

    public static final String ENTITY = "RESOURCE";

    private final ResourceRepository reads;
    private final ResourceStore store;
    private final ChangeLog changes;
    private final ResourceValidator validator;
    private final TransactionOperations tx;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    public CatalogueAdmin(
            JdbcTemplate template,
            ResourceRepository reads,
            ChangeLog changes,
            ResourceValidator validator,
            TransactionOperations tx,
            Clock clock,
            ZoneId zone) {
        this.reads = reads;
        this.store = new ResourceStore(template, reads);
        this.changes = changes;
        this.validator = validator;
        this.tx = tx;
        this.jdbc = JdbcClient.create(template);
        this.clock = clock;
        this.zone = zone;
    }

    public ResourceStore store() {
        return store;
    }

    /** Adds a resource as a draft, version 1. */
    public Resource create(Resource draft, String actor) {
        return create(draft, List.of(), actor);
    }

    /** As {@link #create(Resource, String)}, reporting {@code readErrors} (values that could not be read) too. */
    public Resource create(Resource draft, List<Violation> readErrors, String actor) {
        return tx.execute(status -> {
            List<Violation> v = new ArrayList<>(readErrors);
            v.addAll(validator.validate(draft, new CatalogueLookups(jdbc, Set.of())));
            if (draft.code() != null && reads.exists(draft.code())) {
                v.add(0, new Violation("code", "is already in the catalogue", "DUPLICATE_CODE"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            Instant now = clock.instant();
            Resource r = draft.withLifecycle(1, ResourceStatus.DRAFT, now, actor);
            store.insertAll(List.of(r));
            changes.record(now, actor, ENTITY, r.code(), "CREATE", 1, r.name());
            return reads.find(r.code()).orElseThrow();
        });
    }

    /**
     * Changes a resource the editor read at {@code expectedVersion}. A change to a published resource is a
     * new version of it (still published); the previous version stays queryable in the history.
     */
    public Resource update(String code, int expectedVersion, Resource changed, String actor) {
        return update(code, expectedVersion, changed, List.of(), actor);
    }

    /** As {@link #update(String, int, Resource, String)}, reporting {@code readErrors} too. */
    public Resource update(
            String code, int expectedVersion, Resource changed, List<Violation> readErrors, String actor) {
        return tx.execute(status -> {
            Resource current = current(code, expectedVersion);
            if (current.status() == ResourceStatus.RETIRED) {
                throw new ConflictException("RESOURCE_RETIRED", "Resource " + code + " is retired and cannot change");
            }
            List<Violation> v = new ArrayList<>(readErrors);
            v.addAll(validator.validate(changed, new CatalogueLookups(jdbc, Set.of())));
            if (changed.code() != null && !changed.code().equals(code)) {
                v.add(0, new Violation("code", "cannot change (it is the resource's identity)", "IMMUTABLE"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            return write(current, changed, current.status(), "UPDATE", actor);
        });
    }

    /** Draft → published: consumers can see and apply for it from now on. */
    public Resource publish(String code, int expectedVersion, String actor) {
        return transition(code, expectedVersion, ResourceStatus.DRAFT, ResourceStatus.PUBLISHED, "PUBLISH", actor);
    }

    /** Published → retired: no new authorisations, pulls are refused. */
    public Resource retire(String code, int expectedVersion, String actor) {
        return transition(code, expectedVersion, ResourceStatus.PUBLISHED, ResourceStatus.RETIRED, "RETIRE", actor);
    }

    private Resource transition(
            String code, int expectedVersion, ResourceStatus from, ResourceStatus to, String action, String actor) {
        return tx.execute(status -> {
            Resource current = current(code, expectedVersion);
            if (current.status() != from) {
                throw new ConflictException(
                        "INVALID_STATE",
                        "Resource " + code + " is " + current.status() + "; only a " + from + " resource can be " + to);
            }
            Resource next = current;
            if (to == ResourceStatus.PUBLISHED && current.publishDate() == null) {
                next = withPublishDate(current, LocalDate.ofInstant(clock.instant(), zone));
            }
            return write(current, next, to, action, actor);
        });
    }

    private Resource current(String code, int expectedVersion) {
        Resource current =
                reads.find(code).orElseThrow(() -> new NotFoundException(NotFoundException.Kind.RESOURCE, code));
        if (current.version() != expectedVersion) {
            throw new StaleVersionException("Resource " + code, expectedVersion, current.version());
        }
        return current;
    }

    private Resource write(Resource current, Resource changed, ResourceStatus status, String action, String actor) {
        Instant now = clock.instant();
        if (!now.isAfter(current.updatedAt())) {
            now = current.updatedAt().plusNanos(1000); // history intervals never overlap, even within a tick
        }
        Resource next = new Resource(
                current.code(),
                current.version() + 1,
                changed.name(),
                changed.providerCode(),
                null,
                changed.providerSystem(),
                changed.classification(),
                changed.classificationCode(),
                changed.abstractText(),
                changed.format(),
                changed.subjectType(),
                changed.sharingType(),
                changed.sharingCondition(),
                changed.sharingBasis(),
                changed.sharingMethod(),
                changed.openToPublic(),
                changed.updateCycle(),
                changed.publishDate(),
                changed.endpointPath(),
                changed.items(),
                changed.openCondition(),
                changed.relatedCodes(),
                status,
                now,
                actor);
        store.replace(current, next, current.version());
        changes.record(now, actor, ENTITY, current.code(), action, next.version(), null);
        return reads.find(current.code()).orElseThrow();
    }

    private static Resource withPublishDate(Resource r, LocalDate date) {
        return new Resource(
                r.code(),
                r.version(),
                r.name(),
                r.providerCode(),
                r.providerName(),
                r.providerSystem(),
                r.classification(),
                r.classificationCode(),
                r.abstractText(),
                r.format(),
                r.subjectType(),
                r.sharingType(),
                r.sharingCondition(),
                r.sharingBasis(),
                r.sharingMethod(),
                r.openToPublic(),
                r.updateCycle(),
                date,
                r.endpointPath(),
                r.items(),
                r.openCondition(),
                r.relatedCodes(),
                r.status(),
                r.updatedAt(),
                r.updatedBy());
    }

    /**
     * Imports new resources (their status as given, default draft; version 1). Every row is validated and
     * every bad row reported; with a bad row nothing is imported unless {@code skipBadRows}.
     *
     * @param parsed the file's rows in order, each with the violations found while reading it
     */
    /** Files of at least this many rows are validated and converted on all cores (the common fork-join pool). */
    static final int PARALLEL_FROM = 1_000;

    public ImportReport importAll(List<ParsedRow> parsed, boolean skipBadRows, String actor) {
        try {
            return importOnce(parsed, skipBadRows, actor);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Another import or create committed one of these codes after this file's duplicate check (the unique
            // key caught it): this file's transaction rolled back whole; sent again, the duplicates are reported.
            throw new ConflictException(
                    "CONCURRENT_CHANGE",
                    "another import or change registered one of this "
                            + "file's codes at the same time; nothing of this file was imported - send it again to see which "
                            + "rows are now duplicates");
        }
    }

    private ImportReport importOnce(List<ParsedRow> parsed, boolean skipBadRows, String actor) {
        return tx.execute(status -> {
            Set<String> codesInFile = new HashSet<>();
            parsed.forEach(p -> {
                if (p.resource() != null && p.resource().code() != null) {
                    codesInFile.add(p.resource().code());
                }
            });
            Set<String> existing = store.existing(codesInFile);
            // Related codes outside the file are looked up in one query, so validation reads no database and a
            // large file is validated on all cores (a validation is pure given the lookups).
            Set<String> referenced = new HashSet<>();
            parsed.forEach(p -> {
                if (p.resource() != null && p.resource().relatedCodes() != null) {
                    p.resource().relatedCodes().stream()
                            .filter(c -> c != null && !codesInFile.contains(c))
                            .forEach(referenced::add);
                }
            });
            Set<String> known = new HashSet<>(codesInFile);
            known.addAll(store.existing(referenced));
            CatalogueLookups lookups = new CatalogueLookups(jdbc, known, referenced);
            List<List<Violation>> validations = (parsed.size() >= PARALLEL_FROM
                            ? parsed.parallelStream()
                            : parsed.stream())
                    .map(p -> p.resource() == null ? List.<Violation>of() : validator.validate(p.resource(), lookups))
                    .toList();
            Set<String> seen = new HashSet<>();
            List<ImportReport.BadRow> bad = new ArrayList<>();
            List<Resource> good = new ArrayList<>();
            Instant now = clock.instant();
            for (int i = 0; i < parsed.size(); i++) {
                ParsedRow p = parsed.get(i);
                List<Violation> v = new ArrayList<>(p.violations());
                Resource r = p.resource();
                if (r != null) {
                    v.addAll(validations.get(i));
                    if (r.code() != null && existing.contains(r.code())) {
                        v.add(0, new Violation("code", "is already in the catalogue", "DUPLICATE_CODE"));
                    } else if (r.code() != null && !seen.add(r.code())) {
                        v.add(0, new Violation("code", "appears twice in the file", "DUPLICATE_CODE"));
                    }
                }
                if (v.isEmpty()) {
                    good.add(r.withLifecycle(1, r.status(), now, actor));
                } else {
                    bad.add(new ImportReport.BadRow(p.row(), r == null ? null : r.code(), v));
                }
            }
            if (!bad.isEmpty() && !skipBadRows) {
                return new ImportReport(parsed.size(), 0, false, bad);
            }
            if (!bad.isEmpty()) {
                // Related codes may point at a skipped row: those rows are bad too, reported, not imported.
                Set<String> importing = new HashSet<>();
                good.forEach(r -> importing.add(r.code()));
                List<Resource> kept = new ArrayList<>();
                for (Resource r : good) {
                    List<Violation> v = new ArrayList<>();
                    for (int k = 0; k < r.relatedCodes().size(); k++) {
                        String c = r.relatedCodes().get(k);
                        if (codesInFile.contains(c) && !importing.contains(c) && !existing.contains(c)) {
                            v.add(new Violation("relatedCodes[" + k + "]", "names a rejected row", "UNKNOWN_RESOURCE"));
                        }
                    }
                    if (v.isEmpty()) {
                        kept.add(r);
                    } else {
                        bad.add(new ImportReport.BadRow(rowOf(parsed, r.code()), r.code(), v));
                    }
                }
                good = kept;
            }
            store.insertAll(good);
            changes.recordAll(
                    now, actor, ENTITY, good.stream().map(Resource::code).toList(), "IMPORT", 1, null);
            bad.sort(java.util.Comparator.comparingInt(ImportReport.BadRow::row));
            return new ImportReport(parsed.size(), good.size(), skipBadRows, bad);
        });
    }

    private static int rowOf(List<ParsedRow> parsed, String code) {
        return parsed.stream()
                .filter(p -> p.resource() != null && code.equals(p.resource().code()))
                .mapToInt(ParsedRow::row)
                .findFirst()
                .orElse(0);
    }

    /** One row of an import file as read: the resource (null if unreadable) and the reading violations. */
    public record ParsedRow(int row, Resource resource, List<Violation> violations) {
        public ParsedRow {
            violations = List.copyOf(violations);
        }
    }
}
