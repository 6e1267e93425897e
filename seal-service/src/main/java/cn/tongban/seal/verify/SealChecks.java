package cn.tongban.seal.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.tongban.seal.codec.PictureType;
import cn.tongban.seal.codec.SealPicture;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.seal.report.SealStatusSource;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The seal checks of docs/STANDARDS.md §1.5 as report checks, written once for every place a seal is verified: a seal
 * inside an OFD signature, inside a PDF stamp, and a bare seal file. Each takes the time it judges at (the signing
 * time for a stamp, the validation time for a bare seal) and never throws for bad input.
 */
public final class SealChecks {

    public static final String CLAUSE_SEAL_SIGNATURE = "GM/T 0031-2014 §6.1.2 step 2; GB/T 38540 §6.3";
    public static final String CLAUSE_SEAL_VALIDITY = "GM/T 0031-2014 §6.1.2 step 4, §6.2.3 step 6";
    public static final String CLAUSE_MAKER_CERT = "GM/T 0031-2014 §6.1.2 step 3; GB/T 38540 §6.3";
    public static final String CLAUSE_REGISTRY = "seal registry (seal-service README); GM/T 0031-2014 §6.1.2 step 3";
    public static final String CLAUSE_PICTURE =
            "GB/T 38540 SES_ESPictureInfo (type, data, width, height in mm); " + "STANDARDS §1.1";

    private SealChecks() {}

    /** A codec-level cryptographic result as a report check (ETSI EN 319 102-1 sub-indications). */
    public static Check mapped(String name, String clause, SignatureCheck result) {
        return switch (result.code()) {
            case VALID, SIGNER_IN_SEAL -> check(name, Check.Status.PASSED, null, clause, result.detail());
            case SIGNATURE_INVALID, SIGNATURE_MALFORMED, KEY_ALGORITHM_MISMATCH ->
                check(name, Check.Status.FAILED, SubIndication.SIG_CRYPTO_FAILURE, clause, result.detail());
            case CERTIFICATE_UNPARSEABLE ->
                check(name, Check.Status.FAILED, SubIndication.FORMAT_FAILURE, clause, result.detail());
            case SIGNER_NOT_IN_SEAL ->
                check(name, Check.Status.FAILED, SubIndication.SIG_CONSTRAINTS_FAILURE, clause, result.detail());
            case UNSUPPORTED_ALGORITHM, UNSUPPORTED_DIGEST ->
                check(
                        name,
                        Check.Status.INDETERMINATE,
                        SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                        clause,
                        result.detail());
        };
    }

    /** The seal maker's signature over SES_SealInfo, on the original bytes (docs/STANDARDS.md §1.3). */
    public static Check sealSignature(SignatureCheck result) {
        return mapped("SEAL_SIGNATURE", CLAUSE_SEAL_SIGNATURE, result);
    }

    /**
     * validStart ≤ t ≤ validEnd (GM/T 0031-2014 §6.1.2 step 4). {@code event} says what {@code at} is, e.g.
     * {@code "signed at"} for a stamp or {@code "validated at"} for a bare seal.
     */
    public static Check validity(SesSeal seal, Instant at, String event) {
        var p = seal.property();
        String range = p.validStart() + ".." + p.validEnd();
        if (at.isBefore(p.validStart())) {
            return check(
                    "SEAL_VALIDITY",
                    Check.Status.FAILED,
                    SubIndication.SIG_CONSTRAINTS_FAILURE,
                    CLAUSE_SEAL_VALIDITY,
                    event + " " + at + ", before the seal's validity " + range);
        }
        if (at.isAfter(p.validEnd())) {
            return check(
                    "SEAL_VALIDITY",
                    Check.Status.FAILED,
                    SubIndication.SIG_CONSTRAINTS_FAILURE,
                    CLAUSE_SEAL_VALIDITY,
                    event + " " + at + ", after the seal's validity " + range);
        }
        return check(
                "SEAL_VALIDITY",
                Check.Status.PASSED,
                null,
                CLAUSE_SEAL_VALIDITY,
                event + " " + at + ", inside " + range);
    }

    /** A certificate judged for {@code purpose} at {@code at}; an unparseable one is a FORMAT_FAILURE. */
    public static Check certificate(
            CertificateJudge judge,
            String name,
            String clause,
            Optional<X509Certificate> cert,
            Instant at,
            CertificateJudge.Purpose purpose) {
        if (cert.isEmpty()) {
            return check(
                    name,
                    Check.Status.FAILED,
                    SubIndication.FORMAT_FAILURE,
                    clause,
                    "certificate is not parseable X.509");
        }
        CertificateJudge.Judgement j;
        try {
            j = judge.judge(cert.get(), at, purpose);
        } catch (RuntimeException e) {
            j = CertificateJudge.Judgement.indeterminate(
                    SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "certificate judge failed: " + e);
        }
        return new Check(
                name,
                j.status(),
                j.subIndication().orElse(null),
                clause,
                cert.get().getSubjectX500Principal().getName() + ": " + j.detail());
    }

    /** The seal maker's certificate (SESeal.cert) against the seal-making authorities, at {@code at}. */
    public static Check makerCertificate(CertificateJudge judge, SesSeal seal, Instant at) {
        return certificate(
                judge,
                "SEAL_MAKER_CERTIFICATE",
                CLAUSE_MAKER_CERT,
                SealSignatures.parseCertificate(seal.makerCertificate()),
                at,
                CertificateJudge.Purpose.SEAL_MAKER);
    }

    /** The registry's judgement of the seal at {@code at}; a failing registry is INDETERMINATE TRY_LATER. */
    public static Check registry(SealStatusSource registry, SesSeal seal, Instant at) {
        CertificateJudge.Judgement j;
        try {
            j = registry.judge(seal, at);
        } catch (RuntimeException e) {
            j = CertificateJudge.Judgement.indeterminate(
                    SubIndication.TRY_LATER,
                    "seal registry unavailable: " + e.getClass().getSimpleName());
        }
        return new Check("SEAL_REGISTRY", j.status(), j.subIndication().orElse(null), CLAUSE_REGISTRY, j.detail());
    }

    /**
     * The picture is what its SES_ESPictureInfo says: a declared type of GB/T 38540 (GIF, BMP, JPG, PNG, SVG) whose
     * magic bytes the data starts with, and a width and height in millimetres within the bounds seals are made
     * with ({@link PictureType#violations}). The picture is signed, so a mismatch is a malformed seal, not an
     * alteration: FORMAT_FAILURE.
     */
    public static Check picture(SealPicture picture) {
        List<String> violations =
                PictureType.violations(picture.type(), picture.data(), picture.widthMm(), picture.heightMm());
        String facts = picture.type() + ", " + picture.data().size() + " octets, " + picture.widthMm() + " x "
                + picture.heightMm() + " mm";
        return violations.isEmpty()
                ? check("SEAL_PICTURE", Check.Status.PASSED, null, CLAUSE_PICTURE, facts)
                : check(
                        "SEAL_PICTURE",
                        Check.Status.FAILED,
                        SubIndication.FORMAT_FAILURE,
                        CLAUSE_PICTURE,
                        facts + ": " + String.join("; ", violations));
    }

    private static Check check(String name, Check.Status status, SubIndication sub, String clause, String detail) {
        return new Check(name, status, sub, clause, detail);
    }
}
