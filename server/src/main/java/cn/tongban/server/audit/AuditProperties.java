package cn.tongban.server.audit;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The access log's settings, under {@code tongban.audit}.
 *
 * @param signingAlgorithm  key kind of a new tree-head signing key: EC_P256 (default) or SM2; an existing key
 *                          file decides for itself
 * @param headInterval      how often a signed tree head is published (only when the log grew); 0 turns it off
 * @param maxBatch          most entries per group commit
 * @param subjectKey        the subject-key HMAC secret, base64 of at least 32 bytes; empty: the file
 *                          {@code audit-subject.key} in the PKI directory (created on first start)
 * @param zone              the time zone days are counted in
 * @param checkInterval     the health check re-verifies at most this often (it is incremental)
 * @param checkSample       older rows re-hashed per health check (a cursor cycles through the log)
 * @param retention         archive entries older than this (e.g. P400D); empty: keep everything in the database
 * @param archiveDir        where archives go
 * @param archiveInterval   how often archiving runs when a retention is set
 * @param exportThreads     exports streamed at the same time (one thread each, a pipe to the response); more
 *                          wait their turn
 */
@ConfigurationProperties("tongban.audit")
@Validated
public record AuditProperties(
        @DefaultValue("EC_P256") @Pattern(regexp = "EC_P256|SM2")
        String signingAlgorithm,

        @DefaultValue("5m") Duration headInterval,
        @DefaultValue("4096") @Min(1) @Max(65536) int maxBatch,
        @DefaultValue("") String subjectKey,
        @DefaultValue("Asia/Shanghai") @NotBlank String zone,
        @DefaultValue("30s") Duration checkInterval,
        @DefaultValue("1000") @Min(0) int checkSample,
        Duration retention,
        @DefaultValue("archive") Path archiveDir,
        @DefaultValue("1d") Duration archiveInterval,
        @DefaultValue("4") @Min(1) @Max(64) int exportThreads) {}
