package cn.tongban.server.verification;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import cn.tongban.seal.ofd.OfdLimits;

/**
 * Document verification settings, under {@code tongban.verification}.
 *
 * @param anchorsDir       trust-anchor sets, one sub-directory per set ({@code seal-maker}, {@code licence-issuer},
 *                         {@code licence-type_<code>}, {@code signer}; PEM or DER files); default
 *                         {@code <tongban.pki.dir>/anchors}; a missing directory means no anchors
 * @param maxDocumentSize  largest document accepted (413 beyond); the server-wide body limit applies too
 * @param timeout          longest one verification may take (503 VERIFICATION_TIMEOUT beyond)
 * @param concurrency      verifications and stamps running at once (0, the default: one per available processor — verification
 *                         is CPU-bound, and more threads than cores made it ~30% slower per CPU in the JMH run of
 *                         docs/PERFORMANCE.md); more waiting than {@code queue} are refused with 503 VERIFICATION_BUSY
 * @param queue            verifications and stamps that may wait for a free slot at once; more are refused at once
 * @param queueWait        how long one waits for a slot (and its memory) before 503 VERIFICATION_BUSY with Retry-After
 * @param memoryBudget     heap that running verifications and stamps may hold together (0, the default: 40% of the
 *                         JVM's maximum heap)
 * @param memoryPerVerification what one verification or stamp reserves of {@code memoryBudget} while it runs: the
 *                         most its document may cost in memory (the verifier's per-document decompression budget
 *                         should not exceed it); with the defaults, a 1 GiB heap runs at most 6 at once by memory
 * @param revocationTimeout connect and read timeout of each OCSP/CRL fetch
 * @param sealStatusReuse  how long verification reuses a seal's registry entry (status and history); a suspension
 *                         or revocation made on this node takes effect at once, one made on another cluster member
 *                         at most this late; 0 reads the registry on every verification
 * @param pdf              the budgets of one PDF document ({@code tongban.verification.pdf.*}, PdfBudgetProperties)
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
        @DefaultValue("2s") Duration queueWait,
        @DefaultValue("0") DataSize memoryBudget,
        @DefaultValue("64MB") DataSize memoryPerVerification,
        @DefaultValue("5s") Duration revocationTimeout,
        @DefaultValue("5s") Duration sealStatusReuse,
        @DefaultValue @Valid PdfBudgetProperties pdf,
        @DefaultValue @Valid Ofd ofd) {

    public VerificationProperties {
        pdf = pdf == null ? PdfBudgetProperties.defaults() : pdf;
    }

    /** {@code memoryBudget}, or 40% of the maximum heap when it is 0. */
    public DataSize effectiveMemoryBudget() {
        return memoryBudget.toBytes() > 0
                ? memoryBudget
                : DataSize.ofBytes(Runtime.getRuntime().maxMemory() * 2 / 5);
    }

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
            return new OfdLimits(
                    maxEntries,
                    maxTotalSize.toBytes(),
                    maxCompressionRatio,
                    maxEntrySize.toBytes(),
                    maxSignatures,
                    maxReferencesPerSignature,
                    maxXmlSize.toBytes());
        }
    }
}
