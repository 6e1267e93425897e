package cn.tongban.catalog.admin;

import java.util.List;

/**
 * What a bulk import did: how many rows were read and imported, and every bad row with its reasons. A file
 * with a bad row imports nothing unless bad rows are skipped.
 */
public record ImportReport(int rows, int imported, boolean skippedBadRows, List<BadRow> badRows) {
    public ImportReport {
        badRows = List.copyOf(badRows);
    }

    /** One rejected row: its number in the file (1 = first record after any header) and code. */
    public record BadRow(int row, String code, List<Violation> violations) {
        public BadRow {
            violations = List.copyOf(violations);
        }
    }

    public boolean rejected() {
        return !badRows.isEmpty() && !skippedBadRows;
    }
}
