package cn.tongban.seal.trust;

import cn.tongban.seal.ofd.CertificateJudge;
import cn.tongban.seal.ofd.SubIndication;
import cn.tongban.trust.validation.PathValidationResult;
import cn.tongban.trust.validation.PathValidator;
import cn.tongban.trust.validation.TrustAnchorSet;
import cn.tongban.trust.validation.ValidationPolicy;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The real {@link CertificateJudge}: RFC 5280 §6 path validation by the {@code trust} module at the signing time
 * (GM/T 0031-2014 §6.1.2 step 3 for the seal maker, §6.2.3 step 4 for the signer; STANDARDS §1.5). Seal makers
 * must chain to the seal-making authorities' anchor set, signers to the signers' set, each under its own
 * {@link ValidationPolicy} (key usage, algorithms, revocation). A certificate revoked after the signing time
 * still passes, as the trust module records it without failing the path.
 */
public final class PathValidatingJudge implements CertificateJudge {

    private final PathValidator validator;
    private final TrustAnchorSet sealMakers;
    private final TrustAnchorSet signers;
    private final ValidationPolicy makerPolicy;
    private final ValidationPolicy signerPolicy;

    public PathValidatingJudge(PathValidator validator, TrustAnchorSet sealMakers, TrustAnchorSet signers,
                               ValidationPolicy makerPolicy, ValidationPolicy signerPolicy) {
        this.validator = Objects.requireNonNull(validator);
        this.sealMakers = Objects.requireNonNull(sealMakers);
        this.signers = Objects.requireNonNull(signers);
        this.makerPolicy = Objects.requireNonNull(makerPolicy);
        this.signerPolicy = Objects.requireNonNull(signerPolicy);
    }

    /** Seal makers under {@link ValidationPolicy#sealMaker()}, signers under {@link ValidationPolicy#documentSigning()}. */
    public static PathValidatingJudge of(PathValidator validator, TrustAnchorSet sealMakers, TrustAnchorSet signers) {
        return new PathValidatingJudge(validator, sealMakers, signers, ValidationPolicy.sealMaker(),
                ValidationPolicy.documentSigning());
    }

    @Override
    public Judgement judge(X509Certificate cert, Instant at, Purpose purpose) {
        boolean maker = purpose == Purpose.SEAL_MAKER;
        PathValidationResult r = validator.validate(cert, List.of(), maker ? sealMakers : signers, at,
                maker ? makerPolicy : signerPolicy);
        String detail = "path to anchor set '" + (maker ? sealMakers : signers).name() + "' at " + at + ": "
                + (r.reasons().isEmpty() ? "valid" : String.join("; ", r.reasons()));
        return switch (r.indication()) {
            case TOTAL_PASSED -> Judgement.passed(detail);
            case TOTAL_FAILED -> Judgement.failed(map(r.subIndication()), detail);
            case INDETERMINATE -> Judgement.indeterminate(map(r.subIndication()), detail);
        };
    }

    /** trust's ETSI EN 319 102-1 sub-indications onto the seal report's (same names where both have them). */
    static SubIndication map(cn.tongban.trust.validation.SubIndication s) {
        return switch (s) {
            case SIG_CRYPTO_FAILURE -> SubIndication.SIG_CRYPTO_FAILURE;
            case HASH_FAILURE -> SubIndication.HASH_FAILURE;
            case REVOKED -> SubIndication.REVOKED;
            case EXPIRED -> SubIndication.EXPIRED;
            case NOT_YET_VALID -> SubIndication.NOT_YET_VALID;
            case FORMAT_FAILURE -> SubIndication.FORMAT_FAILURE;
            case NO_SIGNING_CERTIFICATE_FOUND -> SubIndication.NO_SIGNING_CERTIFICATE_FOUND;
            case NO_CERTIFICATE_CHAIN_FOUND -> SubIndication.NO_CERTIFICATE_CHAIN_FOUND;
            case CRYPTO_CONSTRAINTS_FAILURE -> SubIndication.CRYPTO_CONSTRAINTS_FAILURE;
            case CHAIN_CONSTRAINTS_FAILURE -> SubIndication.CHAIN_CONSTRAINTS_FAILURE;
            case OUT_OF_BOUNDS_NO_POE -> SubIndication.OUT_OF_BOUNDS_NO_POE;
            case REVOKED_CA_NO_POE -> SubIndication.REVOKED_CA_NO_POE;
            case TRY_LATER -> SubIndication.TRY_LATER;
        };
    }
}
