package cn.tongban.trust.validation;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.CrlBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyPurpose;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.pki.Providers;
import cn.tongban.trust.pki.Signers;

/**
 * A three-level test PKI (root → issuing CA → leaf) for one key algorithm, generated at test time with validity
 * relative to {@link #NOW}. Key pairs are cached per algorithm because RSA generation is slow.
 */
final class TestPki {

    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The validation time: a signature made a day ago. */
    static final Instant AT = NOW.minus(Duration.ofDays(1));

    static final URI ROOT_CRL = URI.create("http://crl.test/root.crl");
    static final URI CA_CRL = URI.create("http://crl.test/ca.crl");
    static final URI OCSP = URI.create("http://ocsp.test/");

    private static final Map<KeyAlgorithm, KeyPair[]> KEYS = new EnumMap<>(KeyAlgorithm.class);

    final KeyAlgorithm algorithm;
    final KeyPair rootKey;
    final KeyPair caKey;
    final KeyPair leafKey;
    final X509Certificate root;
    final X509Certificate ca;
    final X509Certificate leaf;

    TestPki(KeyAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.rootKey = key(algorithm, 0);
        this.caKey = key(algorithm, 1);
        this.leafKey = key(algorithm, 2);
        this.root = CertificateBuilder.create()
                .subject("CN=Test Root " + algorithm + ",O=Tongban Test,C=CN")
                .publicKey(rootKey.getPublic())
                .selfSigned(rootKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(3650)))
                .ca(1)
                .build();
        this.ca = caTemplate().build();
        this.leaf = leafTemplate().build();
    }

    /** The n-th (0..4) cached key pair of an algorithm. */
    static synchronized KeyPair key(KeyAlgorithm algorithm, int n) {
        KeyPair[] pairs = KEYS.computeIfAbsent(algorithm, a -> new KeyPair[5]);
        if (pairs[n] == null) {
            pairs[n] = algorithm.generate();
        }
        return pairs[n];
    }

    CertificateBuilder caTemplate() {
        return CertificateBuilder.create()
                .subject("CN=Test Issuing CA " + algorithm + ",O=Tongban Test,C=CN")
                .publicKey(caKey.getPublic())
                .issuer(root, rootKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(1800)))
                .ca(0)
                .crlDistributionPoint(ROOT_CRL);
    }

    /** A document-signing leaf valid from 30 days before {@link #NOW} for a year, with CRL DP and OCSP URL. */
    CertificateBuilder leafTemplate() {
        return CertificateBuilder.create()
                .subject("CN=Test Signer " + algorithm + ",O=Tongban Test,C=CN")
                .publicKey(leafKey.getPublic())
                .issuer(ca, caKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION)
                .crlDistributionPoint(CA_CRL)
                .ocspUrl(OCSP);
    }

    /** A delegated OCSP responder of the issuing CA (RFC 6960 §4.2.2.2). */
    X509Certificate ocspResponder(KeyPurpose... purposes) {
        return CertificateBuilder.create()
                .subject("CN=Test OCSP " + algorithm + ",O=Tongban Test,C=CN")
                .publicKey(key(algorithm, 3).getPublic())
                .issuer(ca, caKey.getPrivate())
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE)
                .extendedKeyUsage(purposes)
                .ocspNoCheck()
                .build();
    }

    TrustAnchorSet anchors() {
        return new TrustAnchorSet("region:310000", Set.of(root));
    }

    /** A CRL of the root (for the issuing CA) with the given revoked serials, fresh at {@link #NOW}. */
    X509CRL rootCrl() {
        return CrlBuilder.issuedBy(root, rootKey.getPrivate())
                .updates(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)))
                .build();
    }

    CrlBuilder caCrl() {
        return CrlBuilder.issuedBy(ca, caKey.getPrivate())
                .updates(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)));
    }

    /** Revocation sources with fresh, empty CRLs for both CAs. */
    FakeSources goodCrls() throws Exception {
        FakeSources sources = new FakeSources();
        sources.crls.put(ROOT_CRL, rootCrl().getEncoded());
        sources.crls.put(CA_CRL, caCrl().build().getEncoded());
        return sources;
    }

    /** An OCSP response about {@code cert} (issued by {@code issuer}) signed by {@code signerKey}. */
    static byte[] ocsp(
            X509Certificate cert,
            X509Certificate issuer,
            X509Certificate signerCert,
            PrivateKey signerKey,
            Instant revokedAt,
            Instant thisUpdate,
            Instant nextUpdate)
            throws Exception {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder()
                .setProvider(Providers.bc())
                .build();
        CertificateID id = new CertificateID(
                digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
        X509CertificateHolder signerHolder = new JcaX509CertificateHolder(signerCert);
        BasicOCSPRespBuilder builder =
                new BasicOCSPRespBuilder(signerHolder.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1));
        CertificateStatus status =
                revokedAt == null ? CertificateStatus.GOOD : new RevokedStatus(Date.from(revokedAt), 1);
        builder.addResponse(id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate), null);
        var basic = builder.build(
                Signers.contentSigner(signerKey), new X509CertificateHolder[] {signerHolder}, Date.from(thisUpdate));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    static BigInteger serial(long n) {
        return BigInteger.valueOf(n);
    }
}
