package cn.tongban.bench;

import java.net.URI;
import java.security.cert.CRLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.fixtures.pdf.PdfSamples;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.custody.KeyCustody;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.make.SealMaker;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.seal.ofd.OfdReport;
import cn.tongban.seal.ofd.OfdSignatureVerifier;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.pdf.PdfStamper;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.seal.trust.PathValidatingJudge;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.validation.CertificateSource;
import cn.tongban.trust.validation.InMemoryRevocationCache;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.RevocationChecker;
import cn.tongban.trust.validation.TrustAnchorSet;

/**
 * GB/T 38540 seals with SM2 keys: stamping a 10-page PDF and a 10-page OFD, and verifying a stamped OFD with full
 * checks (SES signatures, references, seal, path validation of signer and seal maker with CRLs). Run:
 * {@code java -jar bench/target/benchmarks.jar Seal}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
@Fork(1)
public class SealBench {

    private byte[] seal;
    private SigningKey signer;
    private byte[] pdf;
    private byte[] ofd;
    private byte[] stampedOfd;
    private PdfStamper pdfStamper;
    private OfdStamper ofdStamper;
    private OfdSignatureVerifier verifier;
    private final StampPosition at = new StampPosition(3, 100, 100);

    @Setup
    public void setUp() {
        TestPki pki = TestPki.builder(Clock.systemUTC(), KeyAlgorithm.SM2)
                .publishedAt(URI.create("http://pki.invalid/"))
                .build();
        SigningKey maker = KeyCustody.software(
                "maker", pki.sealMaker().privateKey(), pki.sealMaker().chain());
        signer = KeyCustody.software(
                "signer",
                pki.documentSigner().privateKey(),
                pki.documentSigner().chain());
        Instant now = Instant.now();
        try {
            seal = new SealMaker(maker)
                    .make(new SealRequest(
                            "TongbanBench",
                            "bench-1",
                            1,
                            "基准测试章",
                            SealRequest.CertListType.CERTIFICATES,
                            List.of(Bytes.of(signer.certificate().getEncoded())),
                            now.minus(1, ChronoUnit.DAYS),
                            now.minus(1, ChronoUnit.DAYS),
                            now.plus(30, ChronoUnit.DAYS),
                            "PNG",
                            Bytes.of(png()),
                            40,
                            40,
                            List.of()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        pdf = PdfSamples.document(10, "Tongban benchmark");
        ofd = OfdSamples.document(10, "Tongban benchmark");
        pdfStamper = new PdfStamper(Clock.systemUTC());
        ofdStamper = new OfdStamper(Clock.systemUTC());
        stampedOfd = ofdStamper.stamp(ofd, seal, signer, at);
        TrustAnchorSet anchors = new TrustAnchorSet("bench", Set.of(pki.root().certificate()));
        RevocationChecker revocation = new RevocationChecker(
                (c, i) -> Optional.empty(),
                point -> {
                    try {
                        return Optional.of(
                                point.getPath().endsWith("root.crl")
                                        ? pki.root().currentCrl().getEncoded()
                                        : pki.currentCrl().getEncoded());
                    } catch (CRLException e) {
                        return Optional.empty();
                    }
                },
                new InMemoryRevocationCache(Clock.systemUTC()),
                Clock.systemUTC());
        CertificateJudge judge = PathValidatingJudge.of(
                new PathValidator(
                        CertificateSource.of(List.of(pki.intermediate().certificate())), revocation),
                anchors,
                anchors);
        verifier = new OfdSignatureVerifier(judge, OfdLimits.DEFAULT);
        OfdReport report = verifier.verify(stampedOfd);
        if (report.indication() != cn.tongban.trust.verdict.Indication.TOTAL_PASSED) {
            throw new IllegalStateException("benchmark input does not verify: " + report);
        }
    }

    /** A small valid PNG (1x1) is enough: the picture's bytes are carried, not rendered, in the OFD. */
    private static byte[] png() {
        return java.util.Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

    @Benchmark
    public byte[] stampPdf10Pages() {
        return pdfStamper.stamp(pdf, seal, signer, at);
    }

    @Benchmark
    public byte[] stampOfd10Pages() {
        return ofdStamper.stamp(ofd, seal, signer, at);
    }

    @Benchmark
    public OfdReport verifyOfdFullChecks() {
        return verifier.verify(stampedOfd);
    }
}
