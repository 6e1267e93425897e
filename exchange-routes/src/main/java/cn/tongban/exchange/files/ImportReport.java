package cn.tongban.exchange.files;

import java.util.List;

/**
 * What an import found: rows read, good and bad; the first {@code errors} (every error went to the import's
 * error sink, so a report of every bad row exists however many there are); whether the good rows were stored,
 * and as which version with what SHA-256 of the stored JSON Lines; {@code errorLog} names the JSON Lines file of
 * the errors of the first bad rows (null when there were none); {@code unlistedRows} bad rows beyond its bounds
 * (rows reported, bytes written) are counted, not listed. A file-level fault (not CSV/JSON Lines at all,
 * bad header) is {@code fileError}, and nothing is stored.
 */
public record ImportReport(
        String resourceCode,
        DatasetFormat format,
        long rows,
        long goodRows,
        long badRows,
        List<RowError> errors,
        boolean errorsTruncated,
        String fileError,
        boolean stored,
        Integer version,
        String sha256,
        String errorLog,
        long unlistedRows) {
    public ImportReport {
        errors = List.copyOf(errors);
    }

    ImportReport storedAs(int v, String digest) {
        return new ImportReport(
                resourceCode,
                format,
                rows,
                goodRows,
                badRows,
                errors,
                errorsTruncated,
                fileError,
                true,
                v,
                digest,
                errorLog,
                unlistedRows);
    }

    ImportReport withErrorLog(String name, long unlisted) {
        return new ImportReport(
                resourceCode,
                format,
                rows,
                goodRows,
                badRows,
                errors,
                errorsTruncated || unlisted > 0,
                fileError,
                stored,
                version,
                sha256,
                name,
                unlisted);
    }
}
