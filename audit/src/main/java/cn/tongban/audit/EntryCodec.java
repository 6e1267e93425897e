package cn.tongban.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    private EntryCodec() {}

    /** Reused per thread by {@link #leafHash}: encoding a leaf then allocates nothing but its hash. */
    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

    public static byte[] encode(AccessEntry e) {
        Buffer out = new Buffer();
        write(out, e);
        return Arrays.copyOf(out.bytes, out.length);
    }

    /** RFC 9162 §2.1.1 leaf hash of the entry: HASH(0x00 || encode(entry)). */
    public static byte[] leafHash(AccessEntry e) {
        Buffer out = BUFFER.get();
        out.length = 0;
        write(out, e);
        return MerkleHash.leaf(out.bytes, 0, out.length);
    }

    private static void write(Buffer out, AccessEntry e) {
        boolean v2 = e.department() != null || e.operator() != null;
        out.writeByte(v2 ? 2 : 1);
        out.writeLong(e.sequence());
        out.writeLong(e.time().getEpochSecond());
        out.writeInt(e.time().getNano());
        out.text(e.node());
        out.text(e.actor());
        out.text(e.action());
        out.text(e.resourceCode());
        out.text(e.outcome() == null ? null : e.outcome().name());
        out.text(e.errorCode());
        out.text(e.correlationId());
        out.text(e.subjectKey());
        out.text(e.purpose());
        out.text(e.serviceItem());
        out.list(e.fieldsDelivered());
        out.text(e.responseDigest());
        if (v2) {
            out.text(e.department());
            out.text(e.operator());
        }
    }

    /**
     * A growable big-endian byte buffer (what {@code DataOutputStream} over {@code ByteArrayOutputStream} wrote,
     * without their locks and copies); ASCII text is written char by char without an intermediate array.
     */
    private static final class Buffer {
        byte[] bytes = new byte[512];
        int length;

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        void writeByte(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        void writeInt(int v) {
            ensure(4);
            bytes[length++] = (byte) (v >>> 24);
            bytes[length++] = (byte) (v >>> 16);
            bytes[length++] = (byte) (v >>> 8);
            bytes[length++] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void text(String s) {
            if (s == null) {
                writeByte(0);
                return;
            }
            writeByte(1);
            utf8(s);
        }

        void list(List<String> values) {
            if (values == null) {
                writeByte(0);
                return;
            }
            writeByte(1);
            writeInt(values.size());
            for (String v : values) {
                utf8(v);
            }
        }

        /** uint32 byte length, then the UTF-8 bytes. */
        private void utf8(String s) {
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            if (!ascii) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                writeInt(utf8.length);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, bytes, length, utf8.length);
                length += utf8.length;
                return;
            }
            writeInt(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
        }
    }
}
