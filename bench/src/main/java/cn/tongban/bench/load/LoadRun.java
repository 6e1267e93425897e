package cn.tongban.bench.load;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A closed-loop load generator for loopback runs: {@code --concurrency} threads each send the same request again
 * and again for {@code --seconds} (after {@code --warmup} seconds not counted) and record every latency. Prints
 * one line: {@code label requests errors rps p50_ms p99_ms}. HTTPS with a client certificate
 * ({@code --keystore P12 --password PW}) and a CA certificate to trust ({@code --ca PEM}).
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.tongban.bench.load.LoadRun --label direct --url URL
 *     [--method GET|POST --body FILE --header 'Name: value'] [--keystore P12 --password PW --ca PEM]
 *     [--concurrency 16] [--seconds 20] [--warmup 5]</pre>
 * A response counts as an error unless its status is {@code --expect} (default 200). {@code --body} may be given
 * several times: each sender then cycles through the files (e.g. to warm a server up on all of them at once).
 *
 * <p>{@code --client raw} (the default) sends with {@link RawHttp}: one blocking keep-alive connection per client
 * thread, the request written as one prepared byte array, the answer read and discarded, like wrk. {@code --client
 * jdk} uses the JDK's {@code HttpClient} instead (what runs before 2026-11-23 used; it spent ~2.6 ms of CPU per
 * 200 KB TLS request, on the cores the server under test needs).
 *
 * <p>With {@code --rate R} it is an open-loop generator instead: requests are started at a fixed rate of R per
 * second whatever the answers do, and each latency is measured from the instant the request was <em>due</em>, not
 * from when it was sent, so a server that falls behind shows its queueing (no coordinated omission). More than
 * {@code --max-outstanding} (default 2000) requests in flight count the rest as errors; with the raw client that
 * many connections (one per sending thread) are used. Prints
 * {@code label rate=R requests errors rps p50_ms p99_ms [unexpected=S:N,...] [stalls=HH:MM:SS.S(Nms),...]} where rps
 * counts the successful answers per second, {@code unexpected} tallies the errors by status ({@code refused}: too
 * many in flight; {@code io}: the connection failed), and {@code stalls} lists the measured seconds (UTC, by due
 * time) whose slowest answer took 50 ms or more, with that latency. Every line ends with {@code from_ms=… to_ms=…},
 * the measured part of the run as epoch milliseconds (by due time in the open loop), to match it with other records
 * of the same interval.
 */
public final class LoadRun {

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> o = parse(args);
        String label = one(o, "label", "run");
        URI url = URI.create(one(o, "url", null));
        String method = one(o, "method", "GET");
        List<byte[]> bodies = new ArrayList<>();
        for (String file : o.getOrDefault("body", List.of())) {
            bodies.add(Files.readAllBytes(Path.of(file)));
        }
        if (bodies.isEmpty()) {
            bodies.add(new byte[0]);
        }
        int concurrency = Integer.parseInt(one(o, "concurrency", "16"));
        int seconds = Integer.parseInt(one(o, "seconds", "20"));
        int warmup = Integer.parseInt(one(o, "warmup", "5"));
        int expect = Integer.parseInt(one(o, "expect", "200"));

