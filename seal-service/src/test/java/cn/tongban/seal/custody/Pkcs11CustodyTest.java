package cn.tongban.seal.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.fixtures.pki.Issued;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.seal.SealWorld;
import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.SignatureAlgorithm;
import cn.tongban.seal.make.SealMaker;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.seal.ofd.OfdReport;
import cn.tongban.seal.ofd.OfdSignatureVerifier;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.verdict.Indication;

/**
 * PKCS#11 custody through SunPKCS11 on a SoftHSM2 token (Debian package softhsm2, installed by .ci/run): an ECDSA
 * key generated on the token and an imported RSA key make a seal and stamp an OFD that verifies with full checks.
 * Skipped, saying why, only when the SoftHSM2 library is not installed.
 */
class Pkcs11CustodyTest {

    private static final char[] PIN = "87654321".toCharArray();
    private static final String WRONG_PIN = "11223344";
    private static final TestPki EC_PKI =
            TestPki.builder(Clock.systemUTC(), KeyAlgorithm.EC_P256).build();
    private static final TestPki RSA_PKI =
            TestPki.builder(Clock.systemUTC(), KeyAlgorithm.RSA_2048).build();

    private static Provider provider;
    private static KeyCustodyException wrongPinFailure;

    static Optional<Path> library() {
        return Stream.of(
                        "/usr/lib/softhsm/libsofthsm2.so",
                        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so")
                .map(Path::of)
                .filter(Files::isRegularFile)
                .findFirst();
    }

    /**
     * Why this machine cannot run the token tests, or empty when it can. Each test is then reported as skipped
     * with this reason (an assumption in {@code @BeforeAll} would abort the class before any test is counted).
     */
    static Optional<String> missing() {
        if (library().isEmpty()) {
            return Optional.of("SoftHSM2 is not installed (libsofthsm2.so not found; apt-get install -y softhsm2)");
        }
        boolean util = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "softhsm2-util"))
                .anyMatch(Files::isExecutable);
        if (!util) {
            return Optional.of("softhsm2-util not installed (apt-get install -y softhsm2)");
        }
        if (System.getenv("SOFTHSM2_CONF") == null) {
            return Optional.of("SOFTHSM2_CONF is not set: run through Maven (surefire sets it)");
        }
        return Optional.empty();
    }

    @BeforeEach
    void needsSoftHsm() {
        Optional<String> missing = missing();
        Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElse("") + "; PKCS#11 custody test skipped");
    }

    @BeforeAll
    static void token() throws Exception {
        if (missing().isPresent()) {
            return; // every test skips, saying why (needsSoftHsm)
        }
        Optional<Path> library = library();
        String conf = System.getenv("SOFTHSM2_CONF");
        Path confFile = Path.of(conf);
        Path tokens = confFile.resolveSibling("tokens");
        if (Files.exists(tokens)) {
            try (Stream<Path> walk = Files.walk(tokens)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(
                confFile,
                "directories.tokendir = " + tokens.toAbsolutePath() + "\nobjectstore.backend = file\n"
                        + "log.level = ERROR\n");
        run(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                "tongban-test",
                "--so-pin",
                "12345678",
                "--pin",
                new String(PIN));

        provider = Pkcs11Custody.provider(new Pkcs11Custody.Config("tongban-softhsm", library.get(), 0));
        // Before any successful login (PKCS#11 login state is per process and token).
        try {
            Pkcs11Custody.open(provider, WRONG_PIN.toCharArray());
        } catch (KeyCustodyException e) {
            wrongPinFailure = e;
        }

        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, PIN);
        // ECDSA key generated on the token: its private half never exists outside it.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair onToken = generator.generateKeyPair();
        Issued ca = EC_PKI.intermediate().issued();
        Instant now = Instant.now();
        X509Certificate ecCert = CertificateBuilder.create()
                .subject("CN=hsm-seal-maker,O=Tongban Test,C=CN")
                .publicKey(onToken.getPublic())
                .issuer(ca.certificate(), ca.privateKey())
                .validity(now.minus(1, ChronoUnit.HOURS), now.plus(30, ChronoUnit.DAYS))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE)
                .build();
        List<Certificate> chain = new ArrayList<>(List.of(ecCert));
        chain.addAll(ca.chain());
        token.setKeyEntry("ec-maker", onToken.getPrivate(), null, chain.toArray(Certificate[]::new));
        // RSA key imported from software (a key ceremony), used as the signer.
        Issued rsa = RSA_PKI.documentSigner();
        token.setKeyEntry("rsa-signer", rsa.privateKey(), null, rsa.chain().toArray(Certificate[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command[0] + " failed: " + out);
        }
    }

    @Test
    void aWrongPinIsRefusedWithoutRepeatingIt() {
        assertThat(wrongPinFailure).isNotNull().hasMessageContaining("wrong PIN");
        for (Throwable t = wrongPinFailure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(WRONG_PIN).doesNotContain(new String(PIN));
        }
    }

    @Test
    void tokenKeysMakeASealAndStampAnOfdThatVerifies() {
        try (Pkcs11Custody custody = Pkcs11Custody.open(provider, PIN)) {
            assertThat(custody.aliases()).contains("ec-maker", "rsa-signer");
            SigningKey maker = custody.key("ec-maker");
            SigningKey signer = custody.key("rsa-signer");
            assertThat(maker.algorithm()).isEqualTo(SignatureAlgorithm.SHA256_WITH_ECDSA);
            assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.SHA256_WITH_RSA);

            Instant now = Instant.now();
            byte[] seal = new SealMaker(maker)
                    .make(new SealRequest(
                            "TongbanTest",
                            "hsm-1",
                            1,
                            "HSM 测试章",
                            SealRequest.CertListType.DIGESTS,
                            List.of(Bytes.of(encoded(signer.certificate()))),
                            now.minus(1, ChronoUnit.DAYS),
                            now.minus(1, ChronoUnit.DAYS),
                            now.plus(9, ChronoUnit.DAYS),
                            "PNG",
                            Bytes.of(SealWorld.picture()),
                            40,
                            40,
                            List.of()));
            byte[] ofd = new OfdStamper(Clock.systemUTC())
                    .stamp(OfdSamples.document(1, "hsm"), seal, signer, new StampPosition(1, 20, 20));

            OfdReport report = new OfdSignatureVerifier(
                            (cert, at, purpose) ->
                                    cn.tongban.seal.report.CertificateJudge.Judgement.passed("accepted for this test"),
                            OfdLimits.DEFAULT)
                    .verify(ofd);
            assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        }
    }

    @Test
    void anUnknownAliasIsNamed() {
        Pkcs11Custody custody = Pkcs11Custody.open(provider, PIN);
        assertThatThrownBy(() -> custody.key("absent"))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("absent");
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
