package cn.tongban.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class BulkInsertTest {

    static String csv(Object value) {
        StringBuilder b = new StringBuilder();
        BulkInsert.appendCsv(b, value);
        return b.toString();
    }

    @Test
    void writesValuesAsPostgresCopyReadsThem() {
        assertThat(csv(null)).isEmpty(); // unquoted empty: NULL
        assertThat(csv("")).isEqualTo("\"\""); // quoted empty: the empty string
        assertThat(csv("a,b\n\"c\"")).isEqualTo("\"a,b\n\"\"c\"\"\"");
        assertThat(csv("婚姻登记")).isEqualTo("\"婚姻登记\"");
        assertThat(csv(true)).isEqualTo("t");
        assertThat(csv(42)).isEqualTo("42");
        assertThat(csv(Timestamp.from(Instant.parse("2026-11-23T02:00:00Z")))).isEqualTo("2026-11-23T02:00:00Z");
        assertThat(csv(Date.valueOf(LocalDate.of(2026, 1, 2)))).isEqualTo("2026-01-02");
    }
}
