package cn.tongban.trust.validation;

import java.util.Objects;
import java.util.Set;

import cn.tongban.trust.pki.KeyPurpose;
import cn.tongban.trust.pki.KeyUsage;

/**
 * What the leaf must be good for and how strictly the path is judged.
 *
 * @param name                 for reports
 * @param anyKeyUsage          a leaf keyUsage extension, when present, must assert at least one of these (RFC 5280
 *                             §4.2.1.3: without the extension the key is not restricted; an anchor set may demand
 *                             it, {@link AnchorSetPolicy#keyUsageRequired()}); empty: no rule
 * @param requiredPurposes     the leaf's extKeyUsage must contain all of these (RFC 5280 §4.2.1.12); empty: no rule
 * @param solePurposeCritical  the leaf's extKeyUsage must be critical and hold exactly {@code requiredPurposes}
 *                             (RFC 3161 §2.3 for time-stamping units)
 * @param requireRevocation    every non-anchor certificate needs a fresh OCSP response or CRL
 * @param algorithms           cryptographic constraints
 */
public record ValidationPolicy(
        String name,
        Set<KeyUsage> anyKeyUsage,
        Set<KeyPurpose> requiredPurposes,
        boolean solePurposeCritical,
        boolean requireRevocation,
        AlgorithmPolicy algorithms) {

    public ValidationPolicy {
        Objects.requireNonNull(name, "name");
        anyKeyUsage = Set.copyOf(anyKeyUsage);
        requiredPurposes = Set.copyOf(requiredPurposes);
        Objects.requireNonNull(algorithms, "algorithms");
    }

    /** Signing certificates of documents and licences: digitalSignature or nonRepudiation. */
    public static ValidationPolicy documentSigning() {
        return new ValidationPolicy(
                "document-signing",
                Set.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION),
                Set.of(),
                false,
                true,
                AlgorithmPolicy.defaults());
    }

    /** Seal-maker certificates (GM/T 0031-2014 §6.1.2 step 3): they sign SES_SealInfo, so the same key usages. */
    public static ValidationPolicy sealMaker() {
        return new ValidationPolicy(
                "seal-maker",
                Set.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION),
                Set.of(),
                false,
                true,
                AlgorithmPolicy.defaults());
    }

    /** TLS client certificates of exchange members: clientAuth EKU and digitalSignature. */
    public static ValidationPolicy tlsClient() {
        return new ValidationPolicy(
                "tls-client",
                Set.of(KeyUsage.DIGITAL_SIGNATURE),
                Set.of(KeyPurpose.CLIENT_AUTH),
                false,
                true,
                AlgorithmPolicy.defaults());
    }

    /** Time-stamping units: RFC 3161 §2.3, a critical extKeyUsage holding only id-kp-timeStamping. */
    public static ValidationPolicy timeStamping() {
        return new ValidationPolicy(
                "time-stamping", Set.of(), Set.of(KeyPurpose.TIME_STAMPING), true, true, AlgorithmPolicy.defaults());
    }

    /** The same policy without the revocation requirement (e.g. for offline previews); revocation is not fetched. */
    public ValidationPolicy withoutRevocation() {
        return new ValidationPolicy(
                name + "-no-revocation", anyKeyUsage, requiredPurposes, solePurposeCritical, false, algorithms);
    }
}
