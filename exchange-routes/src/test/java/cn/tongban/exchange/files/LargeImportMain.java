package cn.tongban.exchange.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import cn.tongban.catalog.Resource;

/**
 * Run by {@link LargeDatasetIT} in a child JVM with a small heap: imports a generated CSV of {@code args[0]} bytes
 * (never held anywhere: rows are made as they are read) into a store under {@code args[1]}, downloads the version as
 * CSV into a byte counter, and prints {@code rows=<n> stored=<bytes> downloaded=<bytes> peakHeapMiB=<m>}.
 */
public final class LargeImportMain {

    public static void main(String[] args) throws IOException {
        long size = Long.parseLong(args[0]);
        Path root = Path.of(args[1]);
        Resource business = DatasetStoreTest.BUSINESS;
        DatasetStore store = new DatasetStore(root);
        ImportReport report = store.importFile(business, DatasetFormat.CSV, new GeneratedCsv(size), false);
        if (!report.stored()) {
            System.out.println("not stored: rows=" + report.rows() + " bad=" + report.badRows() + " first="
                    + report.errors().stream().limit(3).toList() + " fileError=" + report.fileError());
            System.exit(1);
        }
        DatasetStore.DatasetVersion v =
                store.version(business.code(), report.version()).orElseThrow();
        long[] downloaded = {0};
        try (InputStream in = Files.newInputStream(v.file())) {
            DatasetProjection.write(
                    in,
                    business,
                    Set.of("uscc", "name", "legalRepresentativeId", "registeredCapital"),
                    DatasetFormat.CSV,
                    new OutputStream() {
                        @Override
                        public void write(int b) {
                            downloaded[0]++;
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            downloaded[0] += len;
                        }
                    });
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("rows=" + report.rows() + " stored=" + v.bytes() + " downloaded=" + downloaded[0]
                + " peakHeapMiB=" + peak / (1024 * 1024));
        Files.delete(v.file());
    }

    /** A CSV of about {@code size} bytes: the header, then numbered valid rows, made on demand. */
    static final class GeneratedCsv extends InputStream {
        private final long size;
        private long produced;
        private long row;
        private byte[] chunk = (DatasetStoreTest.HEADER).getBytes(StandardCharsets.UTF_8);
        private int pos;

        GeneratedCsv(long size) {
            this.size = size;
        }

        private boolean fill() {
            if (pos < chunk.length) {
                return true;
            }
            if (produced >= size) {
                return false;
            }
            StringBuilder sb = new StringBuilder(64 * 1024);
            while (sb.length() < 60 * 1024) {
                row++;
                sb.append(String.format("91310104MA%07dB", row % 10_000_000))
                        .append(",上海第")
                        .append(row)
                        .append("号餐饮管理有限公司,有限责任公司,黄婷婷,310107199503270605,")
                        .append(row % 1000)
                        .append(",2026-09-15,\"上海市徐汇区宜山路455号1层103室\",\"餐饮服务,食品销售\",ACTIVE,徐汇区市场监管局\n");
            }
            chunk = sb.toString().getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            produced++;
            return chunk[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            produced += n;
            return n;
        }
    }
}
