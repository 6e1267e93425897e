package cn.tongban.server.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardThreadExecutor;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.catalog.demo.SimulatedDepartment;

/**
 * The demo's simulated provider systems as running HTTP servers: one embedded Tomcat, separate from the
 * application's, with a connector per department on loopback ports from a first port (in the dataset's order of
 * provider systems) and one servlet that answers by the connector's port. Used inside the server
 * ({@link SimulatedDepartments}) and on its own ({@code java -jar tongban.jar demo departments}), so that a load
 * run can keep the providers out of the exchange's JVM, as real departments are.
 *
 * <p>Until 2026-11-23 this was the JDK's {@code HttpServer}: under a burst of new keep-alive connections it
 * sometimes never read a request that had arrived, so the exchange waited its whole read timeout; {@code ss}
 * showed the request unread in the socket's receive queue.
 */
public final class DepartmentServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DepartmentServers.class);

    private final ObjectMapper mapper;
    /** Departments by the local port their connector listens on (filled once the ports are bound; read by Tomcat). */
    private final Map<Integer, SimulatedDepartment> byPort = new ConcurrentHashMap<>();

    private final Map<String, String> baseUrls = new LinkedHashMap<>();
    private Tomcat tomcat;
    private Path baseDir;

    private DepartmentServers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Starts every provider system of {@code data} on 127.0.0.1, from {@code firstPort} upwards (0: any free ports).
     *
     * @throws IllegalStateException when a port cannot be bound; nothing is left running
     */
    public static DepartmentServers start(DemoDataset data, ObjectMapper mapper, int firstPort) {
        DepartmentServers servers = new DepartmentServers(mapper);
        servers.startOn(data, firstPort);
        return servers;
    }

    /** The base URLs the provider systems of {@code data} have when started from {@code firstPort} (not 0). */
    public static Map<String, String> expectedBaseUrls(DemoDataset data, int firstPort) {
        if (firstPort <= 0 || firstPort > highestFirstPort(data)) {
            throw new IllegalArgumentException("the departments' first port must be 1.." + highestFirstPort(data)
                    + " when they run elsewhere, not " + firstPort);
        }
        Map<String, String> urls = new LinkedHashMap<>();
        int port = firstPort;
        for (String systemId : data.providerSystems()) {
            urls.put(systemId, "http://127.0.0.1:" + port++);
        }
        return urls;
    }

    private void startOn(DemoDataset data, int firstPort) {
        int port = firstPort;
        try {
            baseDir = Files.createTempDirectory("tongban-departments");
            tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            tomcat.getEngine().setName("simulated-departments");
            tomcat.getService().setName("simulated-departments");
            StandardThreadExecutor workers = new StandardThreadExecutor();
            workers.setName("simulated-department");
            workers.setNamePrefix("simulated-department-");
            workers.setMinSpareThreads(4);
            workers.setMaxThreads(32); // a department answers several calls at once, as a real one does
            tomcat.getService().addExecutor(workers);
            Map<String, Connector> connectors = new LinkedHashMap<>();
            for (String systemId : data.providerSystems()) {
                Connector connector = new Connector(Http11NioProtocol.class.getName());
                connector.setPort(port == 0 ? 0 : port++);
                connector.setProperty("address", "127.0.0.1");
                connector.setProperty("executor", workers.getName());
                connector.setProperty("acceptCount", "128");
                connector.setProperty("keepAliveTimeout", "60000");
                connector.setProperty("maxKeepAliveRequests", "-1");
                connector.setThrowOnFailure(true);
                tomcat.getService().addConnector(connector);
                connectors.put(systemId, connector);
            }
            StandardContext context = (StandardContext) tomcat.addContext("", null);
            // no web application to unload: the class loader's leak hunting only warns about missing --add-opens
            context.setClearReferencesObjectStreamClassCaches(false);
            context.setClearReferencesRmiTargets(false);
            context.setClearReferencesThreadLocals(false);
            Tomcat.addServlet(context, "departments", new DepartmentServlet());
            context.addServletMappingDecoded("/*", "departments");
            tomcat.start();
            for (var c : connectors.entrySet()) {
                String systemId = c.getKey();
                int localPort = c.getValue().getLocalPort();
                SimulatedDepartment dept = new SimulatedDepartment(data, systemId);
                byPort.put(localPort, dept);
                String url = "http://127.0.0.1:" + localPort;
                baseUrls.put(systemId, url);
                log.info(
                        "Simulated department {} serving {} resources at {}",
                        systemId,
                        dept.resources().size(),
                        url);
            }
        } catch (IOException | LifecycleException | RuntimeException e) {
            close();
            throw new IllegalStateException(
                    "cannot start the simulated departments on ports from " + firstPort
                            + " (choose a free first port, or 0 for any): " + e.getMessage(),
                    e);
        }
    }

    /** Base URL of each simulated provider system, by system id, in the dataset's order. */
    public synchronized Map<String, String> baseUrls() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(baseUrls));
    }

    /** The highest first port from which every provider system of {@code data} still gets a port. */
    public static int highestFirstPort(DemoDataset data) {
        return 65536 - data.providerSystems().size();
    }

    private final class DepartmentServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            SimulatedDepartment dept = byPort.get(request.getLocalPort());
            Optional<ObjectNode> answer = dept != null && "GET".equals(request.getMethod())
                    ? dept.answer(request.getPathInfo() == null ? "/" : request.getPathInfo())
                    : Optional.empty();
            byte[] body = answer.isPresent()
                    ? mapper.writeValueAsBytes(answer.get())
                    : ("{\"error\":\"no such resource endpoint at " + (dept == null ? "?" : dept.systemId()) + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
            response.setStatus(answer.isPresent() ? 200 : 404);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** Stops the servers and frees their ports; idempotent. */
    @Override
    public synchronized void close() {
        if (tomcat != null) {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                log.warn("Simulated departments did not stop cleanly: {}", e.getMessage());
            }
            tomcat = null;
        }
        if (baseDir != null) {
            try {
                FileSystemUtils.deleteRecursively(baseDir);
            } catch (IOException e) {
                log.warn("Cannot delete {}: {}", baseDir, e.getMessage());
            }
            baseDir = null;
        }
        byPort.clear();
        baseUrls.clear();
    }
}
