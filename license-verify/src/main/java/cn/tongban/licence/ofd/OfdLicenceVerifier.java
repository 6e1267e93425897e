package cn.tongban.licence.ofd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import cn.tongban.licence.metadata.LicenceMetadataJson;
import cn.tongban.licence.report.DocumentVerifier;
import cn.tongban.licence.report.LicenceMetadata;
import cn.tongban.licence.report.SignatureDetail;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.licence.verify.DocumentTrust;
import cn.tongban.licence.verify.LicenceRules;
import cn.tongban.licence.verify.Reports;
import cn.tongban.seal.ofd.OfdAttachments;
import cn.tongban.seal.ofd.OfdFormatException;
import cn.tongban.seal.ofd.OfdLimits;
import cn.tongban.seal.ofd.OfdReport;
import cn.tongban.seal.ofd.OfdSignatureVerifier;
import cn.tongban.seal.ofd.SignatureReport;
import cn.tongban.seal.report.SealStatusSource;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * OFD licences and seal-stamped OFD documents (GB/T 33190 container, GB/T 38540 signatures; docs/STANDARDS.md §1.5–1.6,
 * §2.3): the seal-service verifier does the container, reference, seal and signature checks with certificates
 * judged by {@link DocumentTrust}; this class maps its report onto the common model and adds the licence's rules.
 *
 * <p>A licence carries {@code licence.json} as an attachment ({@link LicenceMetadataJson}). Its type code chooses
 * the anchor set the signer must chain to ({@link DocumentTrust#signerSetFor}) — read before it is authenticated,
 * then required to be covered by a signature that passed (rule {@code LICENCE_SIGNED}), so a forged type code only
 * selects a set the forger's key is not in. Without {@code licence.json} the document is verified as a
 * seal-stamped document (signers against the {@value DocumentTrust#SIGNERS} set; {@code licence} null).
 */
public final class OfdLicenceVerifier implements DocumentVerifier {

    static final String LICENCE_FILE = "licence.json";
    private static final String CLAUSE_CONTAINER = "GB/T 33190 package; STANDARDS §1.6";
    private static final String CLAUSE_LICENCE = "GB/T 36903 metadata in licence.json; license-verify README";

    private final DocumentTrust trust;
    private final OfdLimits limits;
    private final SealStatusSource registry;

    /** @param registry the seal registry consulted for seal status at signing time; null for none */
    public OfdLicenceVerifier(DocumentTrust trust, OfdLimits limits, SealStatusSource registry) {
        this.trust = Objects.requireNonNull(trust);
        this.limits = Objects.requireNonNull(limits);
        this.registry = registry;
    }

    @Override
    public VerificationReport verify(byte[] document, VerificationOptions options) {
        Instant at = options.validationTime() != null
                ? options.validationTime()
                : trust.clock().instant();
        List<Check> checks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!options.checkRevocation()) {
            warnings.add("revocation not checked (--no-revocation / revocation=false)");
        }
        Optional<OfdAttachments.Attachment> attachment;
        try {
            attachment = OfdAttachments.read(document, limits).stream()
                    .filter(a -> a.name().equals(LICENCE_FILE))
                    .findFirst();
        } catch (OfdFormatException e) {
            return Reports.of(
                    "OFD",
                    document,
                    at,
                    List.of(Check.failed(
                            e.rule().orElse("CONTAINER"),
                            SubIndication.FORMAT_FAILURE,
                            e.clause().orElse(CLAUSE_CONTAINER),
                            e.getMessage())),
                    List.of(),
                    null,
                    warnings);
        } catch (RuntimeException e) {
            return Reports.of(
                    "OFD",
                    document,
                    at,
                    List.of(Check.indeterminate(
                            "INTERNAL",
                            SubIndication.FORMAT_FAILURE,
                            CLAUSE_CONTAINER,
                            "could not be read: " + e.getClass().getSimpleName())),
                    List.of(),
                    null,
                    warnings);
        }
        LicenceMetadata licence = null;
        if (attachment.isPresent()) {
            try {
                licence = LicenceMetadataJson.parse(attachment.get().content());
                checks.add(Check.passed(
                        "LICENCE_METADATA", CLAUSE_LICENCE, attachment.get().path() + " read"));
            } catch (LicenceMetadataJson.InvalidMetadataException e) {
                checks.add(Check.failed(
                        "LICENCE_METADATA",
                        SubIndication.FORMAT_FAILURE,
                        CLAUSE_LICENCE,
                        attachment.get().path() + ": " + e.getMessage()));
            }
        }
        String signerSet = trust.signerSetFor(licence == null ? null : licence.typeCode());
        OfdReport ofd = new OfdSignatureVerifier(trust.judge(options, signerSet), limits, registry).verify(document);
        checks.addAll(ofd.checks());
        List<SignatureDetail> signatures =
                ofd.signatures().stream().map(OfdLicenceVerifier::detail).toList();
        // The licence's rules come after the signatures: a broken signature is the reason, not what it carries.
        List<Check> post = new ArrayList<>();
        if (licence != null) {
            String path = attachment.get().path();
            boolean signed = ofd.signatures().stream()
                    .filter(s -> s.indication() == Indication.TOTAL_PASSED)
                    .anyMatch(s -> covers(s, path));
            boolean referenced = ofd.signatures().stream().anyMatch(s -> references(s, path));
            if (signed) {
                post.add(Check.passed("LICENCE_SIGNED", CLAUSE_LICENCE, path + " is covered by a valid signature"));
            } else if (referenced) {
                // Covered only by signatures that did not pass: their own failure already decides.
                post.add(Check.indeterminate(
                        "LICENCE_SIGNED",
                        SubIndication.SIG_CONSTRAINTS_FAILURE,
                        CLAUSE_LICENCE,
                        path + " is covered only by signatures that did not pass"));
            } else {
                post.add(Check.failed(
                        "LICENCE_SIGNED",
                        SubIndication.SIG_CONSTRAINTS_FAILURE,
                        CLAUSE_LICENCE,
                        path + " is not covered by any signature: the metadata could have been added or changed"));
            }
            post.add(LicenceRules.issuerTrustedForType(trust, signerSet, options, licence));
            post.addAll(LicenceRules.check(licence, at, trust.clock()));
        }
        return Reports.of("OFD", document, at, checks, signatures, post, licence, warnings);
    }

    /** Whether the signature lists {@code path} among its References and its check value matched. */
    private static boolean covers(SignatureReport s, String path) {
        return s.checks().stream().anyMatch(c -> names(c, path) && c.status() == Check.Status.PASSED);
    }

    /** Whether the signature lists {@code path} among its References, whatever the outcome. */
    private static boolean references(SignatureReport s, String path) {
        return s.checks().stream().anyMatch(c -> names(c, path));
    }

    private static boolean names(Check c, String path) {
        return c.rule().startsWith("REFERENCE ")
                && strip(c.rule().substring("REFERENCE ".length())).equals(strip(path));
    }

    private static String strip(String p) {
        String t = p.trim();
        return t.startsWith("/") ? t.substring(1) : t;
    }

    private static SignatureDetail detail(SignatureReport s) {
        List<Check> checks = s.checks();
        Check decisive = Reports.decisive(checks);
        boolean stamped = s.checks().stream()
                .anyMatch(c -> c.rule().equals("SIGNING_TIME")
                        && c.status() == Check.Status.PASSED
                        && c.detail().startsWith("timestamp"));
        long references = s.checks().stream()
                .filter(c -> c.rule().startsWith("REFERENCE "))
                .count();
        return new SignatureDetail(
                s.signatureId(),
                "SEAL",
                s.indication(),
                decisive == null ? null : decisive.subIndication(),
                s.signerSubject().orElse(null),
                null,
                s.signingTime().orElse(null),
                stamped ? "TIMESTAMP" : "CLAIMED",
                references + " referenced file(s)",
                s.esId().isPresent() || s.sealName().isPresent()
                        ? new SignatureDetail.Seal(
                                s.esId().orElse(null), s.sealName().orElse(null), null, null, null, null)
                        : null,
                checks);
    }
}
