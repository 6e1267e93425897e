package cn.tongban.seal.ofd;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * The content of one entry from its compressed data (APPNOTE.TXT §4.4.5, RFC 1951 for deflate), into a buffer of
 * exactly the declared size: an entry that would inflate further is refused after one octet more, so the octets
 * actually produced never exceed the declared size that {@link OfdPackage} held against the budgets.
 */
final class ZipInflation {

    private ZipInflation() {}

    static byte[] inflate(ZipArchiveEntry e, byte[] raw) throws OfdFormatException {
        String name = "'" + e.getName() + "'";
        int size = Math.toIntExact(e.getSize()); // at most the per-entry budget, itself under 2 GiB
        byte[] out;
        if (e.getMethod() == ZipArchiveEntry.STORED) {
            out = raw;
        } else {
            out = new byte[size];
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(raw);
                int n = 0;
                while (n < size && !inflater.finished()) {
                    int k = inflater.inflate(out, n, size - n);
                    if (k == 0 && !inflater.finished()) {
                        throw OfdPackage.Rule.CONTENT.refuse("the deflate stream of " + name + " ends after " + n
                                + " of the declared " + size + " octets");
                    }
                    n += k;
                }
                if (!inflater.finished() && (inflater.inflate(new byte[1]) > 0 || !inflater.finished())) {
                    throw OfdPackage.Rule.CONTENT.refuse(
                            name + " inflates beyond the " + size + " octets the central directory declares");
                }
                if (n != size) {
                    throw OfdPackage.Rule.CONTENT.refuse(
                            name + " inflates to " + n + " octets, the central directory " + "declares " + size);
                }
                if (inflater.getRemaining() != 0) {
                    throw OfdPackage.Rule.CONTENT.refuse(inflater.getRemaining() + " compressed octets of " + name
                            + " follow the end of its deflate stream");
                }
            } catch (DataFormatException x) {
                throw OfdPackage.Rule.CONTENT.refuse(name + " is not a valid deflate stream");
            } finally {
                inflater.end();
            }
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != e.getCrc()) {
            throw OfdPackage.Rule.CONTENT.refuse("the CRC-32 of " + name + " differs from the central directory's");
        }
        return out;
    }
}
