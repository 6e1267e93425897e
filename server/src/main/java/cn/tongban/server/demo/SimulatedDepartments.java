package cn.tongban.server.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.catalog.demo.SimulatedDepartment;
import cn.tongban.server.config.TongbanProperties;

/**
 * Demo mode: the three simulated departmental provider systems (household registry, market-entity
 * registration, marriage registry), each an HTTP server on loopback answering its resources' endpoints.
 */
@Component
@Profile("demo")
public class SimulatedDepartments implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SimulatedDepartments.class);

    private final TongbanProperties props;
    private final ObjectMapper mapper;
    private final DemoDataset data;
    private final List<HttpServer> servers = new ArrayList<>();
    private final Map<String, String> baseUrls = new LinkedHashMap<>();

    public SimulatedDepartments(DemoDataset data, TongbanProperties props, ObjectMapper mapper) {
        this.data = data;
        this.props = props;
        this.mapper = mapper;
    }

    /** Started before the exchange's routes (which need the ports) and before the web server takes requests. */
    private java.util.concurrent.ExecutorService workers;

    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public synchronized void start() {
        // The JDK server writes headers and body in separate packets; without TCP_NODELAY every keep-alive answer
        // waits ~40 ms for the client's delayed ACK (Nagle). Read once, when the server classes first load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = props.demo().firstPort();
        for (String systemId : data.providerSystems()) {
            SimulatedDepartment dept = new SimulatedDepartment(data, systemId);
            try {
                HttpServer server = HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port == 0 ? 0 : port++), 16);
                server.createContext("/", exchange -> handle(dept, exchange));
                if (workers == null) {
                    workers = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                        Thread t = new Thread(r, "simulated-department");
                        t.setDaemon(true);
                        return t;
                    });
                }
                server.setExecutor(workers);   // a department answers several calls at once, as a real one does
                server.start();
                servers.add(server);
                String url = "http://127.0.0.1:" + server.getAddress().getPort();
                baseUrls.put(systemId, url);
                log.info("Simulated department {} serving {} resources at {}", systemId, dept.resources().size(), url);
            } catch (IOException e) {
                stop();
                throw new UncheckedIOException("cannot start simulated department " + systemId
                        + " (set tongban.demo.first-port to a free port, or 0 for any)", e);
            }
        }
    }

    /** Base URL of each simulated provider system, by system id. */
    public synchronized Map<String, String> baseUrls() {
        return Map.copyOf(baseUrls);
    }

    private void handle(SimulatedDepartment dept, HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<ObjectNode> answer = "GET".equals(exchange.getRequestMethod())
                    ? dept.answer(exchange.getRequestURI().getPath()) : Optional.empty();
            int status = answer.isPresent() ? 200 : 404;
            byte[] body = answer.isPresent() ? mapper.writeValueAsBytes(answer.get())
                    : ("{\"error\":\"no such resource endpoint at " + dept.systemId() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public synchronized void stop() {
        servers.forEach(s -> s.stop(0));
        servers.clear();
        if (workers != null) {
            workers.shutdownNow();
            workers = null;
        }
        baseUrls.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !servers.isEmpty();
    }
}
