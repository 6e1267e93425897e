package cn.tongban.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

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
import cn.tongban.catalog.admin.Responsibilities;
import cn.tongban.catalog.auth.Actor;
import cn.tongban.catalog.auth.Application;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.Authorisations;
import cn.tongban.catalog.demo.DemoAdministration;
import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.server.cli.PkiLayout;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.trust.pki.Certificates;

/**
 * Demo mode: seeds the demo catalogue (departments, systems, resources, service items with retained proofs)
 * and registers each demo system's client certificate from the PKI directory. Idempotent: what exists stays.
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
    private final Responsibilities responsibilities;
    private final Authorisations authorisations;

    public DemoSeeder(
            DemoDataset data,
            DepartmentRepository departments,
            ResourceRepository resources,
            ServiceItemRepository serviceItems,
            TransactionTemplate tx,
            TongbanProperties props,
            Responsibilities responsibilities,
            Authorisations authorisations) {
        this.responsibilities = responsibilities;
        this.authorisations = authorisations;
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
        DemoAdministration administration = DemoAdministration.load();
        int[] more = new int[2];
        tx.executeWithoutResult(status -> {
            more[0] = responsibilities.addIfAbsent(administration.responsibilities());
            for (DemoAdministration.DemoAuthorisation a : administration.authorisations()) {
                more[1] += seed(a) ? 1 : 0;
            }
        });
        log.info(
                "Demo catalogue: added {} departments, {} systems, {} resources, {} service items,"
                        + " {} responsibilities, {} authorisations",
                added[0],
                added[1],
                added[2],
                added[3],
                more[0],
                more[1]);
    }

    /** Applies (as the demo data administrator) and, for an approved one, approves as the provider's approver. */
    private boolean seed(DemoAdministration.DemoAuthorisation demo) {
        Application a = demo.application();
        if (authorisations
                        .search(a.consumerSystem(), a.resourceCode(), null, null, 0, 1)
                        .totalElements()
                > 0) {
            return false;
        }
        Authorisation applied = authorisations.apply(a, new Actor("demo-seeder", null, true));
        if ("APPROVED".equals(demo.outcome())) {
            String provider = resources.find(a.resourceCode()).orElseThrow().providerCode();
            authorisations.approve(applied.id(), applied.version(), new Actor(demo.approver(), provider, false));
        }
        return true;
    }

    private void register(String systemId) {
        Path file = pki.clientCertificate(systemId);
        if (!Files.isReadable(file)) {
            log.warn("Demo system {} has no client certificate at {}", systemId, file);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate cert =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            departments.registerCertificate(
                    systemId,
                    Certificates.sha256Fingerprint(cert),
                    cert.getSubjectX500Principal().getName(),
                    cert.getNotAfter().toInstant());
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read demo client certificate " + file, e);
        }
    }
}
