package cn.tongban.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.tongban.catalog.DepartmentRepository;
import cn.tongban.catalog.ExchangeSystem;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ServiceItemRepository;
import cn.tongban.catalog.authorisation.Authorisation;
import cn.tongban.catalog.authorisation.AuthorisationService;
import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.server.cli.PkiLayout;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.trust.pki.Certificates;

/**
 * Demo mode: seeds the demo catalogue (departments, systems, resources, service items with retained proofs)
 * and registers each demo system's client certificate from the PKI directory; grants the window app the
 * household and marriage records, and leaves one application pending for the market regulator's approver.
 * Idempotent: what exists stays.
 */
@Component
@Profile("demo")
@Order(1)
public class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final DepartmentRepository departments;
    private final ResourceRepository resources;
    private final ServiceItemRepository serviceItems;
    private final TransactionTemplate tx;
    private final PkiLayout pki;
    private final DemoDataset data;
    private final AuthorisationService authorisations;
    private final Clock clock;

    public DemoSeeder(DemoDataset data, DepartmentRepository departments, ResourceRepository resources,
                      ServiceItemRepository serviceItems, TransactionTemplate tx, TongbanProperties props,
                      AuthorisationService authorisations, Clock clock) {
        this.authorisations = authorisations;
        this.clock = clock;
        this.departments = departments;
        this.resources = resources;
        this.serviceItems = serviceItems;
        this.tx = tx;
        this.pki = new PkiLayout(props.pki().dir());
        this.data = data;
    }

    @Override
    public void run(ApplicationArguments args) {
        int[] added = new int[4];
        tx.executeWithoutResult(status -> {
            data.departments().forEach(d -> added[0] += departments.addIfAbsent(d) ? 1 : 0);
            data.systems().forEach(s -> added[1] += departments.addIfAbsent(s) ? 1 : 0);
            data.resources().forEach(r -> added[2] += resources.addIfAbsent(r) ? 1 : 0);
            data.serviceItems().forEach(i -> added[3] += serviceItems.addIfAbsent(i) ? 1 : 0);
            for (ExchangeSystem s : data.systems()) {
                register(s.id());
            }
        });
        log.info("Demo catalogue: added {} departments, {} systems, {} resources, {} service items",
                added[0], added[1], added[2], added[3]);
        grant("city-service-window", "310000-301001-00001", "婚姻状况核验", "310000-QR-0001",
                List.of("certificateNumber", "husbandName", "wifeName", "registeredOn", "registryOffice", "status"),
                "《婚姻登记条例》第五条");
        grant("city-service-window", "310000-101001-00001", "户籍核验", null,
                List.of("idNumber", "name", "householdNumber", "address", "status"),
                "《中华人民共和国户口登记条例》第十五条");
        if (authorisations.list("smr-licensing", null, Authorisation.Status.PENDING, 1).isEmpty()) {
            authorisations.apply("smr-licensing", "310000-201001-00001", "食品经营许可审查", "310000-XK-0001",
                    List.of("decisionNumber", "uscc", "penaltyContent", "decidedOn"), "《食品安全法》第三十五条",
                    "demo");   // left pending, for the market regulator's approver (approver-smr) to decide
        }
    }

    /**
     * An approved grant for the demo window app, so the demo can pull conditional resources from the household
     * and marriage registries; the provider department's approver is recorded as the demo.
     */
    private void grant(String consumer, String resource, String purpose, String serviceItem, List<String> fields,
                       String basis) {
        if (!authorisations.approved(consumer, resource, clock.instant()).isEmpty()) {
            return;
        }
        Authorisation a = authorisations.apply(consumer, resource, purpose, serviceItem, fields, basis, "demo");
        if (a.status() == Authorisation.Status.PENDING) {
            String provider = resources.find(resource).orElseThrow().providerCode();
            authorisations.approve(a.id(), provider, "demo", clock.instant().plus(Duration.ofDays(365)), a.version());
        }
    }

    private void register(String systemId) {
        Path file = pki.clientCertificate(systemId);
        if (!Files.isReadable(file)) {
            log.warn("Demo system {} has no client certificate at {}", systemId, file);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            departments.registerCertificate(systemId, Certificates.sha256Fingerprint(cert),
                    cert.getSubjectX500Principal().getName(), cert.getNotAfter().toInstant());
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read demo client certificate " + file, e);
        }
    }
}
