package cn.tongban.licence.pdf.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import cn.tongban.licence.pdf.PdfLicenceVerifier;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;

/**
 * No false rejection: every document of the {@link ControlCorpus} (signed by EU DSS, PDFBox, and qpdf-shaped files
 * signed by them) is {@code TOTAL_PASSED}, with revocation checked against the test PKI's CRLs; and EU DSS, asked
 * the same question with its default policy, agrees on each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlCorpusIT {

    private CorpusPki pki;
    private List<ControlCorpus.Doc> corpus;
    private PdfLicenceVerifier verifier;

    @BeforeAll
    void build() {
        pki = new CorpusPki(Clock.systemUTC());
        corpus = ControlCorpus.build(pki);
        verifier = new PdfLicenceVerifier(pki.trust(), null);
    }

    @Test
    void theCorpusHasAtLeastThirtyDocumentsFromThreeProducers() {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        assertThat(corpus.stream().map(ControlCorpus.Doc::producer).distinct()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void everyDocumentOfTheControlCorpusPassesWithRevocationChecked() {
        Map<String, String> rejected = new LinkedHashMap<>();
        for (ControlCorpus.Doc doc : corpus) {
            VerificationReport r = verifier.verify(doc.pdf(), VerificationOptions.defaults());
            if (r.indication() != Indication.TOTAL_PASSED) {
                rejected.put(
                        doc.name(), r.indication() + "/" + r.subIndication() + " " + r.rule() + ": " + decisive(r));
            }
            assertThat(r.warnings()).as(doc.name()).noneMatch(w -> w.contains("revocation not checked"));
        }
        assertThat(rejected)
                .as("false rejections (" + rejected.size() + " of " + corpus.size() + ")\n"
                        + rejected.entrySet().stream()
                                .map(e -> e.getKey() + " -> " + e.getValue())
                                .collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Test
    void euDssAgreesOnEveryDocumentOfTheControlCorpus() {
        DssJudge dss = new DssJudge(pki);
        List<String> disagreements = new ArrayList<>();
        for (ControlCorpus.Doc doc : corpus) {
            DssJudge.Verdict v = dss.validate(doc.pdf());
            if (!v.passed()) {
                disagreements.add(doc.name() + " -> " + v);
            }
        }
        assertThat(disagreements).as(String.join("\n", disagreements)).isEmpty();
    }

    /** The first check that is neither PASSED nor WARNING, for the failure message. */
    static String decisive(VerificationReport r) {
        List<Check> all = new ArrayList<>(r.checks());
        r.signatures().forEach(s -> all.addAll(s.checks()));
        return all.stream()
                .filter(c -> c.status() == Check.Status.FAILED || c.status() == Check.Status.INDETERMINATE)
                .map(c -> c.rule() + " (" + c.detail() + ")")
                .collect(Collectors.joining(" | "));
    }
}
