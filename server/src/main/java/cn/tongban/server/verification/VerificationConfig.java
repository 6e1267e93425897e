package cn.tongban.server.verification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.tongban.licence.DocumentVerifiers;
import cn.tongban.licence.report.DocumentVerifier;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.registry.SealRegistry;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.report.SealStatusSource;
import cn.tongban.server.config.TongbanProperties;
import cn.tongban.trust.validation.CertificateSource;
import cn.tongban.trust.validation.HttpRevocationFetcher;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.RevocationChecker;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.TrustAnchors;
import cn.tongban.trust.verdict.SubIndication;

/** The document verifiers behind {@code POST /api/v1/verifications}, over the configured trust-anchor sets. */
@Configuration
public class VerificationConfig {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationConfig.class);

    @Bean
    SealRegistry sealRegistry(JdbcClient jdbc, TransactionTemplate tx, Clock clock, VerificationProperties props) {
        return new SealRegistry(jdbc, tx, clock, props.sealStatusReuse());
    }

    @Bean
    DocumentTrust documentTrust(
            VerificationProperties props,
            AnchorSetProperties setProps,
            TongbanProperties tongban,
            Clock clock,
            List<AnchorContribution> contributions,
            HazelcastInstance hazelcast) {
        Path dir = props.anchorsDir() != null
                ? props.anchorsDir()
                : tongban.pki().dir().resolve("anchors");
        TrustAnchors configured = Files.isDirectory(dir) ? TrustAnchors.load(dir) : TrustAnchors.of();
        // Contributed sets join configured sets of the same name.
        java.util.Map<String, TrustAnchorSet> sets = new java.util.LinkedHashMap<>();
        configured.names().forEach(n -> sets.put(n, configured.get(n).orElseThrow()));
        contributions.forEach(c -> c.anchorSets()
                .forEach(s -> sets.merge(s.name(), s, (a, b) -> {
                    java.util.Set<java.security.cert.X509Certificate> all = new java.util.HashSet<>(a.certificates());
                    all.addAll(b.certificates());
                    return new TrustAnchorSet(a.name(), all, a.policy());
                })));
        setProps.unknown(sets.keySet())
                .forEach(n -> LOG.warn(
                        "tongban.verification.anchor-sets names '{}', which is no configured trust-anchor set", n));
        TrustAnchors anchors =
                TrustAnchors.of(sets.values().stream().map(setProps::apply).toArray(TrustAnchorSet[]::new));
        LOG.info("Verification trust anchors from {}: sets {}", dir.toAbsolutePath(), anchors.names());
        anchors.names()
                .forEach(n -> LOG.info(
                        "Trust-anchor set {}: {}",
                        n,
                        anchors.get(n).orElseThrow().policy()));
        HttpRevocationFetcher fetcher = new HttpRevocationFetcher(props.revocationTimeout(), props.revocationTimeout());
        // Statuses shared by the cluster until their nextUpdate: one fetch per certificate for all nodes.
        RevocationChecker revocation =
                new RevocationChecker(fetcher, fetcher, new HazelcastRevocationCache(hazelcast, clock), clock);
        return new DocumentTrust(anchors, new PathValidator(CertificateSource.of(List.of()), revocation), clock);
    }

    /**
     * The registry speaks for the seals this platform made: a registered seal is judged by its status at the
     * signing time; a seal the registry never saw was made elsewhere (another platform's seal-making authority)
     * and is judged by its maker's certificate alone.
     */
    @Bean
    DocumentVerifier documentVerifier(DocumentTrust trust, SealRegistry registry, VerificationProperties props) {
        SealStatusSource ownSeals = (seal, at) -> {
            CertificateJudge.Judgement j = registry.judge(seal, at);
            boolean unknown = j.status() == cn.tongban.trust.verdict.Check.Status.INDETERMINATE
                    && j.subIndication()
                            .filter(s -> s == SubIndication.SEAL_NOT_REGISTERED)
                            .isPresent();
            return unknown
                    ? CertificateJudge.Judgement.passed("seal " + seal.esId()
                            + " was not made through this platform's registry; judged by its maker's certificate")
                    : j;
        };
        return DocumentVerifiers.standard(
                trust, ownSeals, props.ofdLimits(), props.pdf().limits());
    }

    /** Verifications and stamps: bounded concurrency and memory, timeouts that give the slot back only at the end. */
    @Bean
    VerificationAdmission verificationAdmission(VerificationProperties props, ThreadPoolExecutor verificationExecutor) {
        return new VerificationAdmission(props, verificationExecutor);
    }

    /**
     * The verification threads. Bounded by {@link VerificationAdmission}, which admits at most one task per thread;
     * the queue only holds a task for the moment between one ending and the next starting.
     */
    @Bean(destroyMethod = "shutdownNow")
    ThreadPoolExecutor verificationExecutor(VerificationProperties props) {
        return new ThreadPoolExecutor(
                props.threads(),
                props.threads(),
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "verification");
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }
}
