package cn.tongban.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.audit.AccessEntry;
import cn.tongban.audit.AccessLog;
import cn.tongban.audit.AccessLogQuery;
import cn.tongban.catalog.DepartmentRepository;
import cn.tongban.catalog.Page;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ServiceItemRepository;
import cn.tongban.catalog.SharingType;
import cn.tongban.server.security.SystemDirectory;

/**
 * The production store: a real PostgreSQL server (embedded binaries, started by the test on loopback) under
 * the {@code postgres} profile. Flyway migrates it, the demo seeds it, the repositories read it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"tongban.demo.first-port=0", "tongban.pki.tls=false", "tongban.cluster.port=5901"})
@ActiveProfiles({"postgres", "demo"})
class PostgresIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final EmbeddedPostgres POSTGRES = start();

    static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @Autowired
    ResourceRepository resources;

    @Autowired
    ServiceItemRepository serviceItems;

    @Autowired
    DepartmentRepository departments;

    @Autowired
    SystemDirectory directory;

    @Autowired
    AccessLog accessLog;

    @Test
    void theDemoCatalogueIsSeededAndSearchableOnPostgres() {
        Page<Resource> conditional = resources.search(null, null, SharingType.CONDITIONAL, 0, 50);
        assertThat(conditional.totalElements()).isGreaterThanOrEqualTo(3);
        assertThat(conditional.items()).allMatch(r -> r.sharingType() == SharingType.CONDITIONAL);

        Page<Resource> byWord = resources.search("户籍", null, null, 0, 10);
        assertThat(byWord.items()).extracting(Resource::code).contains("310000-101001-00001");
        Page<Resource> paged = resources.search(null, null, null, 1, 2);
        assertThat(paged.items()).hasSize(2);
        assertThat(paged.totalPages()).isEqualTo((int) ((paged.totalElements() + 1) / 2));
        // LIKE wildcards in the query are literal text, not patterns.
        assertThat(resources.search("%", null, null, 0, 10).totalElements()).isZero();

        assertThat(resources.find("310000-101001-00001")).hasValueSatisfying(r -> {
            assertThat(r.items()).isNotEmpty();
            assertThat(r.sharingBasis()).isNotBlank();
            assertThat(r.providerName()).isEqualTo("上海市公安局");
        });
        assertThat(serviceItems.find("310000-QR-0001"))
                .hasValueSatisfying(i -> assertThat(i.proofs())
                        .anyMatch(p -> p.satisfiedBy().equals("PAPER") && p.paperReason() != null));
        assertThat(departments.departmentsWithSystems()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void registeredCertificatesResolveToSystems() throws Exception {
        var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(java.nio.file.Files.newInputStream(PKI.layout.clientCertificate("smr-licensing")));
        assertThat(directory.bySha256(cn.tongban.trust.pki.Certificates.sha256Fingerprint(cert)))
                .hasValueSatisfying(p -> assertThat(p.systemId()).isEqualTo("smr-licensing"));
        assertThat(directory.bySha256("0".repeat(64))).isEmpty();
    }

    @Test
    void theAccessLogAppendsAndPagesNewestFirst() {
        Instant t = Instant.parse("2026-11-01T08:00:00Z");
        for (int i = 0; i < 5; i++) {
            accessLog.append(new AccessEntry(
                    0,
                    t.plusSeconds(i),
                    "n1",
                    "pg-test",
                    "CATALOGUE_READ",
                    "R" + i,
                    AccessEntry.Outcome.OK,
                    null,
                    "c" + i));
        }
        var first = accessLog.search(new AccessLogQuery(null, null, "pg-test", null, null, 3));
        assertThat(first).extracting(AccessEntry::resourceCode).containsExactly("R4", "R3", "R2");
        var second = accessLog.search(
                new AccessLogQuery(null, null, "pg-test", null, first.get(2).sequence(), 3));
        assertThat(second).extracting(AccessEntry::resourceCode).containsExactly("R1", "R0");
        assertThat(accessLog.search(new AccessLogQuery(t.plusSeconds(3), null, "pg-test", null, null, 10)))
                .hasSize(2);
    }
}
