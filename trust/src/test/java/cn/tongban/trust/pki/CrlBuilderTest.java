package cn.tongban.trust.pki;

import static cn.tongban.trust.pki.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SignatureException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrlBuilderTest {

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"RSA_2048", "EC_P256", "SM2"})
    void crlListsRevokedSerialWithReasonAndVerifiesWithIssuerKey(KeyAlgorithm algorithm) throws Exception {
        X509Certificate issuer = Fixtures.root(algorithm);
        Instant revokedAt = CLOCK.instant().minus(Duration.ofMinutes(30));

        X509CRL crl = CrlBuilder.issuedBy(issuer, Fixtures.key(algorithm, 0).getPrivate())
                .updates(CLOCK.instant(), CLOCK.instant().plus(Duration.ofDays(1)))
                .crlNumber(BigInteger.valueOf(7))
                .revoke(BigInteger.valueOf(1234), revokedAt, CRLReason.KEY_COMPROMISE)
                .revoke(BigInteger.valueOf(99), revokedAt, CRLReason.UNSPECIFIED)
                .build();

        crl.verify(issuer.getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(issuer.getSubjectX500Principal());
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(CLOCK.instant());
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(CLOCK.instant().plus(Duration.ofDays(1)));
        X509CRLEntry entry = crl.getRevokedCertificate(BigInteger.valueOf(1234));
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(revokedAt);
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        // RFC 5280 §5.3.1: reasonCode "unspecified" SHOULD be absent.
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(99)).hasExtensions())
                .isFalse();
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(1235))).isNull();
        // RFC 5280 §5.2.3 cRLNumber
        byte[] number =
                ASN1OctetString.getInstance(crl.getExtensionValue("2.5.29.20")).getOctets();
        assertThat(ASN1Integer.getInstance(number).getValue()).isEqualTo(BigInteger.valueOf(7));
        assertThat(crl.getExtensionValue("2.5.29.35")).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"RSA_2048", "EC_P256", "SM2"})
    void crlSignedByAnotherKeyDoesNotVerify(KeyAlgorithm algorithm) {
        X509Certificate issuer = Fixtures.root(algorithm);
        X509CRL forged = CrlBuilder.issuedBy(issuer, Fixtures.key(algorithm, 2).getPrivate())
                .updates(CLOCK.instant(), CLOCK.instant().plus(Duration.ofDays(1)))
                .build();

        assertThatThrownBy(() -> forged.verify(issuer.getPublicKey())).isInstanceOf(SignatureException.class);
    }

    @Test
    void nextUpdateMustFollowThisUpdate() {
        CrlBuilder builder = CrlBuilder.issuedBy(
                Fixtures.root(KeyAlgorithm.EC_P256),
                Fixtures.key(KeyAlgorithm.EC_P256, 0).getPrivate());

        assertThatThrownBy(() -> builder.updates(CLOCK.instant(), CLOCK.instant()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(builder::build).isInstanceOf(NullPointerException.class);
    }
}
