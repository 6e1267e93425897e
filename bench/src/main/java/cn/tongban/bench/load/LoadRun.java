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
 * A response counts as an error unless its status is {@code --expect} (default 200).
 */
public final class LoadRun {

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> o = parse(args);
        String label = one(o, "label", "run");
        URI url = URI.create(one(o, "url", null));
        String method = one(o, "method", "GET");
        byte[] body = o.containsKey("body") ? Files.readAllBytes(Path.of(one(o, "body", null))) : new byte[0];
        int concurrency = Integer.parseInt(one(o, "concurrency", "16"));
        int seconds = Integer.parseInt(one(o, "seconds", "20"));
        int warmup = Integer.parseInt(one(o, "warmup", "5"));
        int expect = Integer.parseInt(one(o, "expect", "200"));

        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (o.containsKey("keystore") || o.containsKey("ca")) {
            b.sslContext(ssl(o));
        }
        HttpClient client = b.build();
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        for (String h : o.getOrDefault("header", List.of())) {
            int i = h.indexOf(':');
            rb.header(h.substring(0, i).trim(), h.substring(i + 1).trim());
        }
        HttpRequest request = rb.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build();

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
            Thread th = new Thread(() -> {
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        int status;
                        try {
                            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (IOException e) {
                            status = -1;
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
                    done.countDown();
                }
            }, "load-" + t);
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
        System.out.printf("%s requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f%n", label, total, errors.get(),
                total / (double) seconds, pct(all, 0.50), pct(all, 0.99));
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
