package cn.tongban.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/**
 * Retention: moves the oldest entries out of the database into archive files that still verify. An archive
 * covers the sequences after the previous archive up to the last entry logged before the cut-off (never the
 * newest entry, which anchors the sequence), and is two files in the archive directory:
 * <pre>
 *   access-log-FIRST-LAST.ndjson        the entries as exported ({@link EntryJson}), after a prefix line with
 *                                       the Merkle frontier of entries 1..FIRST-1
 *   access-log-FIRST-LAST.heads.json    a tree head of size LAST, signed and published for the archive
 * </pre>
 * {@code java -jar tongban.jar audit verify --export ...ndjson --heads ...heads.json --key ...} checks one, and
 * the published head ties it to every later head by consistency proofs. The tree does not change: the leaves of
 * archived entries move to {@code access_log_archived_leaf}; only the rows go. The archive is written and
 * verified (against the new signed head, with {@link ExportVerifier}) before any row is deleted, so an archive
 * of altered rows is refused and the rows stay.
 */
public final class LogArchiver {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    public LogArchiver(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    public record Archive(long firstSequence, long lastSequence, Path entries, Path heads) {}

    /** Archives the entries logged before {@code cutoff}; empty when there is nothing (more) to archive. */
    public Optional<Archive> archive(
            Instant cutoff, Path directory, TreeHeadSigner signer, PublicKey platformKey, Instant now)
            throws IOException {
        long first = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM access_log_archived_leaf")
                .query(Long.class)
                .single();
        long max = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM access_log")
                .query(Long.class)
                .single();
        Long firstKept = jdbc.sql("SELECT MIN(seq) FROM access_log WHERE logged_at >= ?")
                .param(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .query(Long.class)
                .optional()
                .orElse(null);
        long last = Math.min(max - 1, firstKept == null ? max : firstKept - 1);
        if (last < first) {
            return Optional.empty();
        }
        Files.createDirectories(directory);
        String name = "access-log-" + first + "-" + last;
        Path entries = directory.resolve(name + ".ndjson");
        Path heads = directory.resolve(name + ".heads.json");
        Path partial = directory.resolve(name + ".ndjson.partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            new LogReader(dataSource).exportNdjson(null, first, last, out);
        }
        SignedTreeHead head = new LogTree(dataSource).publish(signer, last, now);
        Files.writeString(heads, headsJson(List.of(head)), StandardCharsets.UTF_8);
        ExportVerifier.Result check;
        try (BufferedReader in = Files.newBufferedReader(partial, StandardCharsets.UTF_8)) {
            check = ExportVerifier.verify(in, List.of(head), platformKey);
        }
        if (!check.ok() || check.entries() != last - first + 1) {
            throw new IllegalStateException("archive " + name + " does not verify, rows kept: " + check.message());
        }
        Files.move(partial, entries, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        moveLeaves(first, last, name);
        return Optional.of(new Archive(first, last, entries, heads));
    }

    private void moveLeaves(long first, long last, String archive) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement copy = c.prepareStatement("INSERT INTO access_log_archived_leaf (seq, leaf_hash, "
                            + "archive) SELECT seq, leaf_hash, ? FROM access_log WHERE seq >= ? AND seq <= ?");
                    PreparedStatement delete =
                            c.prepareStatement("DELETE FROM access_log WHERE seq >= ? AND seq <= ?")) {
                copy.setString(1, archive);
                copy.setLong(2, first);
                copy.setLong(3, last);
                int copied = copy.executeUpdate();
                delete.setLong(1, first);
                delete.setLong(2, last);
                int deleted = delete.executeUpdate();
                if (copied != last - first + 1 || deleted != copied) {
                    throw new SQLException("archiving " + first + ".." + last + " found " + copied + " rows");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot move archived entries out of the access log", e);
        }
    }

    /** Signed heads as a heads file (and as the API lists them). */
    public static String headsJson(List<SignedTreeHead> heads) {
        StringBuilder b = new StringBuilder("{\"heads\":[");
        for (int i = 0; i < heads.size(); i++) {
            SignedTreeHead h = heads.get(i);
            b.append(i == 0 ? "" : ",")
                    .append("{\"treeSize\":")
                    .append(h.head().size())
                    .append(",\"rootHash\":\"")
                    .append(HexFormat.of().formatHex(h.head().root()))
                    .append("\",\"timestamp\":\"")
                    .append(h.head().time())
                    .append("\",\"algorithm\":\"")
                    .append(h.algorithm())
                    .append("\",\"signature\":\"")
                    .append(Base64.getEncoder().encodeToString(h.signature()))
                    .append("\"}");
        }
        return b.append("]}\n").toString();
    }
}
