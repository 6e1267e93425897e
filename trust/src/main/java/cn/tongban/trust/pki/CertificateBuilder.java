package cn.tongban.trust.pki;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Issues X.509 v3 certificates (RFC 5280). Every {@code with}-style call returns a new builder, so a
 * configured builder can be reused as a template. Validity is always given explicitly by the caller;
 * {@link #validity(Clock, Duration, Duration)} derives it from an injected clock.
 */
public final class CertificateBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private X500Name subject;
    private PublicKey publicKey;
    private X509Certificate issuerCertificate;
    private PrivateKey signingKey;
    private Instant notBefore;
    private Instant notAfter;
    private BigInteger serial;
    private Integer pathLength;
    private Set<KeyUsage> keyUsages = EnumSet.noneOf(KeyUsage.class);
    private List<KeyPurpose> keyPurposes = List.of();
    private List<GeneralName> subjectAltNames = List.of();
    private URI crlDistributionPoint;
    private URI ocspUrl;
    private boolean ocspNoCheck;

    private CertificateBuilder() {}

    public static CertificateBuilder create() {
        return new CertificateBuilder();
    }

    private CertificateBuilder copy() {
        CertificateBuilder b = new CertificateBuilder();
        b.subject = subject;
        b.publicKey = publicKey;
        b.issuerCertificate = issuerCertificate;
        b.signingKey = signingKey;
        b.notBefore = notBefore;
        b.notAfter = notAfter;
        b.serial = serial;
        b.pathLength = pathLength;
        b.keyUsages = EnumSet.copyOf(keyUsages);
        b.keyPurposes = keyPurposes;
        b.subjectAltNames = subjectAltNames;
        b.crlDistributionPoint = crlDistributionPoint;
        b.ocspUrl = ocspUrl;
        b.ocspNoCheck = ocspNoCheck;
        return b;
    }

    /** Subject distinguished name in RFC 4514 form, e.g. {@code "CN=Tongban Root CA,O=Tongban,C=CN"}. */
    public CertificateBuilder subject(String distinguishedName) {
        CertificateBuilder b = copy();
        b.subject = new X500Name(distinguishedName);
        return b;
    }

    public CertificateBuilder subject(X500Principal principal) {
        CertificateBuilder b = copy();
        b.subject = X500Name.getInstance(principal.getEncoded());
        return b;
    }

    public CertificateBuilder publicKey(PublicKey key) {
        CertificateBuilder b = copy();
        b.publicKey = key;
        return b;
    }

    /** Signs with {@code issuerKey}; issuer name and authority key identifier come from {@code issuer}. */
    public CertificateBuilder issuer(X509Certificate issuer, PrivateKey issuerKey) {
        CertificateBuilder b = copy();
        b.issuerCertificate = Objects.requireNonNull(issuer, "issuer");
        b.signingKey = Objects.requireNonNull(issuerKey, "issuerKey");
        return b;
    }

    /** Self-signed: the issuer is the subject and {@code ownKey} must match {@link #publicKey}. */
    public CertificateBuilder selfSigned(PrivateKey ownKey) {
        CertificateBuilder b = copy();
        b.issuerCertificate = null;
        b.signingKey = Objects.requireNonNull(ownKey, "ownKey");
        return b;
    }

    /** RFC 5280 §4.1.2.5: encoded to whole seconds, so both instants are truncated to seconds. */
    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
        CertificateBuilder b = copy();
        b.notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        b.notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        return b;
    }

    /** Valid from {@code clock.instant() - backdate} until {@code clock.instant() + lifetime}. */
    public CertificateBuilder validity(Clock clock, Duration backdate, Duration lifetime) {
        Instant now = clock.instant();
        return validity(now.minus(backdate), now.plus(lifetime));
    }

    /** Overrides the random serial. RFC 5280 §4.1.2.2: positive, at most 20 octets. */
    public CertificateBuilder serial(BigInteger serialNumber) {
        if (serialNumber.signum() <= 0 || serialNumber.bitLength() > 159) {
            throw new IllegalArgumentException("serial must be positive and at most 20 octets");
        }
        CertificateBuilder b = copy();
        b.serial = serialNumber;
        return b;
    }

    /**
     * Makes a CA certificate: RFC 5280 §4.2.1.9 basicConstraints cA=TRUE (critical) with the given
     * pathLenConstraint ({@code -1} for none), and §4.2.1.3 keyCertSign + cRLSign.
     */
    public CertificateBuilder ca(int pathLen) {
        CertificateBuilder b = copy();
        b.pathLength = pathLen;
        b.keyUsages.add(KeyUsage.KEY_CERT_SIGN);
        b.keyUsages.add(KeyUsage.CRL_SIGN);
        return b;
    }

    /** Adds key usage bits (RFC 5280 §4.2.1.3; the extension is marked critical). */
    public CertificateBuilder keyUsage(KeyUsage... usages) {
        CertificateBuilder b = copy();
        b.keyUsages.addAll(List.of(usages));
        return b;
    }

    /**
     * Adds extended key usages (RFC 5280 §4.2.1.12). The extension is non-critical, except when it holds
     * {@link KeyPurpose#TIME_STAMPING}: RFC 3161 §2.3 requires a critical extension with that sole purpose.
     */
    public CertificateBuilder extendedKeyUsage(KeyPurpose... purposes) {
        CertificateBuilder b = copy();
        List<KeyPurpose> all = new ArrayList<>(keyPurposes);
        for (KeyPurpose p : purposes) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        b.keyPurposes = List.copyOf(all);
        return b;
    }

    /** Adds subjectAltName dNSName entries (RFC 5280 §4.2.1.6). */
    public CertificateBuilder dnsNames(String... names) {
        return withAltNames(GeneralName.dNSName, names);
    }

    /** Adds subjectAltName iPAddress entries (RFC 5280 §4.2.1.6), IPv4 or IPv6 literals. */
    public CertificateBuilder ipAddresses(String... addresses) {
        return withAltNames(GeneralName.iPAddress, addresses);
    }

    private CertificateBuilder withAltNames(int tag, String... values) {
        CertificateBuilder b = copy();
        List<GeneralName> all = new ArrayList<>(subjectAltNames);
        for (String value : values) {
            all.add(new GeneralName(tag, value));
        }
        b.subjectAltNames = List.copyOf(all);
        return b;
    }

    /** RFC 5280 §4.2.1.13 cRLDistributionPoints with one fullName URI. */
    public CertificateBuilder crlDistributionPoint(URI url) {
        CertificateBuilder b = copy();
        b.crlDistributionPoint = url;
        return b;
    }

    /** RFC 5280 §4.2.2.1 authorityInfoAccess with one id-ad-ocsp URI. */
    public CertificateBuilder ocspUrl(URI url) {
        CertificateBuilder b = copy();
        b.ocspUrl = url;
        return b;
    }

    /** RFC 6960 §4.2.2.2.1 id-pkix-ocsp-nocheck: clients need not check the responder's own revocation. */
    public CertificateBuilder ocspNoCheck() {
        CertificateBuilder b = copy();
        b.ocspNoCheck = true;
        return b;
    }

    /** Signs and returns the certificate. SM2 and Brainpool certificates come from Bouncy Castle's factory. */
    public X509Certificate build() {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(signingKey, "issuer or selfSigned");
        Objects.requireNonNull(notBefore, "validity");
        X500Name issuerName = issuerCertificate == null
                ? subject
                : X500Name.getInstance(
                        issuerCertificate.getSubjectX500Principal().getEncoded());
        PublicKey issuerPublicKey = issuerCertificate == null ? publicKey : issuerCertificate.getPublicKey();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName,
                    serial != null ? serial : randomSerial(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    publicKey);
            addExtensions(builder, issuerPublicKey);
            byte[] der = builder.build(Signers.contentSigner(signingKey)).getEncoded();
            boolean bc = KeyAlgorithm.needsBouncyCastle(publicKey) || KeyAlgorithm.needsBouncyCastle(issuerPublicKey);
            return Certificates.parse(der, bc);
        } catch (java.io.IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject, e);
        }
    }

    private void addExtensions(X509v3CertificateBuilder builder, PublicKey issuerPublicKey)
            throws java.io.IOException, GeneralSecurityException {
        var utils = new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils();
        // RFC 5280 §4.2.1.2: subjectKeyIdentifier, method (1): SHA-1 of the subjectPublicKey BIT STRING.
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        // RFC 5280 §4.2.1.1: authorityKeyIdentifier keyIdentifier equals the issuer's subjectKeyIdentifier.
        builder.addExtension(
                Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerPublicKey));
        if (pathLength != null) {
            // RFC 5280 §4.2.1.9: MUST be critical in CA certificates used to validate signatures.
            builder.addExtension(
                    Extension.basicConstraints,
                    true,
                    pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength));
        }
        if (!keyUsages.isEmpty()) {
            int mask = 0;
            for (KeyUsage usage : keyUsages) {
                mask |= usage.mask;
            }
            // RFC 5280 §4.2.1.3: conforming CAs SHOULD mark this extension as critical.
            builder.addExtension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(mask));
        }
        if (!keyPurposes.isEmpty()) {
            KeyPurposeId[] ids = keyPurposes.stream()
                    .map(p -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(p.oid())))
                    .toArray(KeyPurposeId[]::new);
            // RFC 3161 §2.3: a TSA certificate's EKU extension MUST be critical.
            boolean critical = keyPurposes.contains(KeyPurpose.TIME_STAMPING);
            builder.addExtension(Extension.extendedKeyUsage, critical, new ExtendedKeyUsage(ids));
        }
        if (!subjectAltNames.isEmpty()) {
            // RFC 5280 §4.2.1.6: non-critical because the subject DN is not empty.
            builder.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
        }
        if (crlDistributionPoint != null) {
            GeneralNames uri = new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, crlDistributionPoint.toString()));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(uri), null, null)
            }));
        }
        if (ocspUrl != null) {
            builder.addExtension(
                    Extension.authorityInfoAccess,
                    false,
                    new AuthorityInformationAccess(
                            AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl.toString())));
        }
        if (ocspNoCheck) {
            builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
        }
    }

    /** RFC 5280 §4.1.2.2: unique positive integer; 128 random bits as CA/B BR §7.1 suggests ≥ 64. */
    private static BigInteger randomSerial() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            RANDOM.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }
}
