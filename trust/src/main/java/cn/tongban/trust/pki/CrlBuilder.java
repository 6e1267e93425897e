package cn.tongban.trust.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;

/** Issues X.509 v2 CRLs (RFC 5280 §5). Each call returns a new builder. */
public final class CrlBuilder {

    /** One revoked certificate: RFC 5280 §5.1.2.6 userCertificate, revocationDate and §5.3.1 reasonCode. */
    public record Entry(BigInteger serial, Instant revocationTime, CRLReason reason) {
        public Entry {
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(revocationTime, "revocationTime");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final X509Certificate issuer;
    private final PrivateKey issuerKey;
    private final Instant thisUpdate;
    private final Instant nextUpdate;
    private final BigInteger crlNumber;
    private final List<Entry> entries;

    private CrlBuilder(
            X509Certificate issuer,
            PrivateKey issuerKey,
            Instant thisUpdate,
            Instant nextUpdate,
            BigInteger crlNumber,
            List<Entry> entries) {
        this.issuer = issuer;
        this.issuerKey = issuerKey;
        this.thisUpdate = thisUpdate;
        this.nextUpdate = nextUpdate;
        this.crlNumber = crlNumber;
        this.entries = List.copyOf(entries);
    }

    /** A CRL signed by {@code issuerKey}; the issuer must hold cRLSign (RFC 5280 §4.2.1.3). */
    public static CrlBuilder issuedBy(X509Certificate issuer, PrivateKey issuerKey) {
        return new CrlBuilder(
                Objects.requireNonNull(issuer),
                Objects.requireNonNull(issuerKey),
                null,
                null,
                BigInteger.ONE,
                List.of());
    }

    /** RFC 5280 §5.1.2.4 thisUpdate and §5.1.2.5 nextUpdate (conforming CAs MUST include nextUpdate). */
    public CrlBuilder updates(Instant thisUpdateTime, Instant nextUpdateTime) {
        if (!nextUpdateTime.isAfter(thisUpdateTime)) {
            throw new IllegalArgumentException("nextUpdate must be after thisUpdate");
        }
        return new CrlBuilder(
                issuer,
                issuerKey,
                thisUpdateTime.truncatedTo(ChronoUnit.SECONDS),
                nextUpdateTime.truncatedTo(ChronoUnit.SECONDS),
                crlNumber,
                entries);
    }

    /** RFC 5280 §5.2.3: monotonically increasing CRL number, non-negative, at most 20 octets. */
    public CrlBuilder crlNumber(BigInteger number) {
        if (number.signum() < 0 || number.bitLength() > 159) {
            throw new IllegalArgumentException("CRL number must be non-negative and at most 20 octets");
        }
        return new CrlBuilder(issuer, issuerKey, thisUpdate, nextUpdate, number, entries);
    }

    public CrlBuilder revoke(BigInteger serial, Instant revocationTime, CRLReason reason) {
        return revoke(new Entry(serial, revocationTime.truncatedTo(ChronoUnit.SECONDS), reason));
    }

    public CrlBuilder revoke(Entry entry) {
        List<Entry> all = new ArrayList<>(entries);
        all.add(entry);
        return new CrlBuilder(issuer, issuerKey, thisUpdate, nextUpdate, crlNumber, all);
    }

    public CrlBuilder revokeAll(List<Entry> more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more);
        return new CrlBuilder(issuer, issuerKey, thisUpdate, nextUpdate, crlNumber, all);
    }

    /** Signs the CRL; issuers with SM2 keys yield a Bouncy Castle {@link X509CRL}. */
    public X509CRL build() {
        Objects.requireNonNull(thisUpdate, "updates(thisUpdate, nextUpdate)");
        try {
            // RFC 5280 §5.1.2.3: the CRL issuer name is the issuing CA's subject name.
            X500Name issuerName =
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName, Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Entry entry : entries) {
                // RFC 5280 §5.3.1: reasonCode; BC omits the extension for "unspecified" (0), which SHOULD be absent.
                builder.addCRLEntry(
                        entry.serial(),
                        Date.from(entry.revocationTime()),
                        entry.reason().ordinal());
            }
            // RFC 5280 §5.2.1: authorityKeyIdentifier MUST be included; §5.2.3 cRLNumber MUST be included.
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getPublicKey()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            byte[] der = builder.build(Signers.contentSigner(issuerKey)).getEncoded();
            return Certificates.parseCrl(der, KeyAlgorithm.needsBouncyCastle(issuer.getPublicKey()));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue CRL for " + issuer.getSubjectX500Principal(), e);
        }
    }
}
