package cn.tongban.licence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.fixtures.pdf.PdfAttacks;
import cn.tongban.fixtures.pdf.SignSpec;
import cn.tongban.fixtures.pki.Issued;
import cn.tongban.fixtures.pki.LeafProfile;
import cn.tongban.licence.DocumentVerifiers;
import cn.tongban.licence.LicenceWorld;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.pdf.PdfStamper;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.trust.pki.CertificateBuilder;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.pki.KeyUsage;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The PDF licence verifier on documents made at test time (test-fixtures {@code LicencePdfs}, {@code PdfAttacks}):
 * good RSA, ECDSA and SM2 licences and the allowed later changes pass; one negative test per rule, each naming the
 * rule that decided.
 */
class PdfLicenceVerifierTest {

    static final Clock CLOCK = Clock.systemUTC();
    static final LicenceWorld EC = new LicenceWorld(KeyAlgorithm.EC_P256, CLOCK);
    static final VerificationOptions DEFAULTS = VerificationOptions.defaults();
    static final String[] SETS = {
        DocumentTrust.LICENCE_ISSUERS, DocumentTrust.SIGNERS, DocumentTrust.SEAL_MAKERS, DocumentTrust.TIMESTAMPING
    };
    static final PdfLicenceVerifier VERIFIER = new PdfLicenceVerifier(EC.trust(SETS), null);
    static final byte[] UNSIGNED = LicencePdfs.unsigned();
    static final byte[] SIGNED = sign(UNSIGNED, EC.pki.documentSigner(), spec());
    static final byte[] FORM =
            LicencePdfs.unsigned(LicencePdfs.Content.standard().withFormField());

    static SignSpec spec() {
        return SignSpec.at(CLOCK.instant().minusSeconds(60));
    }

    static byte[] sign(byte[] pdf, Issued signer, SignSpec spec) {
        return LicencePdfs.sign(pdf, signer, spec);
    }

    static VerificationReport verify(byte[] pdf) {
        return VERIFIER.verify(pdf, DEFAULTS);
    }

    static void assertFailed(VerificationReport r, SubIndication sub, String rule) {
        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(r.rule()).as(r.toString()).isEqualTo(rule);
        assertThat(r.subIndication()).as(r.toString()).isEqualTo(sub);
    }

