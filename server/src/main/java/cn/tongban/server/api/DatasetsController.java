package cn.tongban.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.exchange.DatasetsApi;
import cn.tongban.api.model.DatasetImportDto;
import cn.tongban.api.model.DatasetVersionDto;
import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.exchange.ExchangeException;
import cn.tongban.exchange.ExchangePolicy;
import cn.tongban.exchange.Grant;
import cn.tongban.exchange.PullRequest;
import cn.tongban.exchange.files.DatasetFormat;
import cn.tongban.exchange.files.DatasetProjection;
import cn.tongban.exchange.files.DatasetStore;
import cn.tongban.exchange.files.ImportReport;
import cn.tongban.exchange.files.RowError;
import cn.tongban.server.exchange.DatasetsConfig.DatasetAnnouncer;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/**
 * Dataset files of FILE-shared resources over HTTP; systems only. The provider system uploads (streamed to disk
 * through the validator, never held in memory); consumers entitled as for a pull list the versions and download
 * their authorised columns, masked, streamed row by row after a durable {@code DATASET_DOWNLOAD} access entry.
 */
@RestController
@PreAuthorize("denyAll")
public class DatasetsController implements DatasetsApi {

    static final String DOWNLOAD = "DATASET_DOWNLOAD";
    private static final Logger LOG = LoggerFactory.getLogger(DatasetsController.class);

    private final DatasetStore store;
    private final ResourceRepository resources;
    private final ExchangePolicy policy;
    private final DatasetAnnouncer announcer;
    private final AccessRecorder recorder;
    private final HttpServletRequest request;
    private final Clock clock;

    DatasetsController(
            DatasetStore store,
            ResourceRepository resources,
            ExchangePolicy policy,
            DatasetAnnouncer announcer,
            AccessRecorder recorder,
            HttpServletRequest request,
            Clock clock) {
        this.store = store;
        this.resources = resources;
        this.policy = policy;
        this.announcer = announcer;
        this.recorder = recorder;
        this.request = request;
        this.clock = clock;
    }

