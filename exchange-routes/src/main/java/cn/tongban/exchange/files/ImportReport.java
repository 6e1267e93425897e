package cn.tongban.exchange.files;

import java.util.List;

/**
 * What an import found: rows read, good and bad; the first {@code errors} (every error went to the import's
 * error sink, so a report of every bad row exists however many there are); whether the good rows were stored,
 * and as which version with what SHA-256 of the stored JSON Lines; {@code errorLog} names the JSON Lines file of
 * every row error (null when there were none). A file-level fault (not CSV/JSON Lines at all,
 * bad header) is {@code fileError}, and nothing is stored.
 */
public record ImportReport(String resourceCode, DatasetFormat format, long rows, long goodRows, long badRows,
                           List<RowError> errors, boolean errorsTruncated, String fileError, boolean stored,
                           Integer version, String sha256, String errorLog) {
    public ImportReport {
        errors = List.copyOf(errors);
    }

    ImportReport storedAs(int v, String digest) {
        return new ImportReport(resourceCode, format, rows, goodRows, badRows, errors, errorsTruncated, fileError,
                true, v, digest, errorLog);
    }

    ImportReport withErrorLog(String name) {
        return new ImportReport(resourceCode, format, rows, goodRows, badRows, errors, errorsTruncated, fileError,
                stored, version, sha256, name);
    }
}
