package cn.tongban.licence.pdf.corpus;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CRLException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import cn.tongban.fixtures.pki.Issued;
import cn.tongban.licence.LicenceWorld;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.Providers;

/**
 * The PKI of the control corpus: {@link LicenceWorld}'s test PKI (ECDSA P-256 root and issuing CA, TSA, CRLs at
 * {@code http://pki.invalid/crl/…}) and signers with the key kinds other products use, issued here with Bouncy
 * Castle directly (not the trust module's builder, which only issues the platform's own key kinds), each with a CRL
 * distribution point and an OCSP URL like any other leaf of that PKI.
 */
final class CorpusPki {

    static final String CRL_BASE = "http://pki.invalid/crl/";
    static final String[] SETS = {
        DocumentTrust.LICENCE_ISSUERS, DocumentTrust.SIGNERS, DocumentTrust.SEAL_MAKERS, DocumentTrust.TIMESTAMPING
    };

    /** Key kinds of the corpus's signers. */
    enum KeyKind {
        RSA_2048,
        RSA_3072,
        RSA_PSS_2048,
        EC_P256,
        EC_P384,
        BRAINPOOL_P256,
        BRAINPOOL_P384;

        boolean rsa() {
            return name().startsWith("RSA");
        }

        KeyPair generate() {
            try {
                KeyPairGenerator g;
                switch (this) {
                    case RSA_2048, RSA_PSS_2048, RSA_3072 -> {
                        g = KeyPairGenerator.getInstance("RSA");
                        g.initialize(this == RSA_3072 ? 3072 : 2048);
                    }
                    case EC_P256, EC_P384 -> {
                        g = KeyPairGenerator.getInstance("EC");
                        g.initialize(new ECGenParameterSpec(this == EC_P256 ? "secp256r1" : "secp384r1"));
                    }
                    default -> {
                        // RFC 5639 curves: the JDK's provider no longer has them, Bouncy Castle does.
                        g = KeyPairGenerator.getInstance("EC", Providers.bc());
                        g.initialize(
                                new ECGenParameterSpec(this == BRAINPOOL_P256 ? "brainpoolP256r1" : "brainpoolP384r1"));
                    }
                }
                return g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A signer of the corpus: its key, certificate and chain up to the root. */
    record Signer(
            String name, KeyKind kind, PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {}

    final Clock clock;
    final LicenceWorld world;
    private final Map<String, Signer> signers = new LinkedHashMap<>();

    CorpusPki(Clock clock) {
        this.clock = clock;
        this.world = new LicenceWorld(KeyAlgorithm.EC_P256, clock);
    }

    Issued tsa() {
        return world.pki.tsa();
    }

    X509Certificate root() {
        return world.pki.root().certificate();
    }

    X509Certificate intermediate() {
        return world.pki.intermediate().certificate();
    }

    /** Trust as the server configures it: the root in every anchor set, revocation from the PKI's CRLs. */
    DocumentTrust trust() {
        return world.trust(SETS);
    }

    /** The PKI's current CRLs by distribution point URL (for DSS's in-memory data loader). */
    Map<String, byte[]> crls() {
        try {
            return Map.of(
                    CRL_BASE + "root.crl",
                    world.pki.root().currentCrl().getEncoded(),
                    CRL_BASE + "intermediate.crl",
                    world.pki.currentCrl().getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signer with a key of {@code kind}, digitalSignature + nonRepudiation asserted; one per kind. */
    Signer signer(KeyKind kind) {
        return signers.computeIfAbsent(kind.name(), n -> issue("corpus " + kind, kind, true));
    }

    /** A signer certificate with no keyUsage extension at all (RFC 5280 §4.2.1.3: then unrestricted). */
    Signer signerWithoutKeyUsage() {
        return signers.computeIfAbsent("no-key-usage", n -> issue("corpus without keyUsage", KeyKind.EC_P256, false));
    }

    private Signer issue(String cn, KeyKind kind, boolean keyUsage) {
        KeyPair pair = kind.generate();
        Issued ca = world.pki.intermediate().issued();
        Instant now = clock.instant();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(
                            ca.certificate().getSubjectX500Principal().getEncoded()),
                    new BigInteger(128, new SecureRandom()).setBit(0),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    new X500Name("CN=" + cn + ",O=Control Corpus,C=CN"),
                    pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            b.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()));
            if (keyUsage) {
                b.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            }
            GeneralNames crl = new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, CRL_BASE + "intermediate.crl"));
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(crl), null, null)
            }));
            b.addExtension(
                    Extension.authorityInfoAccess,
                    false,
                    new AuthorityInformationAccess(
                            AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, "http://pki.invalid/ocsp")));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .setProvider(Providers.bc())
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .setProvider(Providers.bc())
                            .build(ca.privateKey())));
            if (kind != KeyKind.BRAINPOOL_P256 && kind != KeyKind.BRAINPOOL_P384) {
                cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(cert.getEncoded()));
            }
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            chain.addAll(ca.chain());
            return new Signer(cn, kind, pair.getPrivate(), cert, List.copyOf(chain));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue " + cn, e);
        }
    }
}
