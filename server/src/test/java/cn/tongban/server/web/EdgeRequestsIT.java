package cn.tongban.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.coyote.http11.AbstractHttp11JsseProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.server.TestPkiDir;

/**
 * What a hostile client can send before the API sees it, over real HTTPS: paths, headers and methods Tomcat refuses
 * itself, text that is not Unicode, authorisations dated 1970 or 9999, and the TLS the connector offers. Every
 * refusal is problem+json with a stable code.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:edge-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5931"
        })
@ActiveProfiles("demo")
class EdgeRequestsIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String IDENTITY = "310000-101002-00001";
    static final String MARKET_ENTITY = "310000-102001-00001";

    @DynamicPropertySource
    static void pki(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    ServletWebServerApplicationContext server;

    @Test
    void encodedSlashBackslashAndNulInThePathAre400ProblemJson() throws Exception {
        for (String path : new String[] {
            "/api/v1/catalogue/resources/a%2Fb",
            "/api/v1/catalogue/resources/a%5Cb",
            "/api/v1/catalogue/resources/a%00b",
            "/api/v1/catalogue/resources/a%2f..%2f..%2fetc"
        }) {
            Raw r = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertProblem(r, 400, "REQUEST_REJECTED");
        }
    }

    @Test
    void headersAndUrlsOverTheLimitAreProblemJson() throws Exception {
        Raw header = raw("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(9_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(header.status).isIn(400, 431);
        assertProblem(header, header.status, header.status == 431 ? "REQUEST_HEADERS_TOO_LARGE" : "REQUEST_REJECTED");
        Raw url = raw("GET /api/v1/catalogue/resources?q=" + "a".repeat(9_000)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(url.status).isIn(400, 414, 431);
        assertProblem(url, url.status, url.status == 400 ? "REQUEST_REJECTED" : "REQUEST_HEADERS_TOO_LARGE");
    }

    @Test
    void traceIs405ProblemJson() throws Exception {
        Raw r = raw("TRACE /api/v1/exchange/me HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertProblem(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.head).containsIgnoringCase("Allow: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        assertProblem(
                raw("BREW /api/v1/exchange/me HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                405,
                "METHOD_NOT_ALLOWED");
    }

    @Test
    void aPathTheFirewallRefusesIs400ProblemJson() throws Exception {
        assertProblem(
                raw("GET /api/v1/exchange/me;jsessionid=x HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                        + "\r\n\r\n"),
                400,
                "REQUEST_REJECTED");
        assertProblem(
                raw("GET /api/v1/%2e%2e/actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close" + "\r\n\r\n"),
                400,
                "REQUEST_REJECTED");
    }

    @Test
    void aLoneSurrogateOrNulInRequestJsonIs400NotA502() throws Exception {
        String[] bodies = {
            "{\"subjects\":[\"\\ud800\"],\"purpose\":\"食品经营许可审查\",\"operator\":\"clerk-7\"}",
            "{\"subjects\":[\"91310104MA1JG7LC4B\\udc00\"],\"purpose\":\"食品经营许可审查\",\"operator\":\"clerk-7\"}",
            "{\"subjects\":[\"91310104MA1JG7LC4B\"],\"purpose\":\"食品经营许可审查\",\"operator\":\"clerk\\u0000\"}",
            "{\"subjects\":[\"91310104MA1JG7LC4B\"],\"purpose\":\"\\uffff\",\"operator\":\"clerk-7\"}"
        };
        for (String body : bodies) {
            HttpResponse<String> r = post(
                    "/api/v1/exchange/resources/" + MARKET_ENTITY + "/query",
                    "city-service-window",
                    body.getBytes(StandardCharsets.UTF_8));
            JsonNode p = assertProblem(r, 400, "MALFORMED_REQUEST");
            assertThat(p.path("detail").asText()).contains("not valid Unicode text");
        }
        // the same surrogate as raw (CESU-style) UTF-8 bytes rather than an escape
        byte[] head = "{\"subjects\":[\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"],\"purpose\":\"食品经营许可审查\",\"operator\":\"clerk-7\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write(head);
        raw.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        raw.write(tail);
        assertProblem(
                post(
                        "/api/v1/exchange/resources/" + MARKET_ENTITY + "/query",
                        "city-service-window",
                        raw.toByteArray()),
                400,
                "MALFORMED_REQUEST");
        // ... while a real supplementary character (a CJK Extension B ideograph) passes the edge
        HttpResponse<String> ok = post(
                "/api/v1/verifications/identifiers",
                "city-service-window",
                "{\"type\":\"ORGANIZATION_CODE\",\"value\":\"\\ud840\\udc0b\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void authorisationsDated1970Or9999AreRefused() throws Exception {
        String base = "{\"resourceCode\":\"" + IDENTITY + "\",\"serviceItemCode\":\"310000-XK-0001\","
                + "\"fields\":[\"name\"],\"legalBasis\":\"《食品经营许可和备案管理办法》第十条\",";
        JsonNode old = assertProblem(
                post(
                        "/api/v1/catalogue/authorisations",
                        "smr-licensing",
                        (base
                                        + "\"purpose\":\"边界-1970\",\"validFrom\":\"1970-01-01T00:00:00Z\",\"validUntil\":\""
                                        + java.time.Instant.now().plus(java.time.Duration.ofDays(30)) + "\"}")
                                .getBytes(StandardCharsets.UTF_8)),
                400,
                "VALIDATION_FAILED");
        assertThat(old.path("errors").findValuesAsText("code")).contains("BACKDATED_VALIDITY");
        JsonNode far = assertProblem(
                post(
                        "/api/v1/catalogue/authorisations",
                        "smr-licensing",
                        (base + "\"purpose\":\"边界-9999\",\"validUntil\":\"9999-12-31T00:00:00Z\"}")
                                .getBytes(StandardCharsets.UTF_8)),
                400,
                "VALIDATION_FAILED");
        assertThat(far.path("errors").findValuesAsText("code")).contains("VALIDITY_TOO_LONG");
        assertThat(far.path("errors").findValuesAsText("field")).contains("validUntil");
        JsonNode farStart = assertProblem(
                post(
                        "/api/v1/catalogue/authorisations",
                        "smr-licensing",
                        (base + "\"purpose\":\"边界-9999-from\",\"validFrom\":\"9999-01-01T00:00:00Z\"}")
                                .getBytes(StandardCharsets.UTF_8)),
                400,
                "VALIDATION_FAILED");
        assertThat(farStart.path("errors").findValuesAsText("code")).contains("VALIDITY_TOO_LONG");
        // within the bounds: granted (the identity resource is unconditional)
        HttpResponse<String> ok = post(
                "/api/v1/catalogue/authorisations",
                "smr-licensing",
                (base
                                + "\"purpose\":\"边界-ok\",\"validFrom\":\""
                                + java.time.Instant.now().minusSeconds(3600)
                                + "\",\"validUntil\":\""
                                + java.time.Instant.now().plus(java.time.Duration.ofDays(4 * 365)) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void tlsOffersNoCbcSuiteAndNegotiatesAnAeadOne() throws Exception {
        assertThatThrownBy(() -> handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"))
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
                .isEqualTo("TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"))
                .isEqualTo("TLSv1.2 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(handshake(null, null)).startsWith("TLSv1.3 TLS_AES_");
        var tomcat = (TomcatWebServer) server.getWebServer();
        var protocol = (AbstractHttp11JsseProtocol<?>)
                tomcat.getTomcat().getConnector().getProtocolHandler();
        assertThat(protocol.findSslHostConfigs())
                .allSatisfy(h -> assertThat(h.getHonorCipherOrder()).isTrue());
    }

    @Test
    void theDemoListensOnLoopbackOnly() throws Exception {
        var tomcat = (TomcatWebServer) server.getWebServer();
        Object address = tomcat.getTomcat().getConnector().getProperty("address");
        assertThat(address).isInstanceOf(InetAddress.class);
        assertThat(((InetAddress) address).isLoopbackAddress()).isTrue();
        Optional<InetAddress> other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        if (other.isPresent()) { // this machine has another address: nothing answers there
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(new InetSocketAddress(other.get(), port), 2_000))
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    // --- helpers

    private String handshake(String protocol, String suite) throws Exception {
        SSLContext ctx = PKI.client(null).sslContext();
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", port)) {
            if (protocol != null) {
                s.setEnabledProtocols(new String[] {protocol});
                s.setEnabledCipherSuites(new String[] {suite});
            }
            s.setSoTimeout(10_000);
            s.startHandshake();
            return s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
        }
    }

    private Raw raw(String request) throws IOException {
        SSLContext ctx = PKI.client(null).sslContext();
        try (Socket s = ctx.getSocketFactory().createSocket("localhost", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    all.write(buf, 0, n);
                }
            } catch (javax.net.ssl.SSLException | java.net.SocketException closed) {
                // the server may close without close_notify after an error
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Raw(status, head, body);
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    record Raw(int status, String head, String body) {}

    private JsonNode assertProblem(Raw r, int status, String code) throws IOException {
        assertThat(r.status).as(r.head + "\n\n" + r.body).isEqualTo(status);
        assertThat(r.head.toLowerCase(java.util.Locale.ROOT))
                .as(r.head)
                .contains("content-type: application/problem+json");
        JsonNode p = mapper.readTree(r.body);
        assertThat(p.path("code").asText()).as(r.body).isEqualTo(code);
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(r.body).doesNotContain("Apache Tomcat").doesNotContain("<html");
        return p;
    }

    private JsonNode assertProblem(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = mapper.readTree(r.body());
        assertThat(p.path("code").asText()).as(r.body()).isEqualTo(code);
        return p;
    }

    private HttpResponse<String> post(String path, String system, byte[] body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return PKI.client(system).send(req, HttpResponse.BodyHandlers.ofString());
    }
}
