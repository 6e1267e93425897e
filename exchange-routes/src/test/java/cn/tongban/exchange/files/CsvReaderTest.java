package cn.tongban.exchange.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

    static List<List<String>> read(String text) throws IOException {
        CsvReader r = new CsvReader(new StringReader(text), 100, 10);
        List<List<String>> out = new ArrayList<>();
        for (List<String> rec = r.next(); rec != null; rec = r.next()) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void plainQuotedEscapedAndMultiLineFields() throws IOException {
        assertThat(read("a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n2,\"line1\nline2\",\n"))
                .containsExactly(
                        List.of("a", "b", "c"), List.of("1", "x,y", "say \"hi\""), List.of("2", "line1\nline2", ""));
    }

    @Test
    void byteOrderMarkIsSkippedAndLastLineMayLackANewline() throws IOException {
        assertThat(read("\uFEFFa,b\n1,2")).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void linesAreCountedAcrossQuotedLineBreaks() throws IOException {
        CsvReader r = new CsvReader(new StringReader("a\n\"x\ny\"\nz\n"), 100, 10);
        r.next();
        r.next();
        assertThat(r.line()).isEqualTo(4);
    }

    @Test
    void unclosedQuoteIsMalformed() {
        assertThatThrownBy(() -> read("a\n\"open\n"))
                .isInstanceOf(CsvReader.MalformedCsvException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void quoteInsideAnUnquotedFieldIsMalformed() {
        assertThatThrownBy(() -> read("ab\"c\n")).hasMessageContaining("quote inside an unquoted field");
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        assertThatThrownBy(() -> read("\"ab\"c\n")).hasMessageContaining("text after a closing quote");
    }

    @Test
    void overlongFieldAndTooManyFieldsAreRefusedNotBuffered() {
        assertThatThrownBy(() -> read("x".repeat(101))).hasMessageContaining("longer than 100");
        assertThatThrownBy(() -> read(",".repeat(10))).hasMessageContaining("more than 10 fields");
    }

    @Test
    void theRecordsBeforeABadOneAreStillReadAndTheErrorNamesTheBadOnesLine() throws IOException {
        CsvReader r = new CsvReader(new StringReader("a,b\r\n1,2\r\n\"x\ny\",3\r\n4,5\"\r\n"), 100, 10);
        assertThat(r.next()).containsExactly("a", "b");
        assertThat(r.next()).containsExactly("1", "2");
        assertThat(r.next()).containsExactly("x\ny", "3");
        assertThat(r.line()).isEqualTo(5);
        assertThatThrownBy(r::next)
                .isInstanceOfSatisfying(
                        CsvReader.MalformedCsvException.class,
                        e -> assertThat(e.line()).isEqualTo(5));
    }

    @Test
    void aDoubledQuoteCountsAsOneCharacterOfTheField() throws IOException {
        String hundredQuotes = "\"" + "\"\"".repeat(100) + "\"";
        assertThat(read(hundredQuotes + "\n")).containsExactly(List.of("\"".repeat(100)));
        assertThatThrownBy(() -> read("\"" + "\"\"".repeat(101) + "\"\n")).hasMessageContaining("longer than 100");
    }
}
