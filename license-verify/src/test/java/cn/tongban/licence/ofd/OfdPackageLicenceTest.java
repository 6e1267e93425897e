package cn.tongban.licence.ofd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.ofd.OfdPackageAttacks;
import cn.tongban.licence.DocumentVerifiers;
import cn.tongban.licence.LicenceWorld;
import cn.tongban.licence.metadata.LicenceMetadataJson;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.trust.pki.KeyAlgorithm;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * A licence OFD's ZIP package seen one way only (seal-service OfdPackage) through the common entry point: a
 * central directory that swaps licence.json, or none at all, is refused with the package rule before its
 * metadata is read; the budgets given to {@link DocumentVerifiers#standard} are the ones applied.
 */
class OfdPackageLicenceTest {

    private static final String LICENCE = "Doc_0/Attachs/licence.json";
    private static final LicenceWorld SM2 = new LicenceWorld(KeyAlgorithm.SM2, OfdLicenceVerifierTest.CLOCK);

    private static VerificationReport verify(byte[] ofd, OfdLimits limits) {
        return DocumentVerifiers.standard(
                        SM2.trust(DocumentTrust.SEAL_MAKERS, DocumentTrust.LICENCE_ISSUERS), null, limits)
                .verify(ofd, OfdLicenceVerifierTest.DEFAULTS);
    }

    @Test
    void aCentralDirectoryPointingAtAnotherLicenceJsonIsRefusedAsAPackageFault() {
        LicenceMetadata genuine = SM2.licence("2430700");
        byte[] ofd = SM2.ofdLicence(genuine);
        VerificationReport before = verify(ofd, OfdLimits.DEFAULT);
        assertThat(before.indication()).as(before.toString()).isEqualTo(Indication.TOTAL_PASSED);
        LicenceMetadata other = OfdLicenceVerifierTest.with(genuine, null, null, "REVOKED");
        byte[] forged =
                OfdPackageAttacks.forgedCentralDirectory(ofd, LICENCE, LicenceMetadataJson.write(other), LICENCE);

        VerificationReport r = verify(forged, OfdLimits.DEFAULT);

        OfdLicenceVerifierTest.assertFailed(r, SubIndication.FORMAT_FAILURE, "OFD_PACKAGE");
        assertThat(r.licence()).isNull();
        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.detail()).startsWith("LAYOUT");
            assertThat(c.clause()).contains("APPNOTE.TXT");
        });
    }

    @Test
    void aLicenceCutOffBeforeItsCentralDirectoryIsRefused() {
        byte[] cut = OfdPackageAttacks.truncatedBeforeCentralDirectory(SM2.ofdLicence(SM2.licence("2430701")));

        VerificationReport r = verify(cut, OfdLimits.DEFAULT);

        OfdLicenceVerifierTest.assertFailed(r, SubIndication.FORMAT_FAILURE, "OFD_PACKAGE");
        assertThat(r.checks())
                .extracting(Check::detail)
                .singleElement()
                .asString()
                .startsWith("CENTRAL_DIRECTORY");
    }

    @Test
    void theBudgetsGivenToTheEntryPointAreApplied() {
        byte[] ofd = SM2.ofdLicence(SM2.licence("2430702"));

        VerificationReport r = verify(ofd, OfdLimits.DEFAULT.withMaxEntries(3));

        OfdLicenceVerifierTest.assertFailed(r, SubIndication.FORMAT_FAILURE, "OFD_BUDGET");
        assertThat(r.checks())
                .extracting(Check::detail)
                .singleElement()
                .asString()
                .contains("max-entries budget (3)");
    }

    @Test
    void aPassingLicenceReportsThePackageRule() {
        VerificationReport r = verify(SM2.ofdLicence(SM2.licence("2430703")), OfdLimits.DEFAULT);

        assertThat(r.indication()).as(r.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(r.checks()).anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo("OFD_PACKAGE");
            assertThat(c.status()).isEqualTo(Check.Status.PASSED);
        });
        assertThat(new String(LicenceMetadataJson.write(r.licence()), StandardCharsets.UTF_8))
                .contains("2430703");
    }
}