        HttpClient.Builder b =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if (o.containsKey("keystore") || o.containsKey("ca")) {
            b.sslContext(ssl(o));
        }
        HttpClient client = b.build();
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        for (String h : o.getOrDefault("header", List.of())) {
            int i = h.indexOf(':');
            rb.header(h.substring(0, i).trim(), h.substring(i + 1).trim());
        }
        HttpRequest[] requests = new HttpRequest[bodies.size()];
        byte[][] rawRequests = new byte[bodies.size()][];
        for (int i = 0; i < requests.length; i++) {
            byte[] body = bodies.get(i);
            requests[i] = rb.copy()
                    .method(
                            method,
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            rawRequests[i] = RawHttp.request(url, method, o.getOrDefault("header", List.of()), body);
        }
        boolean raw =
                switch (one(o, "client", "raw")) {
                    case "raw" -> true;
                    case "jdk" -> false;
                    default -> throw new IllegalArgumentException("--client is raw or jdk");
                };
        SSLContext tls = "https".equals(url.getScheme()) ? ssl(o) : null;
        if (o.containsKey("rate")) {
            int rate = Integer.parseInt(one(o, "rate", null));
            int maxOutstanding = Integer.parseInt(one(o, "max-outstanding", "2000"));
            if (raw) {
                fixedRateRaw(
                        label, () -> new RawHttp(url, tls, rawRequests), rate, seconds, warmup, expect, maxOutstanding);
            } else {
                fixedRate(label, client, requests, rate, seconds, warmup, expect, maxOutstanding);
            }
            return;
        }

        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[concurrency];
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            long[] lat = new long[1 << 20];
            perThread.add(lat);
            int id = t;
            Thread th = new Thread(
                    () -> {
                        RawHttp connection = raw ? new RawHttp(url, tls, rawRequests) : null;
                        int next = id;
                        try {
                            while (true) {
                                long t0 = System.nanoTime();
                                if (t0 >= end) {
                                    break;
                                }
                                int status;
                                if (connection != null) {
                                    status = connection.send();
                                } else {
                                    try {
                                        status = client.send(
                                                        requests[next++ % requests.length],
                                                        HttpResponse.BodyHandlers.discarding())
                                                .statusCode();
                                    } catch (IOException e) {
                                        status = -1;
                                    }
                                }
                                long t1 = System.nanoTime();
                                if (t0 >= measureFrom) {
                                    if (status != expect) {
                                        errors.incrementAndGet();
                                    }
                                    if (counts[id] < lat.length) {
                                        lat[counts[id]++] = t1 - t0;
                                    }
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            if (connection != null) {
                                connection.close();
                            }
                            done.countDown();
                        }
                    },
                    "load-" + t);
            th.setDaemon(true);
            th.start();
        }
        done.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(perThread.get(t), 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        System.out.printf(
                "%s requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f from_ms=%d to_ms=%d%n",
                label,
                total,
                errors.get(),
                total / (double) seconds,
                pct(all, 0.50),
                pct(all, 0.99),
                epochMillis(measureFrom),
                epochMillis(end));
    }

    /** The open-loop run of {@code --rate}. */
    static void fixedRate(
            String label,
            HttpClient client,
            HttpRequest[] requests,
            int rate,
            int seconds,
            int warmup,
            int expect,
            int maxOutstanding)
            throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        OpenLoop stats = new OpenLoop(start + Duration.ofSeconds(warmup).toNanos(), rate, seconds);
        long total = (long) rate * (warmup + seconds);
        java.util.concurrent.Semaphore outstanding = new java.util.concurrent.Semaphore(maxOutstanding);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong pending = new AtomicLong(total);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            if (!outstanding.tryAcquire()) {
                stats.refused(due);
                if (pending.decrementAndGet() == 0) {
                    done.countDown();
                }
                continue;
            }
            client.sendAsync(requests[(int) (i % requests.length)], HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, t) -> {
                        long end = System.nanoTime();
                        outstanding.release();
                        stats.answered(due, end, t == null ? -1 : r.statusCode(), expect);
                        if (pending.decrementAndGet() == 0) {
                            done.countDown();
                        }
                    });
        }
        done.await(60, java.util.concurrent.TimeUnit.SECONDS);
        stats.print(label);
    }

    /**
     * The open-loop run with raw connections: {@code maxOutstanding} sending threads, each with its own connection,
     * take due requests from a queue. A request that finds {@code maxOutstanding} requests in flight is an error;
     * otherwise a sender is free or about to be, and the wait shows in its latency (measured from the due time).
     */
    static void fixedRateRaw(
            String label,
            java.util.function.Supplier<RawHttp> connections,
            int rate,
            int seconds,
            int warmup,
            int expect,
            int maxOutstanding)
            throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 2_000_000_000L; // time to open the connections first
        OpenLoop stats = new OpenLoop(start + Duration.ofSeconds(warmup).toNanos(), rate, seconds);
        long total = (long) rate * (warmup + seconds);
        java.util.concurrent.Semaphore outstanding = new java.util.concurrent.Semaphore(maxOutstanding);
        java.util.concurrent.BlockingQueue<long[]> due = new java.util.concurrent.LinkedBlockingQueue<>();
        long[] stop = new long[0];
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < maxOutstanding; t++) {
            Thread th = new Thread(
                    () -> {
                        try (RawHttp connection = connections.get()) {
                            connection.send(); // opens the connection (and warms it) before the clock starts
                            for (long[] d = due.take(); d != stop; d = due.take()) {
                                int status = connection.send();
                                long end = System.nanoTime();
                                outstanding.release();
                                stats.answered(d[0], end, status, expect);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "load-" + t);
            th.setDaemon(true);
            th.start();
            senders.add(th);
        }
        for (long i = 0; i < total; i++) {
            long at = start + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            if (!outstanding.tryAcquire()) {
                stats.refused(at);
                continue;
            }
            due.add(new long[] {at});
        }
        for (int t = 0; t < maxOutstanding; t++) {
            due.add(stop);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (Thread th : senders) {
            th.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        stats.print(label);
    }

    /**
     * What an open-loop run records: for each request due after the warm-up, whether it succeeded and its latency
     * from the due time; requests refused for too many in flight count as errors. Prints the run's one line.
     */
    private static final class OpenLoop {
        static final long STALL_MS = 50;
        private final long measureFrom;
        private final int rate;
        private final int seconds;
        private final long[] latencies;
        private final java.util.concurrent.atomic.AtomicInteger recorded =
                new java.util.concurrent.atomic.AtomicInteger();
        private final AtomicLong ok = new AtomicLong();
        /** The errors by status (-1: the connection failed; 0: refused, too many in flight). */
        private final java.util.concurrent.ConcurrentSkipListMap<Integer, AtomicLong> unexpected =
                new java.util.concurrent.ConcurrentSkipListMap<>();

        /** The slowest answer of each measured second (by due time), to place a stall on the wall clock. */
        private final java.util.concurrent.atomic.AtomicLongArray slowest;

        OpenLoop(long measureFrom, int rate, int seconds) {
            this.measureFrom = measureFrom;
            this.rate = rate;
            this.seconds = seconds;
            this.latencies = new long[(int) ((long) rate * seconds + 16)];
            this.slowest = new java.util.concurrent.atomic.AtomicLongArray(seconds);
        }

        void refused(long due) {
            if (due >= measureFrom) {
                unexpected.computeIfAbsent(0, k -> new AtomicLong()).incrementAndGet();
            }
        }

        void answered(long due, long end, int status, int expect) {
            if (due < measureFrom) {
                return;
            }
            if (status == expect) {
                ok.incrementAndGet();
            } else {
                unexpected.computeIfAbsent(status, x -> new AtomicLong()).incrementAndGet();
            }
            int k = recorded.getAndIncrement();
            if (k < latencies.length) {
                latencies[k] = end - due;
            }
            int second = (int) ((due - measureFrom) / 1_000_000_000L);
            if (second < seconds) {
                slowest.accumulateAndGet(second, end - due, Math::max);
            }
        }

        /**
         * The seconds whose slowest answer took {@link #STALL_MS} or more, as wall-clock times (UTC) with that
         * answer's latency: {@code stalls=21:32:03.0(137ms),...}; to be read beside GC and database logs.
         */
        String stalls() {
            StringBuilder out = new StringBuilder();
            java.time.format.DateTimeFormatter hms =
                    java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(java.time.ZoneOffset.UTC);
            for (int i = 0; i < seconds; i++) {
                long worst = slowest.get(i);
                if (worst >= STALL_MS * 1_000_000L) {
                    long wall = epochMillis(measureFrom + i * 1_000_000_000L);
                    out.append(out.length() == 0 ? " stalls=" : ",")
                            .append(hms.format(java.time.Instant.ofEpochMilli(wall)))
                            .append('(')
                            .append(worst / 1_000_000L)
                            .append("ms)");
                }
            }
            return out.toString();
        }

        void print(String label) {
            long[] all = Arrays.copyOf(latencies, Math.min(recorded.get(), latencies.length));
            Arrays.sort(all);
            long errors =
                    unexpected.values().stream().mapToLong(AtomicLong::get).sum();
            StringBuilder why = new StringBuilder();
            unexpected.forEach((status, n) -> why.append(why.length() == 0 ? " unexpected=" : ",")
                    .append(status == 0 ? "refused" : status < 0 ? "io" : status.toString())
                    .append(':')
                    .append(n));
            long from = epochMillis(measureFrom);
            System.out.printf(
                    "%s rate=%d requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f%s%s from_ms=%d to_ms=%d%n",
                    label,
                    rate,
                    all.length,
                    errors,
                    ok.get() / (double) seconds,
                    pct(all, 0.50),
                    pct(all, 0.99),
                    why,
                    stalls(),
                    from,
                    from + seconds * 1000L);
        }
    }

    /** Wall clock minus {@link System#nanoTime()}, taken once: turns a nano time into a wall-clock instant. */
    private static final long WALL_MINUS_NANO = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    /** A {@link System#nanoTime()} instant as epoch milliseconds. */
    static long epochMillis(long nanoTime) {
        return (nanoTime + WALL_MINUS_NANO) / 1_000_000L;
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static SSLContext ssl(Map<String, List<String>> o) throws Exception {
        KeyManagerFactory kmf = null;
        if (o.containsKey("keystore")) {
            char[] pw = one(o, "password", "").toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(one(o, "keystore", null))) {
                ks.load(in, pw);
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
        }
        TrustManagerFactory tmf = null;
        if (o.containsKey("ca")) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            try (InputStream in = new FileInputStream(one(o, "ca", null))) {
                int n = 0;
                for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ts.setCertificateEntry("ca" + n++, (X509Certificate) c);
                }
            }
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return ctx;
    }

    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --name value ... (at " + args[i] + ")");
            }
            o.computeIfAbsent(args[i].substring(2), x -> new ArrayList<>()).add(args[++i]);
        }
        return o;
    }

    static String one(Map<String, List<String>> o, String name, String dflt) {
        List<String> v = o.get(name);
        if (v == null) {
            if (dflt == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return dflt;
        }
        return v.get(v.size() - 1);
    }
}
