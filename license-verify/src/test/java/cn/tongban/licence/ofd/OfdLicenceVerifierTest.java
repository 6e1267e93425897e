package cn.tongban.licence.ofd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.tongban.fixtures.ofd.OfdSamples;
import cn.tongban.licence.LicenceWorld;
import cn.tongban.licence.metadata.LicenceMetadataJson;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.validation.TrustAnchors;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

class OfdLicenceVerifierTest {

    static final Clock CLOCK = Clock.systemUTC();
    static final LicenceWorld SM2 = new LicenceWorld(KeyAlgorithm.SM2, CLOCK);
    static final VerificationOptions DEFAULTS = VerificationOptions.defaults();

    static OfdLicenceVerifier verifier(LicenceWorld w, String... sets) {
        return new OfdLicenceVerifier(w.trust(sets), OfdLimits.DEFAULT, null);
    }

    static VerificationReport issuerTrusted(byte[] ofd) {
        return verifier(SM2, DocumentTrust.SEAL_MAKERS, DocumentTrust.LICENCE_ISSUERS)
                .verify(ofd, DEFAULTS);
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyAlgorithm.class,
            names = {"SM2", "EC_P256", "RSA_2048"})
    void aSignedLicencePassesWithItsMetadataAndEveryRuleNamed(KeyAlgorithm algorithm) {
        LicenceWorld w = algorithm == KeyAlgorithm.SM2 ? SM2 : new LicenceWorld(algorithm, CLOCK);
        LicenceMetadata licence = w.licence("2430599");
        VerificationReport r = verifier(w, DocumentTrust.SEAL_MAKERS, DocumentTrust.LICENCE_ISSUERS)
                .verify(w.ofdLicence(licence), DEFAULTS);

        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(r.subIndication()).isNull();
        assertThat(r.rule()).isNull();
        assertThat(r.documentType()).isEqualTo("OFD");
        assertThat(r.licence()).isEqualTo(licence);
        assertThat(r.checks())
                .extracting(Check::rule)
                .contains(
                        "LICENCE_METADATA",
                        "LICENCE_SIGNED",
                        "ISSUER_TRUSTED_FOR_TYPE",
                        "LICENCE_IDENTIFIER",
                        "LICENCE_IDENTIFIER_FIELDS",
                        "HOLDER_CODE",
                        "ISSUER_CODE",
                        "LICENCE_VALIDITY");
        assertThat(r.signatures()).singleElement().satisfies(s -> {
            assertThat(s.indication()).isEqualTo(Indication.TOTAL_PASSED);
            assertThat(s.seal().esId()).isEqualTo("tb-licence-seal");
            assertThat(s.signer()).contains("CN=");
            assertThat(s.timeSource()).isEqualTo("CLAIMED");
        });
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aTypeWithItsOwnAnchorSetAcceptsOnlyIssuersInThatSet() {
        byte[] ofd = SM2.ofdLicence(SM2.licence("2430600"));
        LicenceWorld other = new LicenceWorld(KeyAlgorithm.SM2, CLOCK);
        // The type's own set holds another authority's root: our issuer is trusted for other types only.
        TrustAnchors anchors = TrustAnchors.of(
                new cn.tongban.trust.validation.TrustAnchorSet(
                        DocumentTrust.SEAL_MAKERS,
                        java.util.Set.of(SM2.pki.root().certificate())),
                new cn.tongban.trust.validation.TrustAnchorSet(
                        DocumentTrust.LICENCE_ISSUERS,
                        java.util.Set.of(SM2.pki.root().certificate())),
                new cn.tongban.trust.validation.TrustAnchorSet(
                        DocumentTrust.licenceType(LicenceWorld.TYPE),
                        java.util.Set.of(other.pki.root().certificate())));
        VerificationReport r =
                new OfdLicenceVerifier(SM2.trust(anchors), OfdLimits.DEFAULT, null).verify(ofd, DEFAULTS);

        assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(r.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(r.rule()).isEqualTo("SIGNER_CERTIFICATE");
    }

    @Test
    void noAnchorForTheLicenceTypeIsIndeterminate() {
        VerificationReport r =
                verifier(SM2, DocumentTrust.SEAL_MAKERS).verify(SM2.ofdLicence(SM2.licence("2430601")), DEFAULTS);
        assertThat(r.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(r.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }

    @Test
    void aWrongCheckCharacterFailsTheIdentifierRule() {
        LicenceMetadata good = SM2.licence("2430602");
        String id = good.identifier();
        char wrong = id.charAt(id.length() - 1) == 'A' ? 'B' : 'A';
        VerificationReport r =
                issuerTrusted(SM2.ofdLicence(with(good, id.substring(0, id.length() - 1) + wrong, null, null)));
        assertFailed(r, SubIndication.SIG_CONSTRAINTS_FAILURE, "LICENCE_IDENTIFIER");
    }

    @Test
    void anIdentifierNamingAnotherIssuerFailsTheFieldsRule() {
        LicenceMetadata good = SM2.licence("2430603");
        String otherIssuer = LicenceWorld.usccOf("11310000MB0001011");
        String id = cn.tongban.licence.id.LicenceIdentifier.of(LicenceWorld.TYPE, otherIssuer, "2430603", "001")
                .toString();
        assertFailed(
                issuerTrusted(SM2.ofdLicence(with(good, id, null, null))),
                SubIndication.SIG_CONSTRAINTS_FAILURE,
                "LICENCE_IDENTIFIER_FIELDS");
    }

    @Test
    void anInvalidHolderCodeFailsWithoutShowingIt() {
        LicenceMetadata good = SM2.licence("2430604");
        String bad = good.holderCode().substring(0, 17) + (good.holderCode().endsWith("0") ? "1" : "0");
        VerificationReport r = issuerTrusted(SM2.ofdLicence(with(good, null, bad, null)));
        assertFailed(r, SubIndication.SIG_CONSTRAINTS_FAILURE, "HOLDER_CODE");
        assertThat(r.checks())
                .allSatisfy(c -> assertThat(String.valueOf(c.detail())).doesNotContain(bad));
    }

    @Test
    void anExpiredLicenceFailsTheValidityRule() {
        LicenceMetadata good = SM2.licence("2430605");
        LicenceMetadata expired = new LicenceMetadata(
                good.identifier(),
                good.name(),
                good.typeName(),
                good.typeCode(),
                good.number(),
                good.issuer(),
                good.issuerCode(),
                good.issueDate().minusYears(5),
                good.validFrom().minusYears(5),
                good.validFrom().minusDays(1),
                good.jurisdictionCode(),
                good.holder(),
                good.holderCode(),
                good.holderCodeType(),
                good.status());
        assertFailed(issuerTrusted(SM2.ofdLicence(expired)), SubIndication.SIG_CONSTRAINTS_FAILURE, "LICENCE_VALIDITY");
    }

    @Test
    void aLicenceNoLongerInForceFailsTheStatusRule() {
        assertFailed(
                issuerTrusted(SM2.ofdLicence(with(SM2.licence("2430606"), null, null, "REVOKED"))),
                SubIndication.SIG_CONSTRAINTS_FAILURE,
                "LICENCE_STATUS");
    }

    @Test
    void metadataAddedAfterSigningIsRefused() {
        // Stamp a document without metadata, then add licence.json and its attachment list: no signature covers them.
        LicenceMetadata m = SM2.licence("2430607");
        Map<String, byte[]> withLicence = OfdSamples.licenceEntries(1, "营业执照", LicenceMetadataJson.write(m));
        byte[] stamped = SM2.stamp(OfdSamples.document(1, "营业执照"));
        byte[] forged = edit(stamped, files -> {
            files.put("Doc_0/Attachs/Attachments.xml", withLicence.get("Doc_0/Attachs/Attachments.xml"));
            files.put("Doc_0/Attachs/licence.json", withLicence.get("Doc_0/Attachs/licence.json"));
        });
        // Document.xml must name the list, and it is signed: edit it and the stamp fails on its own.
        VerificationReport r = issuerTrusted(forged);
        assertThat(r.licence()).isNull(); // not listed by Document.xml: not read as a licence

        byte[] listed = edit(forged, files -> files.put("Doc_0/Document.xml", withLicence.get("Doc_0/Document.xml")));
        VerificationReport r2 = issuerTrusted(listed);
        assertThat(r2.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(r2.rule()).startsWith("REFERENCE");
    }

    @Test
    void metadataChangedAfterSigningFailsItsReference() {
        byte[] ofd = SM2.ofdLicence(SM2.licence("2430608"));
        byte[] changed = edit(
                ofd,
                files -> files.put(
                        "Doc_0/Attachs/licence.json",
                        new String(files.get("Doc_0/Attachs/licence.json"), StandardCharsets.UTF_8)
                                .replace("2430608", "2430609")
                                .getBytes(StandardCharsets.UTF_8)));
        VerificationReport r = issuerTrusted(changed);
        assertFailed(r, SubIndication.HASH_FAILURE, "REFERENCE /Doc_0/Attachs/licence.json");
    }

    @Test
    void unreadableMetadataIsAFormatFailure() {
        byte[] ofd = SM2.stamp(
                OfdSamples.zip(OfdSamples.licenceEntries(1, "x", "{\"name\":1}".getBytes(StandardCharsets.UTF_8))));
        assertFailed(issuerTrusted(ofd), SubIndication.FORMAT_FAILURE, "LICENCE_METADATA");
    }

    @Test
    void skippingRevocationIsAWarning() {
        VerificationReport r = verifier(SM2, DocumentTrust.SEAL_MAKERS, DocumentTrust.LICENCE_ISSUERS)
                .verify(SM2.ofdLicence(SM2.licence("2430610")), new VerificationOptions(null, List.of(), false));
        assertThat(r.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("revocation not checked"));
    }

    @Test
    void aRevokedSignerFails() {
        LicenceWorld w = new LicenceWorld(KeyAlgorithm.EC_P256, CLOCK);
        byte[] ofd = w.ofdLicence(w.licence("2430611"));
        w.pki.revoke(
                w.signer.certificate(),
                Instant.now().minusSeconds(3600 * 24 * 2),
                java.security.cert.CRLReason.KEY_COMPROMISE);
        VerificationReport r = verifier(w, DocumentTrust.SEAL_MAKERS, DocumentTrust.LICENCE_ISSUERS)
                .verify(ofd, DEFAULTS);
        assertFailed(r, SubIndication.REVOKED, "SIGNER_CERTIFICATE");
    }

    // --- the GB/T 38540 vectors (README of ../shared/vectors/gbt38540), through the common report ---

    static byte[] vector(String name) {
        try (InputStream in = OfdLicenceVerifierTest.class.getResourceAsStream("/vectors/gbt38540/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static X509Certificate ofdrwRoot() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
        ks.load(new ByteArrayInputStream(vector("ROOT.p12")), "123456".toCharArray());
        return (X509Certificate) ks.getCertificate("private");
    }

    static VerificationReport vectorReport(String name, boolean trustOfdrwRoot) throws Exception {
        DocumentTrust none = SM2.trust(TrustAnchors.of());
        List<X509Certificate> extra = trustOfdrwRoot ? List.of(ofdrwRoot()) : List.of();
        return new OfdLicenceVerifier(none, OfdLimits.DEFAULT, null)
                .verify(vector(name), new VerificationOptions(null, extra, false));
    }

    @Test
    void allprotectedPassesWithOfdrwsRootAsAnAnchorForThisCall() throws Exception {
        VerificationReport r = vectorReport("allprotected.ofd", true);
        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(r.signatures())
                .singleElement()
                .satisfies(s -> assertThat(s.signingTime()).isEqualTo(Instant.parse("2020-10-23T11:45:37Z")));
    }

    @Test
    void sesv4SignDocFailsSignedAfterTheSealsValidity() throws Exception {
        assertFailed(vectorReport("SESV4SignDoc.ofd", true), SubIndication.SIG_CONSTRAINTS_FAILURE, "SEAL_VALIDITY");
    }

    @Test
    void nOfdFailsEditedAfterSigning() throws Exception {
        VerificationReport r = vectorReport("n.ofd", false);
        assertThat(r.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(r.subIndication()).isIn(SubIndication.HASH_FAILURE, SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void taxAuthoritySignaturesAreIntactButTheirChainCannotBeBuiltOffline() throws Exception {
        for (String name : List.of("signedFile.ofd", "v4signed.ofd")) {
            VerificationReport r = vectorReport(name, false);
            assertThat(r.indication()).as(name).isEqualTo(Indication.INDETERMINATE);
            assertThat(r.subIndication()).as(name).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        }
    }

    @Test
    void notAZipIsAFormatFailure() {
        VerificationReport r = issuerTrusted("PK\3\4 not really".getBytes(StandardCharsets.ISO_8859_1));
        assertFailed(r, SubIndication.FORMAT_FAILURE, "OFD_PACKAGE");
    }

    // --- helpers ---

    static void assertFailed(VerificationReport r, SubIndication sub, String rule) {
        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(r.subIndication()).as(r.toString()).isEqualTo(sub);
        assertThat(r.rule()).as(r.toString()).isEqualTo(rule);
    }

    static LicenceMetadata with(LicenceMetadata m, String identifier, String holderCode, String status) {
        return new LicenceMetadata(
                identifier == null ? m.identifier() : identifier,
                m.name(),
                m.typeName(),
                m.typeCode(),
                m.number(),
                m.issuer(),
                m.issuerCode(),
                m.issueDate(),
                m.validFrom(),
                m.validTo(),
                m.jurisdictionCode(),
                m.holder(),
                holderCode == null ? m.holderCode() : holderCode,
                m.holderCodeType(),
                status == null ? m.status() : status);
    }

    static byte[] edit(byte[] zip, Consumer<Map<String, byte[]>> change) {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
            change.accept(files);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    out.putNextEntry(new ZipEntry(e.getKey()));
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
