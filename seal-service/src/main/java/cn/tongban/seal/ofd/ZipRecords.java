package cn.tongban.seal.ofd;

import java.util.Arrays;

/**
 * The fixed-layout records of a ZIP file as APPNOTE.TXT 6.3.10 §4.3 lays them out (little-endian), read from the
 * raw bytes without interpretation, so that {@link OfdPackage} can hold them against the library's central
 * directory view. Bounds are checked by the callers; {@link #fits} is the helper.
 */
final class ZipRecords {

    static final int LOCAL_SIGNATURE = 0x04034b50;
    static final int CENTRAL_SIGNATURE = 0x02014b50;
    static final int END_SIGNATURE = 0x06054b50;
    static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    static final int DESCRIPTOR_SIGNATURE = 0x08074b50;
    static final int LOCAL_FIXED = 30;
    static final int CENTRAL_FIXED = 46;
    static final int END_FIXED = 22;
    /** The value a 2-octet or 4-octet field holds when the real one is in a ZIP64 record (§4.4.1.4). */
    static final long ZIP64_MARK_16 = 0xFFFFL;

    static final long ZIP64_MARK_32 = 0xFFFFFFFFL;

    private ZipRecords() {}

    /** End of central directory record, §4.3.16. */
    record End(
            long offset,
            int disk,
            int directoryDisk,
            int entriesOnDisk,
            int entries,
            long directorySize,
            long directoryOffset,
            int commentLength) {

        static End at(byte[] b, int o) {
            return new End(
                    o,
                    u16(b, o + 4),
                    u16(b, o + 6),
                    u16(b, o + 8),
                    u16(b, o + 10),
                    u32(b, o + 12),
                    u32(b, o + 16),
                    u16(b, o + 20));
        }

        boolean zip64() {
            return entries == ZIP64_MARK_16
                    || entriesOnDisk == ZIP64_MARK_16
                    || directorySize == ZIP64_MARK_32
                    || directoryOffset == ZIP64_MARK_32;
        }
    }

    /** Central directory file header, §4.3.12; {@code length} is the whole record's. */
    record Central(
            long offset,
            int flags,
            int method,
            long crc,
            long compressedSize,
            long size,
            int diskStart,
            long localOffset,
            byte[] rawName,
            int length) {

        static Central at(byte[] b, int o) {
            int n = u16(b, o + 28);
            int m = u16(b, o + 30);
            int k = u16(b, o + 32);
            return new Central(
                    o,
                    u16(b, o + 8),
                    u16(b, o + 10),
                    u32(b, o + 16),
                    u32(b, o + 20),
                    u32(b, o + 24),
                    u16(b, o + 34),
                    u32(b, o + 42),
                    fits(b, o + CENTRAL_FIXED, n)
                            ? Arrays.copyOfRange(b, o + CENTRAL_FIXED, o + CENTRAL_FIXED + n)
                            : new byte[0],
                    CENTRAL_FIXED + n + m + k);
        }

        boolean zip64() {
            return compressedSize == ZIP64_MARK_32
                    || size == ZIP64_MARK_32
                    || localOffset == ZIP64_MARK_32
                    || diskStart == ZIP64_MARK_16;
        }
    }

    /** Local file header, §4.3.7; {@code dataOffset} is where the file data starts (§4.3.8). */
    record Local(
            long offset,
            int flags,
            int method,
            long crc,
            long compressedSize,
            long size,
            byte[] rawName,
            long dataOffset) {

        static Local at(byte[] b, int o) {
            int n = u16(b, o + 26);
            int m = u16(b, o + 28);
            return new Local(
                    o,
                    u16(b, o + 6),
                    u16(b, o + 8),
                    u32(b, o + 14),
                    u32(b, o + 18),
                    u32(b, o + 22),
                    fits(b, o + LOCAL_FIXED, n) ? Arrays.copyOfRange(b, o + LOCAL_FIXED, o + LOCAL_FIXED + n) : null,
                    (long) o + LOCAL_FIXED + n + m);
        }
    }

    /**
     * Length of the data descriptor (§4.3.9) at {@code at} repeating the record's CRC-32 and sizes, with (16) or
     * without (12) its optional signature, ending by {@code limit}; -1 when there is none such.
     */
    static int descriptorLength(byte[] b, long at, long limit, Central c) {
        if (at + 16 <= limit && signature(b, (int) at) == DESCRIPTOR_SIGNATURE && describes(b, (int) at + 4, c)) {
            return 16;
        }
        return at + 12 <= limit && describes(b, (int) at, c) ? 12 : -1;
    }

    private static boolean describes(byte[] b, int o, Central c) {
        return u32(b, o) == c.crc() && u32(b, o + 4) == c.compressedSize() && u32(b, o + 8) == c.size();
    }

    /** Indexes of the records in the order of their local headers in the file. */
    static Integer[] physicalOrder(java.util.List<Central> directory) {
        Integer[] order = new Integer[directory.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(
                order, java.util.Comparator.comparingLong(i -> directory.get(i).localOffset()));
        return order;
    }

    /** Whether {@code length} octets from {@code offset} lie inside {@code b}. */
    static boolean fits(byte[] b, long offset, long length) {
        return offset >= 0 && length >= 0 && offset + length <= b.length;
    }

    static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int o) {
        return (u16(b, o) | (long) u16(b, o + 2) << 16) & 0xFFFFFFFFL;
    }

    static int signature(byte[] b, int o) {
        return (int) u32(b, o);
    }
}
