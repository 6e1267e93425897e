package cn.tongban.trust.pki;

import static cn.tongban.trust.pki.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateBuilderTest {

    private static final String SKI = "2.5.29.14";
    private static final String AKI = "2.5.29.35";
    private static final String EKU = "2.5.29.37";

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"RSA_2048", "EC_P256", "SM2"})
    void caIssuesServerCertificateWithAllRequestedExtensions(KeyAlgorithm algorithm) throws Exception {
        X509Certificate root = Fixtures.root(algorithm);
        KeyPair leafKey = Fixtures.key(algorithm, 1);

        X509Certificate leaf = CertificateBuilder.create()
                .subject("CN=localhost,O=Tongban,C=CN")
                .publicKey(leafKey.getPublic())
                .issuer(root, Fixtures.key(algorithm, 0).getPrivate())
                .validity(CLOCK, Duration.ofHours(1), Duration.ofDays(365))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT)
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH)
                .dnsNames("localhost")
                .ipAddresses("127.0.0.1")
                .crlDistributionPoint(URI.create("http://127.0.0.1:1/crl/root.crl"))
                .ocspUrl(URI.create("http://127.0.0.1:1/ocsp"))
                .build();

        root.verify(root.getPublicKey());
        leaf.verify(root.getPublicKey());
        assertThat(leaf.getSigAlgName()).isEqualToIgnoringCase(algorithm.signatureAlgorithm());
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        // RFC 5280 §4.2.1.9 / §4.2.1.3
        assertThat(root.getBasicConstraints()).isEqualTo(1);
        assertThat(root.getKeyUsage()[KeyUsage.KEY_CERT_SIGN.index()]).isTrue();
        assertThat(root.getKeyUsage()[KeyUsage.CRL_SIGN.index()]).isTrue();
        assertThat(root.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()[KeyUsage.DIGITAL_SIGNATURE.index()]).isTrue();
        assertThat(leaf.getKeyUsage()[KeyUsage.KEY_CERT_SIGN.index()]).isFalse();
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(KeyPurpose.SERVER_AUTH.oid());
        assertThat(leaf.getCriticalExtensionOIDs()).doesNotContain(EKU);
        assertThat(leaf.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        // RFC 5280 §4.1.2.5: validity relative to the injected clock, to the second.
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(CLOCK.instant().minus(Duration.ofHours(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(CLOCK.instant().plus(Duration.ofDays(365)));
        // RFC 5280 §4.1.2.2: positive serial of at most 128 random bits.
        assertThat(leaf.getSerialNumber().signum()).isPositive();
        assertThat(leaf.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        // RFC 5280 §4.2.1.1: the leaf's AKI keyIdentifier is the issuer's SKI.
        byte[] issuerSki =
                SubjectKeyIdentifier.getInstance(extension(root, SKI)).getKeyIdentifier();
        byte[] leafAki =
                AuthorityKeyIdentifier.getInstance(extension(leaf, AKI)).getKeyIdentifierOctets();
        assertThat(leafAki).isEqualTo(issuerSki);
        assertThat(uri(CRLDistPoint.getInstance(extension(leaf, "2.5.29.31"))
                        .getDistributionPoints()[0]
                        .getDistributionPoint()
                        .getName()))
                .isEqualTo("http://127.0.0.1:1/crl/root.crl");
        AccessDescription ocsp = AuthorityInformationAccess.getInstance(extension(leaf, "1.3.6.1.5.5.7.1.1"))
                .getAccessDescriptions()[0];
        assertThat(ocsp.getAccessMethod()).isEqualTo(AccessDescription.id_ad_ocsp);
        assertThat(ocsp.getAccessLocation().getName().toString()).isEqualTo("http://127.0.0.1:1/ocsp");
    }

    @Test
    void sm2CertificatesComeFromBouncyCastle() {
        assertThat(Fixtures.root(KeyAlgorithm.SM2).getClass().getName()).startsWith("org.bouncycastle.");
        assertThat(Fixtures.root(KeyAlgorithm.EC_P256).getClass().getName()).doesNotStartWith("org.bouncycastle.");
    }

    @Test
    void timeStampingPurposeIsCriticalPerRfc3161() throws Exception {
        KeyPair key = Fixtures.key(KeyAlgorithm.EC_P256, 1);
        X509Certificate tsa = leafBuilder(KeyAlgorithm.EC_P256)
                .extendedKeyUsage(KeyPurpose.TIME_STAMPING)
                .build();

        assertThat(tsa.getPublicKey()).isEqualTo(key.getPublic());
        assertThat(tsa.getCriticalExtensionOIDs()).contains(EKU);
        assertThat(tsa.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    }

    @Test
    void ocspNoCheckIsAddedForResponders() throws Exception {
        X509Certificate responder = leafBuilder(KeyAlgorithm.EC_P256)
                .extendedKeyUsage(KeyPurpose.OCSP_SIGNING)
                .ocspNoCheck()
                .build();

        assertThat(responder.getNonCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.48.1.5");
        assertThat(responder.getExtendedKeyUsage()).containsExactly(KeyPurpose.OCSP_SIGNING.oid());
    }

    @Test
    void builderIsReusableAsATemplate() throws Exception {
        CertificateBuilder template = leafBuilder(KeyAlgorithm.EC_P256);
        X509Certificate client =
                template.extendedKeyUsage(KeyPurpose.CLIENT_AUTH).build();
        X509Certificate plain = template.serial(BigInteger.TEN).build();

        assertThat(client.getExtendedKeyUsage()).containsExactly(KeyPurpose.CLIENT_AUTH.oid());
        assertThat(plain.getExtendedKeyUsage()).isNull();
        assertThat(plain.getSerialNumber()).isEqualTo(BigInteger.TEN);
    }

    @Test
    void certificateBuiltWithoutCaHasNeitherKeyCertSignNorCaFlag() {
        KeyPair key = Fixtures.key(KeyAlgorithm.EC_P256, 2);
        X509Certificate notCa = CertificateBuilder.create()
                .subject("CN=Not a CA")
                .publicKey(key.getPublic())
                .selfSigned(key.getPrivate())
                .validity(CLOCK, Duration.ZERO, Duration.ofDays(1))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE)
                .build();

        // RFC 5280 §4.2.1.9: without cA=TRUE the key MUST NOT verify certificate signatures.
        assertThat(notCa.getBasicConstraints()).isEqualTo(-1);
        assertThat(notCa.getKeyUsage()[KeyUsage.KEY_CERT_SIGN.index()]).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"RSA_2048", "EC_P256", "SM2"})
    void signatureDoesNotVerifyWithAnotherKey(KeyAlgorithm algorithm) {
        X509Certificate leaf = leafBuilder(algorithm).build();

        assertThatThrownBy(() -> leaf.verify(Fixtures.key(algorithm, 2).getPublic()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void invalidInputsAreRejected() {
        assertThatThrownBy(() -> CertificateBuilder.create().validity(CLOCK.instant(), CLOCK.instant()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateBuilder.create().serial(BigInteger.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateBuilder.create().subject("CN=x").build())
                .isInstanceOf(NullPointerException.class);
    }

    private static CertificateBuilder leafBuilder(KeyAlgorithm algorithm) {
        return CertificateBuilder.create()
                .subject("CN=Leaf " + algorithm)
                .publicKey(Fixtures.key(algorithm, 1).getPublic())
                .issuer(Fixtures.root(algorithm), Fixtures.key(algorithm, 0).getPrivate())
                .validity(CLOCK, Duration.ofHours(1), Duration.ofDays(30));
    }

    private static byte[] extension(X509Certificate certificate, String oid) {
        return ASN1OctetString.getInstance(certificate.getExtensionValue(oid)).getOctets();
    }

    private static String uri(Object generalNames) {
        return ((GeneralNames) generalNames).getNames()[0].getName().toString();
    }
}
