package cn.tongban.audit.merkle;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The state of the log at a moment: the tree size, the RFC 9162 §2.1.1 root of its first {@code size} leaves,
 * and the time, kept to the millisecond as RFC 9162 §4.10 timestamps are.
 */
public record TreeHead(long size, byte[] root, Instant time) {

    private static final byte[] CONTEXT = "tongban.tree-head.v1".getBytes(StandardCharsets.US_ASCII);

    public TreeHead {
        if (size < 0) {
            throw new IllegalArgumentException("tree size must not be negative");
        }
        if (root == null || root.length != MerkleHash.LENGTH) {
            throw new IllegalArgumentException("a root hash has " + MerkleHash.LENGTH + " bytes");
        }
        root = root.clone();
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /**
     * The to-be-signed bytes, in the spirit of RFC 9162 §4.10 (TreeHeadDataV2): a length-prefixed context
     * string naming this format and version, then uint64 timestamp (ms since the epoch, big-endian),
     * uint64 tree_size, uint8 root length and the root hash. Fixed widths, so no two heads encode alike.
     */
    public byte[] toBeSigned() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(CONTEXT.length);
            out.write(CONTEXT);
            out.writeLong(time.toEpochMilli());
            out.writeLong(size);
            out.writeByte(root.length);
            out.write(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeHead other
                && size == other.size
                && Arrays.equals(root, other.root)
                && time.equals(other.time);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "TreeHead[size=" + size + ", root=" + HexFormat.of().formatHex(root) + ", time=" + time + "]";
    }
}
