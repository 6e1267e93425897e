package cn.tongban.audit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.audit.merkle.LeafHashes;

/**
 * The stored leaf hashes of the access log: leaf i is the {@code leaf_hash} of row {@code seq = i + 1}.
 * Archived entries' leaves come from {@code access_log_archived_leaf}. Rows never change in an append-only log, so blocks of hashes are cached once read; a block read while
 * still filling is re-read only for leaves it did not have. A missing row or hash is an error here — the
 * {@link LogAuditor} is the one that reports tampering.
 */
final class JdbcLeafHashes implements LeafHashes {

    private static final int BLOCK = 1024;

    private final JdbcClient jdbc;
    private final Map<Long, List<byte[]>> blocks = new ConcurrentHashMap<>();

    JdbcLeafHashes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] get(long index) {
        long block = index / BLOCK;
        int offset = (int) (index % BLOCK);
        List<byte[]> hashes = blocks.get(block);
        if (hashes == null || hashes.size() <= offset) {
            hashes = read(block);
            blocks.put(block, hashes);
        }
        if (hashes.size() <= offset) {
            throw new IllegalStateException("sequence " + (index + 1) + " has no stored leaf hash (rows from "
                    + "before the Merkle migration need LegacyRows.adopt; otherwise run the LogAuditor)");
        }
        return hashes.get(offset).clone();
    }

    @Override
    public long size() {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM access_log")
                .query(Long.class)
                .single();
    }

    private List<byte[]> read(long block) {
        long first = block * BLOCK + 1;
        // Archived entries (retention) keep their leaves in access_log_archived_leaf.
        List<Object[]> rows = jdbc.sql("SELECT seq, leaf_hash FROM access_log WHERE seq >= ? AND seq < ? UNION ALL "
                        + "SELECT seq, leaf_hash FROM access_log_archived_leaf WHERE seq >= ? AND seq < ? ORDER BY seq")
                .params(first, first + BLOCK, first, first + BLOCK)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2)})
                .list();
        List<byte[]> hashes = new java.util.ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if ((long) row[0] != first + hashes.size() || row[1] == null) {
                break; // the leaves end at the first gap or unhashed row; get() reports it if asked beyond
            }
            hashes.add((byte[]) row[1]);
        }
        return List.copyOf(hashes);
    }
}
