package cn.tongban.catalog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.tongban.catalog.Department;
import cn.tongban.catalog.ExchangeSystem;
import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Page;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceClass;
import cn.tongban.catalog.ResourceQuery;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.SystemKind;
import cn.tongban.catalog.TestCatalogue;
import cn.tongban.catalog.admin.CatalogueAdmin.ParsedRow;
import cn.tongban.catalog.admin.ImportReport;
import cn.tongban.catalog.auth.WorkingDayCalendar;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;

/**
 * Load benchmark (docs/PERFORMANCE.md "Catalogue"): bulk-imports N resources (default 100,000) with M
 * information items each (default 10, so 1,000,000 items) through the full import path (validation, duplicate
 * check, batched JDBC, change record), then runs a mix of searches and reports p50/p99. Not in the default
 * build: run with {@code -Dexcluded.test.groups= -Dgroups=bench}.
 */
@Tag("bench")
class CatalogueLoadBenchTest {

    static final int RESOURCES = Integer.getInteger("bench.resources", 100_000);
    static final int ITEMS = Integer.getInteger("bench.items", 10);
    static final int CHUNK = Integer.getInteger("bench.chunk", 10_000);
    /** Files imported at a time, one measured import per entry ({@code -Dbench.importers=1,2}). */
    static final int[] IMPORTERS = java.util.Arrays.stream(
                    System.getProperty("bench.importers", "1,2").split(","))
            .mapToInt(v -> Integer.parseInt(v.strip()))
            .toArray();

    static final int WARMUP = Integer.getInteger("bench.warmup", 20_000);
    static final int SEARCHES = Integer.getInteger("bench.searches", 2_000);
    static final int DEPARTMENTS = 40;
    static final String[] TOPICS = {
        "户籍", "婚姻", "社保", "医保", "公积金", "不动产", "车辆", "驾驶证", "税务", "营业执照", "食品经营", "药品", "医疗机构", "学历", "学位", "残疾人", "低保",
        "养老", "出生", "死亡", "殡葬", "水电", "燃气", "环评", "排污", "建筑", "施工", "消防", "安全生产", "特种设备", "质量", "计量", "专利", "商标", "版权",
        "广告", "价格", "统计", "审计", "信用"
    };
    static final String[] KINDS = {"基本信息", "登记信息", "许可信息", "处罚信息", "缴费记录", "证照信息", "备案信息", "核验信息", "变更记录", "年报信息"};

    @Test
    void h2() throws Exception {
        importInto(TestCatalogue.h2(), WARMUP, 1); // JIT warm-up on a throwaway database
        for (int importers : IMPORTERS) {
            run("H2", TestCatalogue.h2(), importers);
        }
    }

    @Test
    void postgres() throws Exception {
        try (EmbeddedPostgres pg = TestCatalogue.startPostgres()) {
            importInto(TestCatalogue.postgres(pg), WARMUP, 1);
            for (int importers : IMPORTERS) {
                run("PostgreSQL", TestCatalogue.postgres(pg), importers);
            }
        }
    }

    /** Imports RESOURCES into a fresh database with {@code importers} files at a time, then searches it. */
    void run(String label, DataSource ds, int importers) throws Exception {
        TestCatalogue c = new TestCatalogue(ds, WorkingDayCalendar.weekendsOnly());
        java.util.concurrent.atomic.AtomicLong cpuNanos = new java.util.concurrent.atomic.AtomicLong();
        long started = System.nanoTime();
        int imported = importInto(c, RESOURCES, importers, cpuNanos);
        double seconds = (System.nanoTime() - started) / 1e9;
        searchAndReport(label, c, importers, imported, seconds, cpuNanos.get() / 1e9);
    }

    static int importInto(DataSource ds, int count, int importers) throws Exception {
        return importInto(
                new TestCatalogue(ds, WorkingDayCalendar.weekendsOnly()),
                count,
                importers,
                new java.util.concurrent.atomic.AtomicLong());
    }

