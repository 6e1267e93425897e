package cn.tongban.server.demo;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.server.config.TongbanProperties.Demo.Departments;

/**
 * Demo mode: the simulated departmental provider systems (household registry, market-entity registration,
 * marriage registry, birth certificates), each an HTTP server on loopback answering its resources' endpoints —
 * started here ({@code tongban.demo.departments=in-process}) or expected at their ports from another process
 * ({@code external}: {@code java -jar tongban.jar demo departments}).
 */
@Component
@Profile("demo")
public class SimulatedDepartments implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SimulatedDepartments.class);

    private final TongbanProperties props;
    private final ObjectMapper mapper;
    private final DemoDataset data;
    private DepartmentServers servers;
    private Map<String, String> baseUrls = Map.of();
    private boolean running;

    public SimulatedDepartments(DemoDataset data, TongbanProperties props, ObjectMapper mapper) {
        this.data = data;
        this.props = props;
        this.mapper = mapper;
    }

    /** Started before the exchange's routes (which need the ports) and before the web server takes requests. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public synchronized void start() {
        if (props.demo().departments() == Departments.EXTERNAL) {
            try {
                baseUrls = DepartmentServers.expectedBaseUrls(data, props.demo().firstPort());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "tongban.demo.departments=external: " + e.getMessage()
                                + " (set tongban.demo.first-port to the port given to 'demo departments --first-port')",
                        e);
            }
            log.info(
                    "Simulated departments run in another process (tongban.demo.departments=external), expected at {}",
                    baseUrls);
        } else {
            try {
                servers = DepartmentServers.start(data, mapper, props.demo().firstPort());
            } catch (IllegalStateException e) {
                throw new IllegalStateException(
                        e.getMessage() + " (set tongban.demo.first-port to a free port, or 0 for any)", e.getCause());
            }
            baseUrls = servers.baseUrls();
        }
        running = true;
    }

    /** Base URL of each simulated provider system, by system id. */
    public synchronized Map<String, String> baseUrls() {
        return baseUrls;
    }

    @Override
    public synchronized void stop() {
        if (servers != null) {
            servers.close();
            servers = null;
        }
        baseUrls = Map.of();
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
