package cn.tongban.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import cn.tongban.audit.merkle.MerkleHash;

/**
 * The canonical binary encoding of an {@link AccessEntry}: the Merkle leaf data (RFC 9162 §2.1.1 hashes
 * {@code 0x00 || encoding}). Every field has a fixed width or a length prefix, so no two distinct entries
 * share an encoding. All integers are big-endian.
 *
 * <pre>
 * version 1:
 *   uint8   version = 0x01
 *   int64   sequence            (the leaf's own position + 1: moving an entry changes its leaf)
 *   int64   time, epoch seconds
 *   int32   time, nanoseconds of the second
 *   text    node, actor, action, resourceCode
 *   text    outcome             (the enum name)
 *   text    errorCode, correlationId, subjectKey, purpose, serviceItem
 *   list    fieldsDelivered
 *   text    responseDigest
 * version 2 (an entry with a department or an operator): version = 0x02, the fields of version 1, then
 *   text    department, operator
 * </pre>
 * <pre>
 * text: uint8 0x00 (null) | uint8 0x01, uint32 byte length, UTF-8 bytes
 * list: uint8 0x00 (null) | uint8 0x01, uint32 count, then per element uint32 byte length, UTF-8 bytes
 * </pre>
 * A new field means a new version; entries without the version 2 fields keep hashing as version 1, so rows
 * written before version 2 existed re-hash unchanged. The version byte keeps the two layouts apart.
 */
public final class EntryCodec {

    public static final int VERSION = 2;

    private EntryCodec() {
    }

    public static byte[] encode(AccessEntry e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            boolean v2 = e.department() != null || e.operator() != null;
            out.writeByte(v2 ? 2 : 1);
            out.writeLong(e.sequence());
            out.writeLong(e.time().getEpochSecond());
            out.writeInt(e.time().getNano());
            text(out, e.node());
            text(out, e.actor());
            text(out, e.action());
            text(out, e.resourceCode());
            text(out, e.outcome() == null ? null : e.outcome().name());
            text(out, e.errorCode());
            text(out, e.correlationId());
            text(out, e.subjectKey());
            text(out, e.purpose());
            text(out, e.serviceItem());
            list(out, e.fieldsDelivered());
            text(out, e.responseDigest());
            if (v2) {
                text(out, e.department());
                text(out, e.operator());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** RFC 9162 §2.1.1 leaf hash of the entry: HASH(0x00 || encode(entry)). */
    public static byte[] leafHash(AccessEntry e) {
        return MerkleHash.leaf(encode(e));
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        bytes(out, s);
    }

    private static void list(DataOutputStream out, List<String> values) throws IOException {
        if (values == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        out.writeInt(values.size());
        for (String v : values) {
            bytes(out, v);
        }
    }

    private static void bytes(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
