package cn.tongban.seal.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.codec.SvgPicture;
import cn.tongban.seal.make.EsId;
import cn.tongban.seal.report.CertificateJudge.Judgement;
import cn.tongban.seal.report.SealStatusSource;

/**
 * The seal registry on JDBC (tables of migration V2026_11_23_60): seals per organisation, their status
 * (ACTIVE, SUSPENDED, REVOKED) with reason and time, and the history of every change. As a
 * {@link SealStatusSource} it tells verification the seal's status at the signing time ({@link SealStanding}):
 * revoked then → FAILED SEAL_REVOKED, suspended then → FAILED SEAL_SUSPENDED; revoked or suspended only later →
 * PASSED with a note; not registered → INDETERMINATE; another seal under the same esID → FAILED.
 */
public final class SealRegistry implements SealStatusSource {

    private final JdbcClient jdbc;
    private final TransactionOperations tx;
    private final Clock clock;
    private final Duration statusReuse;
    private final ConcurrentHashMap<String, View> views = new ConcurrentHashMap<>();
    /** Bumped by every change through this instance: an entry read across a change is not kept. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    /** How long verification may reuse a seal's registry entry read from the database (see the constructor). */
    public static final Duration DEFAULT_STATUS_REUSE = Duration.ofSeconds(5);

    private static final int MAX_VIEWS = 10_000;

    /** @param tx runs each change (status row and history row) atomically; no status reuse (every judgement reads) */
    public SealRegistry(JdbcClient jdbc, TransactionOperations tx, Clock clock) {
        this(jdbc, tx, clock, Duration.ZERO);
    }

    /**
     * @param statusReuse how long {@link #judge} may reuse a seal's entry and status history read from the database.
     *                    Changes made through this instance take effect at once; a change made by another cluster
     *                    member (another instance on the same database) is seen at most this late. The judgement
     *                    itself is always made against the signing time. ZERO: read on every judgement.
     */
    public SealRegistry(JdbcClient jdbc, TransactionOperations tx, Clock clock, Duration statusReuse) {
        this.jdbc = Objects.requireNonNull(jdbc);
        this.tx = Objects.requireNonNull(tx);
        this.clock = Objects.requireNonNull(clock);
        this.statusReuse = Objects.requireNonNull(statusReuse);
        if (statusReuse.isNegative()) {
            throw new IllegalArgumentException("statusReuse must not be negative");
        }
    }

    /** A seal's registry entry with its history (oldest first) as read at {@code readAt}. */
    private record View(String sha, String owner, List<StatusChange> history, Instant readAt) {}

