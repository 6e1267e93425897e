package cn.tongban.catalog.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        List<Csv.Record> r = Csv.parse("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\n");
        assertThat(r).hasSize(3);
        assertThat(r.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(r.get(1).fields()).containsExactly("x, y", "say \"hi\"", "two\nlines");
        assertThat(r.get(2).fields()).containsExactly("", "", "");
        assertThat(r.get(2).line()).isEqualTo(4);
    }

    @Test
    void whatIsWrittenReadsBack() {
        List<String> fields = Arrays.asList("plain", "逗号,引号\"", null, "line\r\nbreak", "");
        StringBuilder out = new StringBuilder();
        Csv.writeRow(out, fields);
        assertThat(Csv.parse(out.toString()).get(0).fields())
                .containsExactly("plain", "逗号,引号\"", "", "line\r\nbreak", "");
    }

    @Test
    void anUnclosedQuoteIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> Csv.parse("a\nb\n\"open,x\n"))
                .isInstanceOfSatisfying(
                        Csv.CsvException.class, e -> assertThat(e.line()).isEqualTo(3));
    }
}