    /** Registers the departments and imports {@code count} resources in files of CHUNK, {@code n} at a time. */
    static int importInto(TestCatalogue c, int count, int n, java.util.concurrent.atomic.AtomicLong cpuNanos)
            throws Exception {
        List<String> providers = new ArrayList<>();
        c.tx.executeWithoutResult(s -> {
            for (int d = 0; d < DEPARTMENTS; d++) {
                String first17 = String.format("11310000MB%07d", d + 100);
                String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
                c.departments.addIfAbsent(new Department(code, "部门" + d, null, "310000"));
                c.departments.addIfAbsent(new ExchangeSystem("sys-" + d, "系统" + d, code, SystemKind.DEPARTMENT_SYSTEM));
                providers.add(code);
            }
        });
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        // n files at a time, as several administrators or a bulk loader with a connection each would send them
        // (each file is still one transaction); 1 gives the single-stream figure.
        java.util.concurrent.ExecutorService importers = java.util.concurrent.Executors.newFixedThreadPool(n);
        List<java.util.concurrent.Future<Integer>> files = new ArrayList<>();
        for (int start = 0; start < count; start += CHUNK) {
            int from = start;
            files.add(importers.submit(() -> {
                long cpu0 = threads.getCurrentThreadCpuTime();
                Random random = new Random(42 + from);
                List<ParsedRow> rows = new ArrayList<>(CHUNK);
                for (int k = from; k < Math.min(count, from + CHUNK); k++) {
                    rows.add(new ParsedRow(k - from + 1, resource(k, providers, random), List.of()));
                }
                ImportReport report = c.admin.importAll(rows, false, "bench");
                assertThat(report.badRows()).isEmpty();
                cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu0);
                return report.imported();
            }));
        }
        int imported = 0;
        for (var f : files) {
            imported += f.get();
        }
        importers.shutdown();
        return imported;
    }

    /**
     * Checks the import, runs the searches and prints the figures. {@code cpuSeconds}: CPU time of the importing
     * threads (H2 runs in them; PostgreSQL's server work is not included): on a shared, noisy machine it tells what
     * the import costs, where wall time tells how much of the cores the test was given.
     */
    void searchAndReport(
            String label, TestCatalogue c, int importers, int imported, double seconds, double cpuSeconds) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<String> providers = c.jdbc.sql("SELECT code FROM department WHERE code LIKE '11310000MB%' ORDER BY code")
                .query(String.class)
                .list();
        long items = c.jdbc.sql("SELECT items FROM resource").query(String.class).stream()
                .mapToLong(json -> cn.tongban.catalog.ItemsColumn.read(json).size())
                .sum();
        assertThat(imported).isEqualTo(RESOURCES);
        assertThat(items).isEqualTo((long) RESOURCES * ITEMS);
        if (label.equals("PostgreSQL")) {
            c.jdbc.sql("ANALYZE").update();
        }

        List<ResourceQuery> queries = new ArrayList<>();
        Random q = new Random(7);
        for (int i = 0; i < SEARCHES; i++) {
            queries.add(
                    switch (i % 5) {
                        case 0 ->
                            new ResourceQuery(
                                    TOPICS[q.nextInt(TOPICS.length)] + KINDS[q.nextInt(KINDS.length)],
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null);
                        case 1 ->
                            new ResourceQuery(
                                    null, String.format("310000-3%02d", q.nextInt(40)), null, null, null, null, null);
                        case 2 ->
                            new ResourceQuery(
                                    null,
                                    null,
                                    null,
                                    providers.get(q.nextInt(DEPARTMENTS)),
                                    SharingType.CONDITIONAL,
                                    ResourceStatus.PUBLISHED,
                                    null);
                        case 3 ->
                            new ResourceQuery(
                                    String.format("%05d", q.nextInt(RESOURCES / 10)),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null);
                        default ->
                            new ResourceQuery(TOPICS[q.nextInt(TOPICS.length)], null, null, null, null, null, null);
                    });
        }
        for (int i = 0; i < 300; i++) { // warm-up: JIT, caches, plans
            c.resources.search(queries.get(i % queries.size()), 0, 20);
        }
        long[] micros = new long[queries.size()];
        long[] cpuMicros = new long[queries.size()];
        long found = 0;
        for (int i = 0; i < queries.size(); i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            Page<Resource> page = c.resources.search(queries.get(i), 0, 20);
            micros[i] = (System.nanoTime() - t) / 1000;
            cpuMicros[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1000;
            found += page.items().size();
        }
        Arrays.sort(micros);
        Arrays.sort(cpuMicros);
        System.out.printf(
                "%n[bench] Catalogue on %s: imported %,d resources with %,d information items in %.1f s"
                        + " = %,.0f resources/s (%,.0f items/s) with %d importer(s); importers' CPU %.1f s = %,.0f"
                        + " resources per CPU-s; load average %.1f%n",
                label,
                RESOURCES,
                items,
                seconds,
                RESOURCES / seconds,
                items / seconds,
                importers,
                cpuSeconds,
                RESOURCES / cpuSeconds,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        System.out.printf(
                "[bench] Catalogue on %s: %,d searches (page of 20 + total): p50 %.2f ms, p90 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms; %,d rows returned%n%n",
                label,
                micros.length,
                micros[micros.length / 2] / 1000.0,
                micros[micros.length * 9 / 10] / 1000.0,
                micros[micros.length * 99 / 100] / 1000.0,
                micros[micros.length - 1] / 1000.0,
                found);
        System.out.printf(
                "[bench] Catalogue on %s: search thread CPU per search: p50 %.2f ms, p99 %.2f ms%n%n",
                label, cpuMicros[cpuMicros.length / 2] / 1000.0, cpuMicros[cpuMicros.length * 99 / 100] / 1000.0);
        assertThat(found).isPositive();
    }

    static Resource resource(int k, List<String> providers, Random random) {
        int dept = k % DEPARTMENTS;
        String topic = TOPICS[random.nextInt(TOPICS.length)];
        String kind = KINDS[random.nextInt(KINDS.length)];
        boolean conditional = random.nextInt(3) == 0;
        String classification = String.format("3%02d%03d", dept, k % 1000);
        List<InformationItem> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            boolean sensitive = i % 4 == 1;
            items.add(new InformationItem(
                    "field" + i,
                    topic + "字段" + i,
                    i % 3 == 0 ? "DATE" : "STRING",
                    64,
                    i < 3,
                    sensitive,
                    sensitive ? "PARTIAL" : null));
        }
        return new Resource(
                String.format("310000-%s-%05d", classification, k / 1000),
                0,
                topic + kind + String.format("%05d", k),
                providers.get(dept),
                null,
                "sys-" + dept,
                ResourceClass.DEPARTMENTAL,
                classification,
                "本市" + topic + "领域的" + kind + "，由部门" + dept + "按日更新，供" + TOPICS[random.nextInt(TOPICS.length)]
                        + "等事项办理时核验使用。",
                "JSON",
                "UNIFIED_SOCIAL_CREDIT_CODE",
                conditional ? SharingType.CONDITIONAL : SharingType.UNCONDITIONAL,
                conditional ? "仅限法定职责范围内使用" : null,
                conditional ? "《政务数据共享条例》" : null,
                "API_PULL",
                false,
                "DAILY",
                null,
                "/records/{subject}",
                items,
                null,
                List.of(),
                ResourceStatus.PUBLISHED,
                null,
                null);
    }
}
