package cn.tongban.server.verification;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import cn.tongban.seal.ofd.OfdLimits;

/**
 * Document verification settings, under {@code tongban.verification}.
 *
 * @param anchorsDir       trust-anchor sets, one sub-directory per set ({@code seal-maker}, {@code licence-issuer},
 *                         {@code licence-type_<code>}, {@code signer}; PEM or DER files); default
 *                         {@code <tongban.pki.dir>/anchors}; a missing directory means no anchors
 * @param maxDocumentSize  largest document accepted (413 beyond); the server-wide body limit applies too
 * @param timeout          longest one verification may take (503 VERIFICATION_TIMEOUT beyond)
 * @param concurrency      verifications running at once (0, the default: one per available processor — verification
 *                         is CPU-bound, and more threads than cores made it ~30% slower per CPU in the JMH run of
 *                         docs/PERFORMANCE.md); more waiting than {@code queue} are refused with 503 VERIFICATION_BUSY
 * @param queue            verifications waiting for a free slot
 * @param revocationTimeout connect and read timeout of each OCSP/CRL fetch
 * @param sealStatusReuse  how long verification reuses a seal's registry entry (status and history); a suspension
 *                         or revocation made on this node takes effect at once, one made on another cluster member
 *                         at most this late; 0 reads the registry on every verification
 * @param ofd              the budgets of one OFD verification, under {@code tongban.verification.ofd}
 */
@ConfigurationProperties("tongban.verification")
@Validated
public record VerificationProperties(
        Path anchorsDir,
        @DefaultValue("10MB") DataSize maxDocumentSize,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("0") @Min(0) @Max(256) int concurrency,
        @DefaultValue("64") @Min(0) @Max(10_000) int queue,
        @DefaultValue("5s") Duration revocationTimeout,
        @DefaultValue("5s") Duration sealStatusReuse,
        @DefaultValue @Valid Ofd ofd) {

    /** The verification threads: {@code concurrency}, or one per available processor when it is 0. */
    public int threads() {
        return concurrency == 0 ? Runtime.getRuntime().availableProcessors() : concurrency;
    }

    /** The OFD budgets ({@link OfdLimits#DEFAULT} when the group is absent). */
    public OfdLimits ofdLimits() {
        return ofd == null ? OfdLimits.DEFAULT : ofd.limits();
    }

    /**
     * Budgets of one OFD verification (seal-service {@link OfdLimits}; license-verify README, "OFD package"); the
     * defaults are {@link OfdLimits#DEFAULT}'s. Exceeding one is FORMAT_FAILURE of rule {@code OFD_BUDGET}, whose
     * detail names the property.
     *
     * @param maxEntries                entries in the package's central directory
     * @param maxEntrySize              inflated size of one entry (at most 1GB)
     * @param maxTotalSize              inflated size of all entries
     * @param maxCompressionRatio       inflated/compressed, per entry and for the package
     * @param maxSignatures             signatures listed in the Signatures.xml files
     * @param maxReferencesPerSignature files referenced by one Signature.xml
     * @param maxXmlSize                one XML part the verifier parses (OFD.xml, Document.xml, Signatures.xml, …)
     */
    public record Ofd(
            @DefaultValue("10000") @Min(1) int maxEntries,
            @DefaultValue("32MB") DataSize maxEntrySize,
            @DefaultValue("64MB") DataSize maxTotalSize,
            @DefaultValue("100") @DecimalMin("1") double maxCompressionRatio,
            @DefaultValue("64") @Min(1) int maxSignatures,
            @DefaultValue("4096") @Min(1) int maxReferencesPerSignature,
            @DefaultValue("4MB") DataSize maxXmlSize) {

        public OfdLimits limits() {
            return new OfdLimits(maxEntries, maxTotalSize.toBytes(), maxCompressionRatio, maxEntrySize.toBytes(),
                    maxSignatures, maxReferencesPerSignature, maxXmlSize.toBytes());
        }
    }
}
