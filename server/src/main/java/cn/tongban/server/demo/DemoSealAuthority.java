package cn.tongban.server.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.custody.Pkcs12Custody;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.make.SealMaker;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.seal.registry.SealRegistry;
import cn.tongban.server.seals.SealKeys;
import cn.tongban.server.verification.AnchorContribution;
import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.validation.TrustAnchorSet;

/**
 * The demo's seal-making authority: an SM2 root "电子印章制作中心（演示）", the authority's seal-making key and the
 * stamping key of the market regulator's licensing system ({@value #SIGNER_SYSTEM}), kept as PKCS#12 files in
 * {@code <pki dir>/demo-seals/} so that seals made in one run still verify in the next. On start it registers the
 * regulator's seal ({@value #SEAL_ID}) unless the registry has it. Its root is a {@code seal-maker} and a
 * {@code signer} anchor. Demo only: the key-store password is fixed.
 */
public final class DemoSealAuthority implements SealKeys, AnchorContribution {

    public static final String SIGNER_SYSTEM = "smr-licensing";
    public static final String SEAL_ID = "demo-smr-approval-seal";
    public static final String OWNER_USCC = "11310000MB0002057J";
    private static final char[] PASSWORD = "tongban-demo".toCharArray();
    private static final Logger LOG = LoggerFactory.getLogger(DemoSealAuthority.class);

    private final X509Certificate root;
    private final SigningKey maker;
    private final SigningKey signer;

    public DemoSealAuthority(Path pkiDir, Clock clock) {
        Path dir = pkiDir.resolve("demo-seals");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("signer-" + SIGNER_SYSTEM + ".p12"))) {
                create(dir, clock.instant());
            }
            root = (X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
                            .generateCertificate(Files.newInputStream(dir.resolve("root.crt")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo seal keys in " + dir, e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        maker = Pkcs12Custody.open(dir.resolve("maker.p12"), PASSWORD).onlyKey();
        signer = Pkcs12Custody.open(dir.resolve("signer-" + SIGNER_SYSTEM + ".p12"), PASSWORD)
                .onlyKey();
    }

    private static void create(Path dir, Instant now) throws IOException {
        KeyPair rootKeys = KeyAlgorithm.SM2.generate();
        X509Certificate root = CertificateBuilder.create()
                .subject("CN=电子印章制作中心（演示）,O=Tongban Demo,C=CN")
                .publicKey(rootKeys.getPublic())
                .selfSigned(rootKeys.getPrivate())
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)))
                .ca(0)
                .keyUsage(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN)
                .build();
        leaf(dir.resolve("maker.p12"), "CN=上海市电子印章制作（演示）,O=Tongban Demo,C=CN", root, rootKeys, now);
        leaf(
                dir.resolve("signer-" + SIGNER_SYSTEM + ".p12"),
                "CN=上海市市场监督管理局行政审批系统（演示）,O=Tongban Demo,C=CN",
                root,
                rootKeys,
                now);
        try {
            Files.write(dir.resolve("root.crt"), root.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void leaf(Path file, String subject, X509Certificate root, KeyPair rootKeys, Instant now)
            throws IOException {
        KeyPair keys = KeyAlgorithm.SM2.generate();
        X509Certificate cert = CertificateBuilder.create()
                .subject(subject)
                .publicKey(keys.getPublic())
                .issuer(root, rootKeys.getPrivate())
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(825)))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION)
                .build();
        write(file, keys.getPrivate(), new Certificate[] {cert, root});
    }

    private static void write(Path file, PrivateKey key, Certificate[] chain) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
            store.load(null, null);
            store.setKeyEntry("key", key, PASSWORD, chain);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, PASSWORD);
            cn.tongban.server.config.OwnerOnlyFiles.write(file, out.toByteArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers the regulator's demo seal, listing the licensing system's certificate, unless it is there. */
    public void seed(SealRegistry registry, Clock clock) {
        if (registry.find(SEAL_ID).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        try {
            byte[] seal = new SealMaker(maker)
                    .make(new SealRequest(
                            "TongbanDemo",
                            SEAL_ID,
                            1,
                            "上海市市场监督管理局行政审批专用章（演示）",
                            SealRequest.CertListType.CERTIFICATES,
                            List.of(Bytes.of(signer.certificate().getEncoded())),
                            now,
                            now.minus(Duration.ofMinutes(5)),
                            signer.certificate().getNotAfter().toInstant(),
                            "PNG",
                            Bytes.of(DemoLicenceLibrary.picture()),
                            42,
                            42,
                            List.of()));
            registry.register(OWNER_USCC, "上海市市场监督管理局", seal, "demo");
            LOG.info("Demo seal {} registered for {} (stamped by system {})", SEAL_ID, OWNER_USCC, SIGNER_SYSTEM);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<SigningKey> maker() {
        return Optional.of(maker);
    }

    @Override
    public Optional<SigningKey> signer(String systemId) {
        return SIGNER_SYSTEM.equals(systemId) ? Optional.of(signer) : Optional.empty();
    }

    @Override
    public List<TrustAnchorSet> anchorSets() {
        return List.of(
                new TrustAnchorSet(DocumentTrust.SEAL_MAKERS, Set.of(root)),
                new TrustAnchorSet(DocumentTrust.SIGNERS, Set.of(root)));
    }
}
