package cn.tongban.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import cn.tongban.catalog.demo.DemoDataset;

/** {@code demo departments}: the simulated providers on their own, for a server with departments=external. */
class DemoDepartmentsCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(DemoDepartmentsCommand command, String... args) {
        return new CommandLine(List.of(command))
                .run(
                        args,
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsEachDepartmentsUrlAnswersWhileRunningAndFreesThePortsAfterwards() throws Exception {
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        List<Integer> statuses = new ArrayList<>();
        int code = run(
                new DemoDepartmentsCommand(servers -> {
                    seen.set(servers.baseUrls());
                    String printed = out.toString(StandardCharsets.UTF_8);
                    servers.baseUrls().forEach((id, url) -> assertThat(printed).contains(id + " " + url));
                    try {
                        HttpClient http = HttpClient.newHttpClient();
                        statuses.add(http.send(
                                        HttpRequest.newBuilder(URI.create(
                                                        servers.baseUrls().get("smr-registration")
                                                                + "/market-entities/91310104MA1JG7LC4B"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode());
                        statuses.add(http.send(
                                        HttpRequest.newBuilder(URI.create(servers.baseUrls()
                                                                .get("smr-registration") + "/no-such-endpoint"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }),
                "demo",
                "departments",
                "--first-port",
                "0");
        assertThat(code).isZero();
        assertThat(statuses).containsExactly(200, 404);
        assertThat(seen.get()).containsOnlyKeys(DemoDataset.load().providerSystems());
        URI url = URI.create(seen.get().get("smr-registration"));
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aBadFirstPortIsAUsageError() {
        DemoDepartmentsCommand never = new DemoDepartmentsCommand(s -> {
            throw new AssertionError("must not start");
        });
        assertThat(run(never, "demo", "departments", "--first-port", "eighty")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--first-port must be a whole number, not 'eighty'")
                .contains("usage: java -jar tongban.jar demo departments");
        assertThat(run(never, "demo", "departments", "--first-port", "65535")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--first-port must be 0 (any free ports) or 1..");
        assertThat(run(never, "demo", "departments", "--first-port", "-1")).isEqualTo(64);
    }

    @Test
    void aPortInUseExits69AndLeavesNothingListening() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run(
                    new DemoDepartmentsCommand(s -> {
                        throw new AssertionError("must not start");
                    }),
                    "demo",
                    "departments",
                    "--first-port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(code).isEqualTo(69);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("cannot start the simulated departments on ports from " + taken.getLocalPort());
            assertThat(out.size()).isZero();
        }
    }
}