    /**
     * Registers a seal for an organisation, ACTIVE from now.
     *
     * @throws RegistryException INVALID_USCC, INVALID_SEAL or DUPLICATE_SEAL
     */
    public RegisteredSeal register(String ownerUscc, String ownerName, byte[] sealDer, String actor) {
        IdentifierCheck uscc = UnifiedSocialCreditCode.check(ownerUscc);
        if (!uscc.valid()) {
            throw new RegistryException(RegistryException.Code.INVALID_USCC, uscc.reason());
        }
        if (ownerName == null || ownerName.isBlank() || ownerName.length() > 200) {
            throw new RegistryException(RegistryException.Code.INVALID_CHANGE, "owner name must be 1-200 characters");
        }
        requireActor(actor);
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(sealDer);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            throw new RegistryException(
                    RegistryException.Code.INVALID_SEAL, "not a GB/T 38540 seal: " + m.reason() + " at " + m.path());
        }
        SesSeal seal = decoded.orElseThrow();
        Optional<String> badId = EsId.problem(seal.esId());
        if (badId.isPresent()) {
            throw new RegistryException(RegistryException.Code.INVALID_SEAL, badId.get());
        }
        if ("SVG".equalsIgnoreCase(seal.picture().type().strip())) {
            Optional<String> unsafe = SvgPicture.problem(seal.picture().data().value());
            if (unsafe.isPresent()) {
                throw new RegistryException(RegistryException.Code.INVALID_SEAL, "picture: " + unsafe.get());
            }
        }
        String sha = sha256(sealDer);
        Instant now = now();
        return tx.execute(status -> {
            Integer clashes = jdbc.sql("SELECT COUNT(*) FROM seal_registry WHERE es_id = ? OR seal_sha256 = ?")
                    .params(seal.esId(), sha)
                    .query(Integer.class)
                    .single();
            if (clashes > 0) {
                throw new RegistryException(
                        RegistryException.Code.DUPLICATE_SEAL,
                        "seal " + seal.esId() + " (or these exact bytes) is already registered");
            }
            jdbc.sql("""
                    INSERT INTO seal_registry (es_id, owner_uscc, owner_name, seal_name, seal_sha256, seal_der,
                        valid_start, valid_end, status, status_reason, status_at, registered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', NULL, ?, ?)""")
                    .params(
                            seal.esId(),
                            uscc.value(),
                            ownerName.strip(),
                            seal.property().name(),
                            sha,
                            sealDer,
                            ts(seal.property().validStart()),
                            ts(seal.property().validEnd()),
                            ts(now),
                            ts(now))
                    .update();
            history(seal.esId(), SealStatus.ACTIVE, "registered", now, actor, now);
            return find(seal.esId()).orElseThrow();
        });
    }

    public Optional<RegisteredSeal> find(String esId) {
        return jdbc.sql("SELECT * FROM seal_registry WHERE es_id = ?")
                .param(esId)
                .query(SealRegistry::row)
                .optional();
    }

    /** The DER of a registered seal. */
    public Optional<byte[]> sealBytes(String esId) {
        return jdbc.sql("SELECT seal_der FROM seal_registry WHERE es_id = ?")
                .param(esId)
                .query(byte[].class)
                .optional();
    }

    /** Seals of an organisation, by esID. */
    public List<RegisteredSeal> byOrganisation(String ownerUscc) {
        return jdbc.sql("SELECT * FROM seal_registry WHERE owner_uscc = ? ORDER BY es_id")
                .param(ownerUscc == null ? "" : ownerUscc.strip().toUpperCase(java.util.Locale.ROOT))
                .query(SealRegistry::row)
                .list();
    }

    /** One page of seals, by esID, of an owner and/or in a status (either may be null: any). */
    public List<RegisteredSeal> search(String ownerUscc, SealStatus status, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM seal_registry WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        where(ownerUscc, status, sql, params);
        sql.append(" ORDER BY es_id LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(SealRegistry::row).list();
    }

    /** How many seals {@link #search} would page through. */
    public long count(String ownerUscc, SealStatus status) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM seal_registry WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        where(ownerUscc, status, sql, params);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    private static void where(String ownerUscc, SealStatus status, StringBuilder sql, List<Object> params) {
        if (ownerUscc != null && !ownerUscc.isBlank()) {
            sql.append(" AND owner_uscc = ?");
            params.add(ownerUscc.strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
    }

    /** Every change, oldest first. @throws RegistryException UNKNOWN_SEAL */
    public List<StatusChange> history(String esId) {
        require(esId);
        return jdbc.sql("SELECT * FROM seal_status_history WHERE es_id = ? ORDER BY seq")
                .param(esId)
                .query((rs, n) -> change(rs))
                .list();
    }

    /** ACTIVE → SUSPENDED, effective {@code at} (not in the future, not before the last change). */
    public RegisteredSeal suspend(String esId, String reason, Instant at, String actor) {
        return change(esId, SealStatus.SUSPENDED, reason, at, actor, List.of(SealStatus.ACTIVE));
    }

    /** SUSPENDED → ACTIVE. */
    public RegisteredSeal reinstate(String esId, String reason, Instant at, String actor) {
        return change(esId, SealStatus.ACTIVE, reason, at, actor, List.of(SealStatus.SUSPENDED));
    }

    /** ACTIVE or SUSPENDED → REVOKED, final. */
    public RegisteredSeal revoke(String esId, String reason, Instant at, String actor) {
        return change(esId, SealStatus.REVOKED, reason, at, actor, List.of(SealStatus.ACTIVE, SealStatus.SUSPENDED));
    }

    /** The status in effect at {@code t}: the last change at or before t (ACTIVE before the first). */
    public SealStatus statusAt(String esId, Instant t) {
        return SealStanding.inEffect(history(esId), t).map(StatusChange::status).orElse(SealStatus.ACTIVE);
    }

    /** The seal's standing at the signing time ({@link SealStanding}), from its entry and history. */
    @Override
    public Judgement judge(SesSeal seal, Instant signingTime) {
        View r = view(seal.esId());
        if (r == null) {
            return SealStanding.notRegistered(seal.esId());
        }
        if (!r.sha().equals(sha256(seal.encoded().value()))) {
            return SealStanding.otherBytes(seal.esId());
        }
        return SealStanding.judge(seal.esId(), r.owner(), r.history(), signingTime);
    }

    /** The seal's entry with its whole history: reused for {@code statusReuse}, else one query. Null: not registered. */
    private View view(String esId) {
        Instant now = clock.instant();
        if (!statusReuse.isZero()) {
            View cached = views.get(esId);
            if (cached != null
                    && !now.isBefore(cached.readAt())
                    && now.isBefore(cached.readAt().plus(statusReuse))) {
                return cached;
            }
        }
        long generation = changes.get();
        // One query: the seal's row with its whole history (verification is the hot path).
        record Row(String sha, String owner, StatusChange change) {}
        List<Row> rows = jdbc.sql("""
                SELECT r.seal_sha256, r.owner_uscc, h.status, h.reason, h.changed_at, h.actor, h.recorded_at
                  FROM seal_registry r JOIN seal_status_history h ON h.es_id = r.es_id
                 WHERE r.es_id = ? ORDER BY h.seq""")
                .param(esId)
                .query((rs, n) -> new Row(rs.getString("seal_sha256"), rs.getString("owner_uscc"), change(rs)))
                .list();
        if (rows.isEmpty()) {
            return null;
        }
        Row r = rows.get(0);
        View v = new View(r.sha(), r.owner(), rows.stream().map(Row::change).toList(), now);
        if (!statusReuse.isZero()) {
            if (views.size() >= MAX_VIEWS) {
                views.clear();
            }
            views.put(esId, v);
            if (changes.get() != generation) {
                views.remove(esId, v);
            }
        }
        return v;
    }

    private RegisteredSeal change(
            String esId, SealStatus to, String reason, Instant at, String actor, List<SealStatus> from) {
        requireActor(actor);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new RegistryException(
                    RegistryException.Code.INVALID_CHANGE, "reason", "a reason of 1-500 characters is required");
        }
        Instant now = now();
        Instant effective = at == null ? now : at.truncatedTo(ChronoUnit.MICROS);
        if (effective.isAfter(now)) {
            throw new RegistryException(
                    RegistryException.Code.INVALID_CHANGE,
                    "effectiveAt",
                    "a status change cannot take effect " + "in the future (" + effective + ")");
        }
        changes.incrementAndGet();
        views.remove(esId);
        try {
            return tx.execute(status -> {
                RegisteredSeal current = require(esId);
                if (!from.contains(current.status())) {
                    throw new RegistryException(
                            RegistryException.Code.ILLEGAL_TRANSITION,
                            "seal " + esId + " is " + current.status() + "; it cannot become " + to);
                }
                if (effective.isBefore(current.statusAt())) {
                    throw new RegistryException(
                            RegistryException.Code.INVALID_CHANGE,
                            "effectiveAt",
                            "the change would take effect at " + effective + ", before the current status took effect ("
                                    + current.statusAt() + ")");
                }
                jdbc.sql("UPDATE seal_registry SET status = ?, status_reason = ?, status_at = ? WHERE es_id = ?")
                        .params(to.name(), reason.strip(), ts(effective), esId)
                        .update();
                history(esId, to, reason.strip(), effective, actor, now);
                return require(esId);
            });
        } finally {
            changes.incrementAndGet(); // a judgement that read the old entry while this change committed keeps nothing
            views.remove(esId);
        }
    }

    private RegisteredSeal require(String esId) {
        return find(esId)
                .orElseThrow(() -> new RegistryException(
                        RegistryException.Code.UNKNOWN_SEAL, "no seal " + esId + " in the registry"));
    }

    private void history(String esId, SealStatus status, String reason, Instant at, String actor, Instant recorded) {
        jdbc.sql("INSERT INTO seal_status_history (es_id, status, reason, changed_at, actor, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(esId, status.name(), reason, ts(at), actor, ts(recorded))
                .update();
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank() || actor.length() > 128) {
            throw new RegistryException(RegistryException.Code.INVALID_CHANGE, "actor must be 1-128 characters");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static RegisteredSeal row(ResultSet rs, int n) throws SQLException {
        return new RegisteredSeal(
                rs.getString("es_id"),
                rs.getString("owner_uscc"),
                rs.getString("owner_name"),
                rs.getString("seal_name"),
                rs.getString("seal_sha256"),
                rs.getTimestamp("valid_start").toInstant(),
                rs.getTimestamp("valid_end").toInstant(),
                SealStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("status_reason")).orElse(""),
                rs.getTimestamp("status_at").toInstant(),
                rs.getTimestamp("registered_at").toInstant());
    }

    private static StatusChange change(ResultSet rs) throws SQLException {
        return new StatusChange(
                SealStatus.valueOf(rs.getString("status")),
                rs.getString("reason"),
                rs.getTimestamp("changed_at").toInstant(),
                rs.getString("actor"),
                rs.getTimestamp("recorded_at").toInstant());
    }

    static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