    @Override
    @PreAuthorize("hasRole('SYSTEM')")
    public ResponseEntity<DatasetImportDto> uploadDataset(String code, InputStreamResource body) {
        Resource r = ownFileResource(code);
        ExchangeController.published(r); // a draft or retired resource takes no new version
        DatasetFormat format = MediaType.parseMediaType(request.getContentType())
                        .isCompatibleWith(MediaType.parseMediaType(DatasetFormat.JSONL.mediaType()))
                ? DatasetFormat.JSONL
                : DatasetFormat.CSV;
        ImportReport report;
        try (InputStream in = body.getInputStream()) {
            report = store.importFile(r, format, in, false);
        } catch (IOException e) {
            if (e instanceof cn.tongban.server.web.BodySizeLimitFilter.PayloadTooLargeException) {
                throw new UncheckedIOException(e); // the problem handler finds it in the cause: 413
            }
            throw new UncheckedIOException("the upload could not be stored", e);
        }
        if (!report.stored()) {
            LOG.info(
                    "dataset upload for {} rejected: {} rows, {} bad, file error: {}",
                    code,
                    report.rows(),
                    report.badRows(),
                    report.fileError() != null);
            throw rejected(report);
        }
        int deliveries = announcer.announce(r, report);
        LOG.info(
                "dataset upload for {}: version {} ({} rows) stored, announced to {}",
                code,
                report.version(),
                report.goodRows(),
                deliveries);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new DatasetImportDto(code, report.version(), report.goodRows(), report.sha256())
                        .format(DatasetImportDto.FormatEnum.valueOf(format.name()))
                        .deliveries(deliveries));
    }

    /** Every row error as {@code rows[N].item}: the reason and the line, never the value (it may be personal). */
    private static ApiException rejected(ImportReport report) {
        List<ApiException.FieldViolation> v = new ArrayList<>();
        if (report.fileError() != null) {
            v.add(new ApiException.FieldViolation("file", report.fileError(), "FILE_ERROR"));
        }
        for (RowError e : report.errors()) {
            v.add(new ApiException.FieldViolation(
                    "rows[" + e.row() + "]" + (e.item() == null ? "" : "." + e.item()),
                    e.reason() + " (line " + e.line() + ")",
                    "BAD_ROW"));
        }
        String detail = report.fileError() != null
                ? "The file is not a valid dataset of " + report.resourceCode()
                : report.badRows() + " of " + report.rows() + " rows are bad; nothing was stored";
        if (report.errorsTruncated() && report.errorLog() != null) {
            detail += "; the first " + report.errors().size() + " errors are listed, more in the error log "
                    + report.errorLog() + " (GET .../datasets/errors/" + report.errorLog() + ")";
        } else if (report.errorLog() != null) {
            detail += " (error log " + report.errorLog() + ")";
        }
        if (report.unlistedRows() > 0) {
            detail += "; and " + report.unlistedRows() + " more bad rows, counted but not listed";
        }
        ApiException problem = new ApiException(ErrorCode.DATASET_REJECTED, detail, v);
        return report.errorLog() == null ? problem : problem.with("errorLog", report.errorLog());
    }

    @Override
    @PreAuthorize("hasRole('SYSTEM')")
    public ResponseEntity<InputStreamResource> downloadDatasetErrors(String code, String name) {
        Resource r = ownFileResource(code);
        var log = store.errorLog(r.code(), name)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no error log " + name + " for " + code));
        try {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(DatasetFormat.JSONL.mediaType()))
                    .body(new InputStreamResource(Files.newInputStream(log)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<List<DatasetVersionDto>> listDatasetVersions(
            String code, String purpose, String serviceItem) {
        Resource r = resource(code);
        if (!r.providerSystem().equals(Caller.system().systemId())) {
            grant(r, purpose, serviceItem, null);
        }
        try {
            return ResponseEntity.ok(store.versions(r.code()).stream()
                    .map(v -> new DatasetVersionDto(
                                    v.version(), v.bytes(), v.storedAt().atOffset(ZoneOffset.UTC))
                            .rows(v.rows())
                            .sha256(v.sha256()))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    @PreAuthorize("hasAnyRole('SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<InputStreamResource> downloadDataset(
            String code, Integer version, String purpose, String operator, String format, String serviceItem) {
        DatasetFormat f =
                switch (format == null ? "csv" : format) {
                    case "csv" -> DatasetFormat.CSV;
                    case "jsonl" -> DatasetFormat.JSONL;
                    default ->
                        throw new ApiException(
                                ErrorCode.VALIDATION_FAILED,
                                "unknown format",
                                List.of(new ApiException.FieldViolation("format", "must be csv or jsonl", null)));
                };
        Resource r = resource(code);
        Grant g;
        try {
            g = grant(r, purpose, serviceItem, operator);
        } catch (ApiException refused) {
            recorder.record(
                    DOWNLOAD,
                    code,
                    AccessEntry.Outcome.REFUSED,
                    refused.code().name(),
                    new AccessRecorder.Delivery(null, purpose, serviceItem, List.of(), null, operator));
            throw refused;
        }
        DatasetStore.DatasetVersion v;
        try {
            v = store.version(r.code(), version)
                    .orElseThrow(
                            () -> new ApiException(ErrorCode.NOT_FOUND, code + " has no dataset version " + version));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> columns = r.items().stream()
                .map(InformationItem::name)
                .filter(g.fields()::contains)
                .toList();
        InputStream stored;
        try {
            stored = Files.newInputStream(v.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // durable before the first byte leaves; the digest names the stored version the columns come from
            recorder.record(
                    DOWNLOAD,
                    code,
                    AccessEntry.Outcome.OK,
                    null,
                    new AccessRecorder.Delivery(null, purpose, serviceItem, columns, v.sha256(), operator));
        } catch (RuntimeException notDurable) {
            close(stored);
            throw new ApiException(
                    ErrorCode.ACCESS_LOG_UNAVAILABLE, "the access entry could not be made durable; nothing was sent");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.mediaType() + ";charset=UTF-8"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + code + "-v" + version + f.extension() + "\"")
                .header("X-Tongban-Columns", String.join(",", columns))
                .body(new InputStreamResource(DatasetProjection.open(stored, r, Set.copyOf(columns), f)));
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was read
        }
    }

    /** The sharing decision of a pull, for every column the consumer is authorised for. */
    private Grant grant(Resource r, String purpose, String serviceItem, String operator) {
        try {
            return policy.authorise(
                    new PullRequest(
                            Caller.system().systemId(), r.code(), null, purpose, serviceItem, operator, Set.of()),
                    r,
                    clock.instant());
        } catch (ExchangeException e) {
            throw ExchangeController.problem(e);
        }
    }

    private Resource resource(String code) {
        return resources
                .find(code)
                .orElseThrow(() -> new ApiException(ErrorCode.RESOURCE_NOT_FOUND, code + " is not in the catalogue"));
    }

    /** The caller must be the resource's provider system, and the resource shared as files. */
    private Resource ownFileResource(String code) {
        Resource r = resource(code);
        if (!r.providerSystem().equals(Caller.system().systemId())) {
            throw new ApiException(
                    ErrorCode.ACCESS_DENIED,
                    "only " + r.providerSystem() + ", the provider system of " + code + ", uploads its datasets");
        }
        if (!"FILE".equals(r.sharingMethod())) {
            throw new ApiException(
                    ErrorCode.NOT_FILE_SHARED, code + " is shared by " + r.sharingMethod() + ", not as dataset files");
        }
        return r;
    }
}