    static void assertIndeterminate(VerificationReport r, SubIndication sub, String rule) {
        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.INDETERMINATE);
        assertThat(r.rule()).as(r.toString()).isEqualTo(rule);
        assertThat(r.subIndication()).as(r.toString()).isEqualTo(sub);
    }

    static void assertPassed(VerificationReport r) {
        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(r.subIndication()).isNull();
    }

    static List<String> rules(VerificationReport r) {
        List<String> all =
                new java.util.ArrayList<>(r.checks().stream().map(Check::rule).toList());
        r.signatures().forEach(s -> s.checks().forEach(c -> all.add(c.rule())));
        return all;
    }

    // ------------------------------------------------------------------ valid licences and allowed changes

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"RSA_2048", "EC_P256", "SM2"})
    void aSignedLicencePassesWithItsMetadataAndEveryClauseCited(KeyAlgorithm algorithm) {
        LicenceWorld w = algorithm == KeyAlgorithm.EC_P256 ? EC : new LicenceWorld(algorithm, CLOCK);
        byte[] pdf = sign(UNSIGNED, w.pki.documentSigner(), spec());
        VerificationReport r = new PdfLicenceVerifier(w.trust(SETS), null).verify(pdf, DEFAULTS);

        assertPassed(r);
        assertThat(r.documentType()).isEqualTo("PDF");
        assertThat(r.licence().identifier()).isEqualTo(LicencePdfs.metadata().get("identifier"));
        assertThat(rules(r))
                .contains(
                        "PDF_TRAILING_BYTES",
                        "PDF_INCREMENTAL_UPDATE",
                        "PDF_SIGNATURE_FIELD",
                        "PDF_BYTE_RANGE",
                        "PDF_COVERAGE",
                        "PDF_CONTENTS_GAP",
                        "PDF_SIGNATURE_DICTIONARY",
                        "CMS_STRUCTURE",
                        "CMS_ALGORITHM_POLICY",
                        "CMS_MESSAGE_DIGEST",
                        "CMS_SIGNATURE_VALUE",
                        "CMS_SIGNING_CERTIFICATE_V2",
                        "SIGNER_CERTIFICATE",
                        "PDF_MODIFICATIONS",
                        "LICENCE_SIGNED",
                        "LICENCE_IDENTIFIER",
                        "HOLDER_CODE");
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.clause()).isNotBlank());
        r.signatures()
                .forEach(s -> s.checks()
                        .forEach(c -> assertThat(c.clause()).as(c.rule()).isNotBlank()));
        assertThat(r.signatures()).singleElement().satisfies(s -> {
            assertThat(s.coverage()).isEqualTo("WHOLE_DOCUMENT");
            assertThat(s.timeSource()).isEqualTo("VALIDATION_TIME");
            assertThat(s.signatureAlgorithm())
                    .contains(
                            algorithm == KeyAlgorithm.SM2
                                    ? "SM2"
                                    : algorithm == KeyAlgorithm.EC_P256 ? "ECDSA" : "RSA");
        });
    }

    @Test
    void theStandardVerifiersUseThisVerifierForPdf() {
        VerificationReport r = DocumentVerifiers.standard(EC.trust(SETS), null, cn.tongban.seal.ofd.OfdLimits.DEFAULT)
                .verify(SIGNED, DEFAULTS);
        assertPassed(r);
        assertThat(rules(r)).contains("PDF_CONTENTS_GAP", "LICENCE_SIGNED");
    }

    @Test
    void formFillAfterSigningIsAllowed() {
        byte[] filled = LicencePdfs.fill(sign(FORM, EC.pki.documentSigner(), spec()), "checked at the counter");
        VerificationReport r = verify(filled);
        assertPassed(r);
        assertThat(r.checks()).anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo("PDF_MODIFICATIONS");
            assertThat(c.detail()).contains("form fill of 'remark'");
        });
        assertThat(r.signatures().get(0).coverage()).startsWith("REVISION");
    }

    @Test
    void formFillUnderACertificationAllowingItPasses() {
        byte[] filled = LicencePdfs.fill(sign(FORM, EC.pki.documentSigner(), spec().certifying(2)), "ok");
        assertPassed(verify(filled));
    }

    @Test
    void aSecondSignatureAndADocumentTimeStampAreAllowed() {
        byte[] twice = sign(SIGNED, EC.pki.issueLeaf("second signer", LeafProfile.DOCUMENT_SIGNER), spec());
        byte[] stamped = LicencePdfs.documentTimeStamp(twice, EC.pki.tsa(), CLOCK.instant());
        VerificationReport r = verify(stamped);
        assertPassed(r);
        assertThat(r.signatures()).hasSize(3);
        assertThat(r.signatures())
                .extracting(s -> s.kind())
                .containsExactly("SIGNATURE", "SIGNATURE", "DOCUMENT_TIMESTAMP");
        assertThat(r.signatures().get(2).timeSource()).isEqualTo("TIMESTAMP");
    }

    @Test
    void aSignatureTimeStampProvesTheSigningTime() {
        Instant ts = CLOCK.instant().minusSeconds(30);
        VerificationReport r = verify(sign(UNSIGNED, EC.pki.documentSigner(), spec().withTimeStamp(EC.pki.tsa(), ts)));
        assertPassed(r);
        assertThat(r.signatures().get(0).timeSource()).isEqualTo("TIMESTAMP");
        assertThat(r.signatures().get(0).signingTime())
                .isEqualTo(ts.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void aSealStampedPdfWithoutLicenceIsVerifiedWithItsSealChecks() {
        LicenceWorld sm2 = new LicenceWorld(KeyAlgorithm.SM2, CLOCK);
        byte[] stamped = new PdfStamper(CLOCK)
                .stamp(
                        cn.tongban.fixtures.pdf.PdfSamples.document(1, "notice"),
                        sm2.seal,
                        sm2.signer,
                        new StampPosition(1, 100, 100));
        VerificationReport r = new PdfLicenceVerifier(sm2.trust(SETS), null).verify(stamped, DEFAULTS);
        assertPassed(r);
        assertThat(r.licence()).isNull();
        assertThat(r.signatures()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("SEAL");
            assertThat(s.seal().esId()).isEqualTo("tb-licence-seal");
            assertThat(s.checks())
                    .extracting(Check::rule)
                    .contains(
                            "SEAL_SIGNATURE",
                            "SIGNER_IN_SEAL",
                            "SEAL_VALIDITY",
                            "SEAL_MAKER_CERTIFICATE",
                            "APPEARANCE");
        });
    }

    // ------------------------------------------------------------------ structure and universal forgery

    @Test
    void anUnsignedDocumentFails() {
        assertFailed(verify(UNSIGNED), SubIndication.FORMAT_FAILURE, "PDF_SIGNATURES");
    }

    @Test
    void somethingThatIsNotAPdfIsAFormatFailure() {
        assertFailed(
                verify("%PDF-1.7\nnothing".getBytes(StandardCharsets.US_ASCII)), SubIndication.FORMAT_FAILURE, "PDF");
    }

    @ParameterizedTest
    @EnumSource(PdfAttacks.Forgery.class)
    void universalSignatureForgeryIsAFailureNotUnsigned(PdfAttacks.Forgery forgery) {
        VerificationReport r = verify(PdfAttacks.universalForgery(UNSIGNED, forgery));
        assertFailed(
                r,
                SubIndication.FORMAT_FAILURE,
                forgery == PdfAttacks.Forgery.BYTE_RANGE_ZEROS ? "PDF_BYTE_RANGE" : "PDF_SIGNATURE_FIELD");
    }

    @Test
    void bytesAppendedAfterTheLastEofAreRefused() {
        assertFailed(verify(PdfAttacks.trailingGarbage(SIGNED)), SubIndication.FORMAT_FAILURE, "PDF_TRAILING_BYTES");
    }

    @Test
    void anUpdateWithoutCrossReferenceSectionIsRefused() {
        assertFailed(
                verify(PdfAttacks.updateWithoutXref(SIGNED)), SubIndication.FORMAT_FAILURE, "PDF_INCREMENTAL_UPDATE");
    }

    @Test
    void signatureWrappingIsRefused() {
        assertFailed(
                verify(PdfAttacks.wrapSignature(SIGNED)), SubIndication.FORMAT_FAILURE, "PDF_SIGNATURE_DICTIONARY");
    }

    @Test
    void nonZeroPaddingAfterTheCmsIsRefused() {
        assertFailed(verify(PdfAttacks.nonZeroPadding(SIGNED)), SubIndication.FORMAT_FAILURE, "CMS_STRUCTURE");
    }

    @Test
    void twoSignerInfosAreRefused() {
        byte[] pdf = sign(
                UNSIGNED,
                EC.pki.documentSigner(),
                spec().withSecondSigner(EC.pki.issueLeaf("co-signer", LeafProfile.DOCUMENT_SIGNER)));
        assertFailed(verify(pdf), SubIndication.FORMAT_FAILURE, "CMS_STRUCTURE");
    }

    // ------------------------------------------------------------------ incremental saving, DocMDP, FieldMDP

    @Test
    void incrementalSavingThatAddsAnOpenActionIsRefused() {
        assertFailed(
                verify(PdfAttacks.addOpenAction(SIGNED)), SubIndication.SIG_CONSTRAINTS_FAILURE, "PDF_MODIFICATIONS");
    }

    @Test
    void licenceMetadataReplacedAfterSigningIsRefused() {
        Map<String, String> m = LicencePdfs.metadata();
        m.put("holder", "LI Forged");
        VerificationReport r = verify(PdfAttacks.replaceLicenceJson(SIGNED, LicencePdfs.json(m)));
        assertFailed(r, SubIndication.SIG_CONSTRAINTS_FAILURE, "PDF_MODIFICATIONS");
        assertThat(r.checks()).anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo("LICENCE_SIGNED");
            assertThat(c.status()).isEqualTo(Check.Status.FAILED);
        });
    }

    @Test
    void formFillUnderACertificationForbiddingChangesIsADocMdpViolation() {
        byte[] filled = LicencePdfs.fill(sign(FORM, EC.pki.documentSigner(), spec().certifying(1)), "changed");
        assertFailed(verify(filled), SubIndication.SIG_CONSTRAINTS_FAILURE, "PDF_DOCMDP");
    }

    @Test
    void aSecondSignatureUnderACertificationForbiddingChangesIsADocMdpViolation() {
        byte[] twice =
                sign(sign(UNSIGNED, EC.pki.documentSigner(), spec().certifying(1)), EC.pki.documentSigner(), spec());
        assertFailed(verify(twice), SubIndication.SIG_CONSTRAINTS_FAILURE, "PDF_DOCMDP");
    }

    @Test
    void fillingAFieldLockedByFieldMdpIsRefused() {
        byte[] filled = LicencePdfs.fill(
                sign(FORM, EC.pki.documentSigner(), spec().locking(LicencePdfs.FORM_FIELD)), "changed");
        assertFailed(verify(filled), SubIndication.SIG_CONSTRAINTS_FAILURE, "PDF_FIELDMDP");
    }

    // ------------------------------------------------------------------ shadow attacks

    @Test
    void shadowHideWithAnAnnotationIsRefused() {
        assertFailed(
                verify(PdfAttacks.hideWithAnnotation(SIGNED)), SubIndication.SIG_CONSTRAINTS_FAILURE, "SHADOW_HIDE");
    }

    @Test
    void shadowHideWithAnOverlaidContentStreamIsRefused() {
        assertFailed(
                verify(PdfAttacks.hideWithContentOverlay(SIGNED)),
                SubIndication.SIG_CONSTRAINTS_FAILURE,
                "SHADOW_HIDE");
    }

    @Test
    void shadowReplaceOfTheContentStreamIsRefused() {
        assertFailed(
                verify(PdfAttacks.replaceContent(SIGNED)), SubIndication.SIG_CONSTRAINTS_FAILURE, "SHADOW_REPLACE");
    }

    @Test
    void shadowReplaceOfAFontIsRefused() {
        assertFailed(verify(PdfAttacks.replaceFont(SIGNED)), SubIndication.SIG_CONSTRAINTS_FAILURE, "SHADOW_REPLACE");
    }

    @Test
    void shadowHideAndReplaceIsRefused() {
        byte[] withShadow = sign(
                LicencePdfs.unsigned(LicencePdfs.Content.standard().withShadow()), EC.pki.documentSigner(), spec());
        assertPassed(verify(withShadow));
        assertFailed(
                verify(PdfAttacks.hideAndReplace(withShadow)),
                SubIndication.SIG_CONSTRAINTS_FAILURE,
                "SHADOW_HIDE_AND_REPLACE");
    }

    // ------------------------------------------------------------------ CMS

    @Test
    void alteredSignedBytesFailTheMessageDigest() {
        assertFailed(verify(PdfAttacks.alterSignedText(SIGNED)), SubIndication.HASH_FAILURE, "CMS_MESSAGE_DIGEST");
    }

    @Test
    void aSignatureByAnotherKeyFailsTheSignatureValue() {
        Issued other = EC.pki.issueLeaf("other", LeafProfile.DOCUMENT_SIGNER);
        byte[] pdf = sign(UNSIGNED, EC.pki.documentSigner(), spec().withSigningKey(other.privateKey()));
        assertFailed(verify(pdf), SubIndication.SIG_CRYPTO_FAILURE, "CMS_SIGNATURE_VALUE");
    }

    @Test
    void aSigningCertificateAttributeNamingAnotherCertificateIsRefused() {
        Issued other = EC.pki.issueLeaf("other", LeafProfile.DOCUMENT_SIGNER);
        byte[] pdf = sign(UNSIGNED, EC.pki.documentSigner(), spec().withSigningCertificateFor(other.certificate()));
        assertIndeterminate(verify(pdf), SubIndication.NO_SIGNING_CERTIFICATE_FOUND, "CMS_SIGNING_CERTIFICATE_V2");
    }

    @Test
    void aCadesSignatureWithoutSigningCertificateV2IsRefused() {
        byte[] pdf = sign(UNSIGNED, EC.pki.documentSigner(), spec().withoutSigningCertificateV2());
        assertFailed(verify(pdf), SubIndication.FORMAT_FAILURE, "CMS_SIGNING_CERTIFICATE_V2");
    }

    @Test
    void aSignatureTimeStampOverOtherBytesFailsItsImprint() {
        byte[] pdf = sign(
                UNSIGNED, EC.pki.documentSigner(), spec().withTimeStampOverOtherBytes(EC.pki.tsa(), CLOCK.instant()));
        assertFailed(verify(pdf), SubIndication.HASH_FAILURE, "SIGNATURE_TIMESTAMP");
    }

    @Test
    void sha1IsAWeakAlgorithm() {
        RsaWorld rsa = RsaWorld.INSTANCE;
        byte[] pdf = sign(UNSIGNED, rsa.world.pki.documentSigner(), spec().withDigest("SHA1"));
        assertIndeterminate(rsa.verify(pdf), SubIndication.CRYPTO_CONSTRAINTS_FAILURE, "CMS_ALGORITHM_POLICY");
    }

    @Test
    void rsa1024IsAWeakKey() throws Exception {
        RsaWorld rsa = RsaWorld.INSTANCE;
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair weak = g.generateKeyPair();
        var ca = rsa.world.pki.intermediate();
        X509Certificate cert = CertificateBuilder.create()
                .subject("CN=weak signer,O=Tongban Test,C=CN")
                .publicKey(weak.getPublic())
                .issuer(ca.certificate(), ca.issued().privateKey())
                .validity(CLOCK, Duration.ofDays(1), Duration.ofDays(30))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION)
                .build();
        List<X509Certificate> chain = new java.util.ArrayList<>(List.of(cert));
        chain.addAll(ca.issued().chain());
        byte[] pdf = sign(UNSIGNED, new Issued(cert, weak.getPrivate(), chain), spec());
        VerificationReport r = rsa.verify(pdf);
        assertIndeterminate(r, SubIndication.CRYPTO_CONSTRAINTS_FAILURE, "CMS_ALGORITHM_POLICY");
        assertThat(r.signatures().get(0).checks())
                .anySatisfy(c -> assertThat(c.detail()).contains("1024"));
    }

    // ------------------------------------------------------------------ certificates

    @Test
    void aRevokedSignerFails() {
        LicenceWorld w = new LicenceWorld(KeyAlgorithm.EC_P256, CLOCK);
        byte[] pdf = sign(UNSIGNED, w.pki.documentSigner(), spec());
        w.pki.revoke(
                w.pki.documentSigner().certificate(),
                CLOCK.instant().minus(Duration.ofDays(2)),
                CRLReason.KEY_COMPROMISE);
        assertFailed(
                new PdfLicenceVerifier(w.trust(SETS), null).verify(pdf, DEFAULTS),
                SubIndication.REVOKED,
                "SIGNER_CERTIFICATE");
    }

    @Test
    void anExpiredSignerFails() {
        Instant now = CLOCK.instant();
        Issued expired = EC.pki.issueLeaf(
                "expired signer",
                LeafProfile.DOCUMENT_SIGNER,
                now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)));
        assertFailed(verify(sign(UNSIGNED, expired, spec())), SubIndication.EXPIRED, "SIGNER_CERTIFICATE");
    }

    @Test
    void aSignerWithoutTrustedAnchorIsIndeterminate() {
        VerificationReport r =
                new PdfLicenceVerifier(EC.trust(DocumentTrust.TIMESTAMPING), null).verify(SIGNED, DEFAULTS);
        assertIndeterminate(r, SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "SIGNER_CERTIFICATE");
    }

    @Test
    void anAnchorGivenForTheCallIsTrusted() {
        VerificationReport r = new PdfLicenceVerifier(EC.trust(), null)
                .verify(
                        SIGNED,
                        new VerificationOptions(null, List.of(EC.pki.root().certificate()), false));
        assertPassed(r);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("revocation not checked"));
    }

    // ------------------------------------------------------------------ licence rules

    @Test
    void aWrongCheckCharacterFailsTheLicenceIdentifierRule() {
        Map<String, String> m = LicencePdfs.metadata();
        String id = m.get("identifier");
        m.put("identifier", id.substring(0, id.length() - 1) + (id.endsWith("A") ? "B" : "A"));
        byte[] pdf = sign(
                LicencePdfs.unsigned(LicencePdfs.Content.standard().withMetadata(m)), EC.pki.documentSigner(), spec());
        assertFailed(verify(pdf), SubIndication.SIG_CONSTRAINTS_FAILURE, "LICENCE_IDENTIFIER");
    }

    @Test
    void unreadableLicenceMetadataIsAFormatFailure() {
        Map<String, String> m = LicencePdfs.metadata();
        m.put("colour", "red");
        byte[] pdf = sign(
                LicencePdfs.unsigned(LicencePdfs.Content.standard().withMetadata(m)), EC.pki.documentSigner(), spec());
        assertFailed(verify(pdf), SubIndication.FORMAT_FAILURE, "LICENCE_METADATA");
    }

    /** A second, RSA, issuer for the algorithm-policy tests (SHA-1 needs an RSA or ECDSA key; RSA shows both). */
    static final class RsaWorld {
        static final RsaWorld INSTANCE = new RsaWorld();
        final LicenceWorld world = new LicenceWorld(KeyAlgorithm.RSA_2048, CLOCK);
        final PdfLicenceVerifier verifier = new PdfLicenceVerifier(world.trust(SETS), null);

        VerificationReport verify(byte[] pdf) {
            return verifier.verify(pdf, DEFAULTS);
        }
    }
}
