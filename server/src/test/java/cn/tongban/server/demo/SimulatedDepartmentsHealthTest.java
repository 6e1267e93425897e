package cn.tongban.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import cn.tongban.catalog.demo.DemoDataset;

/** Health goes DOWN, naming the department, when a simulated department no longer answers. */
class SimulatedDepartmentsHealthTest {

    @Test
    void runningDepartmentsAreUpAndStoppedOnesAreDownByName() {
        DepartmentServers servers = DepartmentServers.start(DemoDataset.load(), new ObjectMapper(), 0);
        Map<String, String> urls = servers.baseUrls();
        SimulatedDepartmentsHealth health = new SimulatedDepartmentsHealth(() -> urls);
        try {
            Health up = health.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsOnlyKeys(urls.keySet().toArray(String[]::new));
        } finally {
            servers.close();
        }
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().values())
                .allSatisfy(v -> assertThat(v.toString()).startsWith("DOWN: "));
    }

    @Test
    void aDepartmentThatAcceptsButNeverAnswersIsDown() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            SimulatedDepartmentsHealth health = new SimulatedDepartmentsHealth(
                    () -> Map.of("ps-household-registry", "http://127.0.0.1:" + silent.getLocalPort()));
            Health h = health.health();
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails().get("ps-household-registry").toString()).contains("no answer within 2 s");
        }
    }

    @Test
    void silentDepartmentsAreProbedAtOnceSoTheCheckTakesOneLimitNotOnePerDepartment() throws Exception {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        try (java.net.ServerSocket a = new java.net.ServerSocket(0, 50, loopback);
                java.net.ServerSocket b = new java.net.ServerSocket(0, 50, loopback);
                java.net.ServerSocket c = new java.net.ServerSocket(0, 50, loopback)) {
            Map<String, String> urls = new java.util.LinkedHashMap<>();
            urls.put("ps-household-registry", "http://127.0.0.1:" + a.getLocalPort());
            urls.put("smr-registration", "http://127.0.0.1:" + b.getLocalPort());
            urls.put("hc-birth-registry", "http://127.0.0.1:" + c.getLocalPort());
            SimulatedDepartmentsHealth health = new SimulatedDepartmentsHealth(() -> urls);
            long start = System.nanoTime();
            Health h = health.health();
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails())
                    .containsOnlyKeys("ps-household-registry", "smr-registration", "hc-birth-registry");
            assertThat(tookMillis)
                    .as("three silent departments, 2 s limit each, probed in parallel")
                    .isLessThan(4_000);
        }
    }
}
