package cn.tongban.bench.licence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.spi.client.http.MemoryDataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;

import cn.tongban.trust.pki.KeyAlgorithm;

/**
 * The loopback side of the HTTP comparison ({@code scripts/bench-verify.sh}): makes the three 200 KB licence PDFs
 * (RSA-2048, ECDSA P-256, SM2) with CRL distribution points on loopback, writes them and the roots as a Tongban
 * anchor directory ({@code DIR/<alg>.pdf}, {@code DIR/anchors/licence-issuer/<alg>.pem}), serves each issuer's CRLs
 * on a port of its own ({@code PORT+1..PORT+3}, {@code GET /crl/*.crl}; OCSP requests get 404, so both verifiers
 * use CRLs), and serves EU DSS 6.4 as an HTTP verifier on {@code PORT}: {@code POST /dss} with the PDF as body →
 * {@code {"indication":"..."}} (default policy, the RSA and ECDSA roots trusted, intermediates adjunct, the same
 * CRLs). Writes {@code DIR/ready} when listening.
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.tongban.bench.licence.LicenceFixtureServer DIR PORT [THREADS]</pre>
 */
public final class LicenceFixtureServer {

    private LicenceFixtureServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LicenceFixtureServer DIR PORT [THREADS]");
            System.exit(64);
        }
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int threads = args.length > 2
                ? Integer.parseInt(args[2])
                : 2 * Runtime.getRuntime().availableProcessors();
        Path anchors = Files.createDirectories(dir.resolve("anchors").resolve("licence-issuer"));
        Map<String, byte[]> crls = new HashMap<>();
        List<LicenceBenchFiles> all = new ArrayList<>();
        List<KeyAlgorithm> algorithms = List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P256, KeyAlgorithm.SM2);
        for (int i = 0; i < algorithms.size(); i++) {
            KeyAlgorithm alg = algorithms.get(i);
            String name = alg.name().toLowerCase(Locale.ROOT);
            // Each issuer publishes its CRLs at /crl/... on a port of its own (PORT+1, +2, +3).
            LicenceBenchFiles files =
                    LicenceBenchFiles.make(alg, URI.create("http://127.0.0.1:" + (port + 1 + i) + "/"), 200 * 1024);
            all.add(files);
            crls.putAll(files.crls);
            Files.write(dir.resolve(name + ".pdf"), files.pdf);
            Files.writeString(anchors.resolve(name + ".pem"), pem(files.root()));
        }
        // One DSS verifier for the issuers (DSS 6.4 cannot read SM2 certificates: RSA and ECDSA only), as one DSS
        // service would be configured.
        CommonCertificateVerifier cv = new CommonCertificateVerifier();
        var trusted = new eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource();
        var adjunct = new eu.europa.esig.dss.spi.x509.CommonCertificateSource();
        all.stream().filter(f -> f.algorithm != KeyAlgorithm.SM2).forEach(f -> {
            trusted.addCertificate(new CertificateToken(f.root()));
            adjunct.addCertificate(new CertificateToken(f.intermediate()));
        });
        cv.setTrustedCertSources(trusted);
        cv.setAdjunctCertSources(adjunct);
        cv.setCrlSource(new OnlineCRLSource(new MemoryDataLoader(new HashMap<>(crls))));
        cv.setOcspSource(null);
        cv.setAIASource(null);
        DssPdfVerifier dss = new DssPdfVerifier(cv);

        for (int i = 0; i < algorithms.size(); i++) {
            int crlPort = port + 1 + i;
            HttpServer crlServer = HttpServer.create(new InetSocketAddress("127.0.0.1", crlPort), 64);
            crlServer.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    byte[] crl = "GET".equals(exchange.getRequestMethod())
                            ? crls.get("http://127.0.0.1:" + crlPort
                                    + exchange.getRequestURI().getPath())
                            : null;
                    send(exchange, crl == null ? 404 : 200, crl == null ? new byte[0] : crl, "application/pkix-crl");
                }
            });
            crlServer.start();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if ("POST".equals(exchange.getRequestMethod()) && path.equals("/dss")) {
                    byte[] pdf;
                    try (InputStream in = exchange.getRequestBody()) {
                        pdf = in.readAllBytes();
                    }
                    String verdict;
                    try {
                        verdict = DssPdfVerifier.verdict(dss.validate(pdf));
                    } catch (RuntimeException e) {
                        verdict = "ERROR " + e.getClass().getSimpleName();
                    }
                    send(
                            exchange,
                            200,
                            ("{\"indication\":\"" + verdict + "\"}").getBytes(StandardCharsets.UTF_8),
                            "application/json");
                } else {
                    exchange.getRequestBody().readAllBytes();
                    send(exchange, 404, new byte[0], "text/plain");
                }
            }
        });
        server.start();
        Files.writeString(dir.resolve("ready"), "listening on " + port + "\n");
        System.out.println("licence fixtures in " + dir + ", CRLs and POST /dss on 127.0.0.1:" + port);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String pem(X509Certificate c) throws CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
