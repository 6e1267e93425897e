package cn.tongban.exchange.files;

/**
 * One bad row of a dataset file: its 1-based data row number (header excluded), the line it starts on, the
 * item (column) at fault or null for the whole row, and why. Never the value, which may be personal data.
 */
public record RowError(long row, long line, String item, String reason) {}
