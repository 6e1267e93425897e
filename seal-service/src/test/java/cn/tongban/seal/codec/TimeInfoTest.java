package cn.tongban.seal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** v1 TBS_Sign.timeInfo: a time written as text inside a BIT STRING (docs/STANDARDS.md §1.2). */
class TimeInfoTest {

    @ParameterizedTest
    @CsvSource({
        "2020-01-25T07:31:56.377Z, 2020-01-25T07:31:56.377Z",
        "20200125073156Z, 2020-01-25T07:31:56Z",
        "200125073156Z, 2020-01-25T07:31:56Z",
        "2020-01-25T15:31:56+08:00, 2020-01-25T07:31:56Z",
        "2020-01-25 15:31:56, 2020-01-25T07:31:56Z",
        "20200125153156, 2020-01-25T07:31:56Z"
    })
    void readsTextTimes(String text, String expected) {
        assertThat(TimeInfo.fromV1Octets(text.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2020-13-25T07:31:56Z", "20200230000000Z"})
    void rejectsWhatIsNotATime(String text) {
        assertThat(TimeInfo.fromV1Octets(text.getBytes(StandardCharsets.US_ASCII)))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"180f32303230303132353037333135365a", "170d3230303132353037333135365a"})
    void readsADerTimeElement(String hex) {
        byte[] octets = java.util.HexFormat.of().parseHex(hex);
        assertThat(TimeInfo.fromV1Octets(octets)).isEqualTo(Instant.parse("2020-01-25T07:31:56Z"));
        assertThat(TimeInfo.text(octets)).endsWith("0125073156Z");
    }
}
