package cn.tongban.server.audit;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.tongban.audit.AuditResult;
import cn.tongban.audit.LogArchiver;
import cn.tongban.audit.LogAuditor;
import cn.tongban.audit.LogReader;
import cn.tongban.audit.LogTree;
import cn.tongban.audit.SubjectKeys;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHeadSigner;

/**
 * The verifiable side of the access log in the server: signs tree heads on an interval (when the log grew)
 * and on demand, turns subject identifiers into subject keys, verifies the stored log fully or incrementally,
 * and archives entries past the retention age.
 */
public class AuditService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);

    private final DataSource dataSource;
    private final LogTree tree;
    private final TreeHeadSigner signer;
    private final PublicKey publicKey;
    private final byte[] subjectSecret;
    private final Clock clock;
    private final AuditProperties props;
    private final ZoneId zone;
    private final LogAuditor auditor;
    private final LogAuditor.Checkpoint checkpoint = new LogAuditor.Checkpoint();
    private final ScheduledExecutorService scheduler;
    private Instant lastCheck;
    private AuditResult lastResult;

    public AuditService(
            DataSource dataSource, KeyPair signingKey, byte[] subjectSecret, Clock clock, AuditProperties props) {
        this.dataSource = dataSource;
        this.tree = new LogTree(dataSource);
        this.signer = new TreeHeadSigner(signingKey.getPrivate());
        this.publicKey = signingKey.getPublic();
        this.subjectSecret = subjectSecret.clone();
        this.clock = clock;
        this.props = props;
        this.zone = ZoneId.of(props.zone());
        this.auditor = new LogAuditor(dataSource);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "access-log-heads");
            t.setDaemon(true);
            return t;
        });
        if (!props.headInterval().isZero()) {
            long ms = props.headInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::publishIfGrown, ms, ms, TimeUnit.MILLISECONDS);
        }
        if (props.retention() != null && !props.retention().isZero()) {
            long ms = props.archiveInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::archiveQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    public LogTree tree() {
        return tree;
    }

    public LogReader reader() {
        return new LogReader(dataSource);
    }

    public ZoneId zone() {
        return zone;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String signingAlgorithm() {
        return signer.algorithm();
    }

    /** The subject key of an identifier given in clear; the identifier is not kept. */
    public String subjectKey(String identifier) {
        return SubjectKeys.of(subjectSecret, identifier);
    }

    /** Signs and stores the head of the log as it is now. */
    public synchronized SignedTreeHead publish() {
        return tree.publish(signer, clock.instant());
    }

    void publishIfGrown() {
        try {
            long size = tree.size();
            Optional<SignedTreeHead> latest = tree.latestSignedHead();
            if (size > 0 && (latest.isEmpty() || latest.get().head().size() < size)) {
                SignedTreeHead head = publish();
                LOG.info("access log tree head signed at size {}", head.head().size());
            }
        } catch (RuntimeException e) {
            LOG.error("could not sign an access log tree head", e);
        }
    }

    /** Re-hashes every entry and checks every signed head; the first problem by sequence. */
    public AuditResult verifyFully() {
        List<SignedTreeHead> heads = tree.signedHeads();
        if (heads.isEmpty()) {
            publish();
            heads = tree.signedHeads();
        }
        return auditor.verify(heads, publicKey);
    }

    /**
     * The incremental check (see {@link LogAuditor#verifyIncrementally}), at most once per
     * {@code check-interval}; between checks the last result stands. A failure stays until a check passes.
     */
    public synchronized AuditResult check() {
        Instant now = clock.instant();
        if (lastResult != null
                && lastCheck != null
                && Duration.between(lastCheck, now).compareTo(props.checkInterval()) < 0) {
            return lastResult;
        }
        lastResult = auditor.verifyIncrementally(checkpoint, tree.signedHeads(), publicKey, props.checkSample());
        lastCheck = now;
        if (!lastResult.intact()) {
            LOG.error(
                    "access log check failed: {} at sequence {}: {}",
                    lastResult.status(),
                    lastResult.firstSequence(),
                    lastResult.reason());
        }
        return lastResult;
    }

    /** Archives the entries older than the retention age, if one is set. */
    public Optional<LogArchiver.Archive> archive() throws IOException {
        if (props.retention() == null || props.retention().isZero()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (this) {
            return new LogArchiver(dataSource)
                    .archive(now.minus(props.retention()), props.archiveDir(), signer, publicKey, now);
        }
    }

    private void archiveQuietly() {
        try {
            archive()
                    .ifPresent(a -> LOG.info(
                            "access log entries {}..{} archived to {}",
                            a.firstSequence(),
                            a.lastSequence(),
                            a.entries()));
        } catch (IOException | RuntimeException e) {
            LOG.error("access log archiving failed; the rows stay", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
