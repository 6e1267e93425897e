package cn.tongban.licence.pdf.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.tongban.fixtures.pdf.LicencePdfs;
import cn.tongban.fixtures.pdf.PdfAttacks;
import cn.tongban.fixtures.pdf.SignSpec;
import cn.tongban.fixtures.pki.Issued;
import cn.tongban.fixtures.pki.LeafProfile;
import cn.tongban.licence.pdf.PdfLicenceVerifier;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.trust.verdict.Indication;

/**
 * The attack fixtures of the suite (test-fixtures {@code PdfAttacks}: incremental saving, signature wrapping,
 * universal forgery, shadow attacks; DocMDP / FieldMDP violations; broken CMS) through Tongban and through EU DSS
 * 6.4 (default policy) side by side: Tongban refuses every one; what DSS says is compared with what
 * docs/VERIFICATION.md ("Control corpus and DSS") records, so the page cannot drift from DSS's behaviour.
 */
class AttacksSideBySideIT {

    /**
     * The attacks DSS 6.4 refuses (not TOTAL_PASSED), as documented; DSS passes every other one, at most with a
     * warning ("visual difference", "undefined object modifications", "changes restricted by /DocMDP").
     */
    private static final java.util.Set<String> DSS_REFUSES = java.util.Set.of(
            "signature wrapping",
            "altered signed bytes",
            "signature value by another key",
            "signing-certificate-v2 naming another " + "certificate",
            "two SignerInfos",
            "universal forgery CONTENTS_MISSING",
            "universal forgery CONTENTS_EMPTY",
            "universal forgery CONTENTS_ZEROS",
            "universal forgery CONTENTS_NULL",
            "universal forgery BYTE_RANGE_MISSING",
            "universal forgery BYTE_RANGE_NULL",
            "universal forgery BYTE_RANGE_EMPTY",
            "universal forgery BYTE_RANGE_ZEROS");

    @Test
    void tongbanRefusesEveryAttackAndDssSaysWhatTheDocsRecord() {
        CorpusPki pki = new CorpusPki(Clock.systemUTC());
        Map<String, byte[]> attacks = attacks(pki);
        PdfLicenceVerifier tongban = new PdfLicenceVerifier(pki.trust(), null);
        DssJudge dss = new DssJudge(pki);
        List<String> passedByTongban = new ArrayList<>();
        Map<String, Boolean> dssPasses = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, byte[]> a : attacks.entrySet()) {
            VerificationReport r = tongban.verify(a.getValue(), VerificationOptions.defaults());
            if (r.indication() == Indication.TOTAL_PASSED) {
                passedByTongban.add(a.getKey());
            }
            DssJudge.Verdict v = dss.validate(a.getValue());
            dssPasses.put(a.getKey(), v.passed());
            table.append("| ")
                    .append(a.getKey())
                    .append(" | ")
                    .append(r.indication())
                    .append(" ")
                    .append(r.rule())
                    .append(" | ")
                    .append(v.summary())
                    .append(" |\n");
        }
        System.out.println(table);
        assertThat(passedByTongban).as("attacks Tongban passed").isEmpty();
        Map<String, Boolean> documented = new LinkedHashMap<>();
        attacks.keySet().forEach(k -> documented.put(k, !DSS_REFUSES.contains(k)));
        assertThat(dssPasses).as(table.toString()).isEqualTo(documented);
    }

    private static Map<String, byte[]> attacks(CorpusPki pki) {
        Issued signer = pki.world.pki.documentSigner();
        SignSpec spec = SignSpec.at(pki.clock.instant().minusSeconds(60));
        byte[] unsigned = LicencePdfs.unsigned();
        byte[] form = LicencePdfs.unsigned(LicencePdfs.Content.standard().withFormField());
        byte[] signed = LicencePdfs.sign(unsigned, signer, spec);
        Map<String, byte[]> a = new LinkedHashMap<>();
        a.put("bytes after the last %%EOF", PdfAttacks.trailingGarbage(signed));
        a.put("update without cross-reference section", PdfAttacks.updateWithoutXref(signed));
        a.put("signature wrapping", PdfAttacks.wrapSignature(signed));
        a.put("non-zero padding after the CMS", PdfAttacks.nonZeroPadding(signed));
        for (PdfAttacks.Forgery f : PdfAttacks.Forgery.values()) {
            a.put("universal forgery " + f, PdfAttacks.universalForgery(unsigned, f));
        }
        a.put("incremental saving: /OpenAction added", PdfAttacks.addOpenAction(signed));
        Map<String, String> m = LicencePdfs.metadata();
        m.put("holder", "LI Forged");
        a.put("incremental saving: licence.json replaced", PdfAttacks.replaceLicenceJson(signed, LicencePdfs.json(m)));
        a.put("form fill under DocMDP P=1", LicencePdfs.fill(LicencePdfs.sign(form, signer, spec.certifying(1)), "x"));
        a.put(
                "second signature under DocMDP P=1",
                LicencePdfs.sign(LicencePdfs.sign(unsigned, signer, spec.certifying(1)), signer, spec));
        a.put(
                "fill of a FieldMDP-locked field",
                LicencePdfs.fill(LicencePdfs.sign(form, signer, spec.locking(LicencePdfs.FORM_FIELD)), "x"));
        a.put("shadow hide: annotation", PdfAttacks.hideWithAnnotation(signed));
        a.put(
                "shadow hide: annotation under a certification with /P 3",
                PdfAttacks.hideWithAnnotation(LicencePdfs.sign(unsigned, signer, spec.certifying(3))));
        a.put("shadow hide: content overlay", PdfAttacks.hideWithContentOverlay(signed));
        a.put("shadow replace: content stream", PdfAttacks.replaceContent(signed));
        a.put("shadow replace: font", PdfAttacks.replaceFont(signed));
        a.put(
                "shadow hide-and-replace",
                PdfAttacks.hideAndReplace(LicencePdfs.sign(
                        LicencePdfs.unsigned(LicencePdfs.Content.standard().withShadow()), signer, spec)));
        a.put("altered signed bytes", PdfAttacks.alterSignedText(signed));
        Issued other = pki.world.pki.issueLeaf("other", LeafProfile.DOCUMENT_SIGNER);
        a.put(
                "signature value by another key",
                LicencePdfs.sign(unsigned, signer, spec.withSigningKey(other.privateKey())));
        a.put(
                "signing-certificate-v2 naming another certificate",
                LicencePdfs.sign(unsigned, signer, spec.withSigningCertificateFor(other.certificate())));
        a.put("two SignerInfos", LicencePdfs.sign(unsigned, signer, spec.withSecondSigner(other)));
        a.put(
                "signature time-stamp over other bytes",
                LicencePdfs.sign(unsigned, signer, spec.withTimeStampOverOtherBytes(pki.tsa(), pki.clock.instant())));
        return a;
    }
}
