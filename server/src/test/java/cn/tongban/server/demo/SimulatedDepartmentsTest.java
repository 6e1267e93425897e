package cn.tongban.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.server.config.TongbanProperties;

/** The demo's provider systems answer like real ones: many new connections at once, keep-alive, 404 otherwise. */
class SimulatedDepartmentsTest {

    static final String ENTITY = "91310104MA1JG7LC4B";

    final ObjectMapper mapper = new ObjectMapper();
    SimulatedDepartments departments;
    URI registration;

    @BeforeEach
    void start() {
        departments = departments(0);
        departments.start();
        registration = URI.create(departments.baseUrls().get("smr-registration"));
    }

    SimulatedDepartments departments(int firstPort) {
        return departments(firstPort, TongbanProperties.Demo.Departments.IN_PROCESS);
    }

    SimulatedDepartments departments(int firstPort, TongbanProperties.Demo.Departments where) {
        return new SimulatedDepartments(
                DemoDataset.load(),
                new TongbanProperties(
                        "n1",
                        new TongbanProperties.Pki(Path.of("pki"), true),
                        new TongbanProperties.Security(List.of(), "roles", "org_code"),
                        new TongbanProperties.Web(DataSize.ofMegabytes(1)),
                        new TongbanProperties.Cluster("t", 5701, "127.0.0.1", List.of()),
                        new TongbanProperties.Demo(true, firstPort, where)),
                mapper);
    }

    @AfterEach
    void stop() {
        departments.stop();
    }

    @Test
    void eachProviderSystemListensOnItsOwnLoopbackPort() {
        assertThat(departments.baseUrls()).containsOnlyKeys(DemoDataset.load().providerSystems());
        assertThat(departments.baseUrls().values())
                .allMatch(u -> u.startsWith("http://127.0.0.1:"))
                .doesNotHaveDuplicates();
        assertThat(departments.isRunning()).isTrue();
    }

    @Test
    void answersAResourceEndpointWithTheSubjectsRecords() throws IOException {
        try (Socket s = connect()) {
            Answer a = get(s, "GET", "/market-entities/" + ENTITY);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.contentType()).startsWith("application/json");
            JsonNode body = mapper.readTree(a.body());
            assertThat(body.path("resourceCode").asText()).isEqualTo("310000-102001-00001");
            assertThat(body.path("subject").asText()).isEqualTo(ENTITY);
            assertThat(body.path("records").size()).isPositive();
        }
    }

    @Test
    void unknownPathsAndOtherMethodsAre404WithAJsonError() throws IOException {
        try (Socket s = connect()) {
            Answer unknown = get(s, "GET", "/no/such/endpoint");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(mapper.readTree(unknown.body()).path("error").asText()).contains("smr-registration");
            Answer post = get(s, "POST", "/market-entities/" + ENTITY); // same connection: kept alive after a 404
            assertThat(post.status()).isEqualTo(404);
        }
        // another department's endpoint is not served here
        try (Socket s = connect()) {
            assertThat(get(s, "GET", "/household/residents/310104199001011234").status())
                    .isEqualTo(404);
        }
    }

    /**
     * The JDK's HttpServer, which this replaced, sometimes left a request unread when a burst of new keep-alive
     * connections arrived, and the exchange waited out its read timeout. 64 new connections at once, three
     * requests each, all answered within a short read timeout.
     */
    @Test
    void aBurstOfNewKeepAliveConnectionsIsAnsweredInFull() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answered.add(pool.submit((Callable<Integer>) () -> {
                    int ok = 0;
                    try (Socket s = connect()) {
                        for (int r = 0; r < 3; r++) {
                            ok += get(s, "GET", "/market-entities/" + ENTITY).status() == 200 ? 1 : 0;
                        }
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : answered) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(64 * 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPortInUseIsAClearStartFailureThatLeavesNothingRunning() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SimulatedDepartments other = departments(taken.getLocalPort());
            assertThatThrownBy(other::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tongban.demo.first-port");
            assertThat(other.isRunning()).isFalse();
            assertThat(other.baseUrls()).isEmpty();
        }
    }

    @Test
    void stopClosesThePorts() {
        departments.stop();
        assertThat(departments.isRunning()).isFalse();
        assertThat(departments.baseUrls()).isEmpty();
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
    }

    @Test
    void externalDepartmentsAreExpectedAtTheirPortsFromTheFirstAndNothingListensHere() throws IOException {
        SimulatedDepartments external = departments(28081, TongbanProperties.Demo.Departments.EXTERNAL);
        external.start();
        try {
            List<String> systems = DemoDataset.load().providerSystems();
            assertThat(external.baseUrls())
                    .hasSize(systems.size())
                    .containsEntry(systems.get(0), "http://127.0.0.1:28081")
                    .containsEntry(systems.get(1), "http://127.0.0.1:28082");
            assertThat(external.isRunning()).isTrue();
            assertThatThrownBy(() -> new Socket("127.0.0.1", 28081).close()).isInstanceOf(ConnectException.class);
        } finally {
            external.stop();
        }
        assertThat(external.baseUrls()).isEmpty();
    }

    @Test
    void externalDepartmentsNeedAFixedFirstPort() {
        SimulatedDepartments external = departments(0, TongbanProperties.Demo.Departments.EXTERNAL);
        assertThatThrownBy(external::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tongban.demo.departments=external")
                .hasMessageContaining("tongban.demo.first-port");
        assertThat(external.isRunning()).isFalse();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(registration.getHost(), registration.getPort());
        s.setSoTimeout(3_000);
        return s;
    }

    record Answer(int status, String contentType, String body) {}

    /** One HTTP/1.1 exchange on a kept-alive connection; the answer must carry a Content-Length. */
    private static Answer get(Socket s, String method, String path) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int status = Integer.parseInt(readLine(s).split(" ")[1]);
        int length = -1;
        String contentType = "";
        for (String h = readLine(s); !h.isEmpty(); h = readLine(s)) {
            String name = h.substring(0, h.indexOf(':')).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(h.indexOf(':') + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("content-type")) {
                contentType = value;
            }
        }
        assertThat(length).as("Content-Length").isNotNegative();
        byte[] body = s.getInputStream().readNBytes(length);
        return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads a CRLF-terminated header line byte by byte, so no body bytes are buffered away. */
    private static String readLine(Socket s) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = s.getInputStream().read();
                c != '\n';
                c = s.getInputStream().read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-header");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
