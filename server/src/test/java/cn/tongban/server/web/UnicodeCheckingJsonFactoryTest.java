package cn.tongban.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Request JSON must be Unicode text: every way a string reaches a deserializer is checked. */
class UnicodeCheckingJsonFactoryTest {

    final ObjectMapper mapper = new ObjectMapper(new UnicodeCheckingJsonFactory());

    record Query(List<String> subjects, String purpose, int count) {}

    @Test
    void invalidTextIsFoundAndValidTextIsNot() {
        assertThat(UnicodeCheckingJsonFactory.invalidAt("户籍")).isEqualTo(-1);
        assertThat(UnicodeCheckingJsonFactory.invalidAt("\ud840\udc0b")).isEqualTo(-1); // U+2000B
        assertThat(UnicodeCheckingJsonFactory.invalidAt("a\ud800")).isEqualTo(1);
        assertThat(UnicodeCheckingJsonFactory.invalidAt("\udc00b")).isZero();
        assertThat(UnicodeCheckingJsonFactory.invalidAt("a\u0000")).isEqualTo(1);
        assertThat(UnicodeCheckingJsonFactory.invalidAt("\ufffe")).isZero();
        assertThat(UnicodeCheckingJsonFactory.invalidAt("x\ufdd0")).isEqualTo(1);
        assertThat(UnicodeCheckingJsonFactory.invalidAt("\ud83f\udfff")).isZero(); // U+1FFFF
    }

    @Test
    void beansRecordsMapsTreesAndFieldNamesAreAllChecked() {
        for (String json : new String[] {
            "{\"subjects\":[\"\\ud800\"],\"purpose\":\"p\",\"count\":1}",
            "{\"subjects\":[],\"purpose\":\"\\u0000\",\"count\":1}"
        }) {
            assertThatThrownBy(() -> mapper.readValue(json, Query.class))
                    .isInstanceOf(JsonProcessingException.class)
                    .hasMessageContaining("not valid Unicode text");
        }
        assertThatThrownBy(() -> mapper.readValue("{\"payload\":{\"k\":\"\\udfff\"}}", Map.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> mapper.readTree("[\"ok\",\"\\ud800x\"]")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> mapper.readTree("{\"\\ud800\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("field name");
    }

    @Test
    void validDocumentsReadAsBefore() throws Exception {
        Query q = mapper.readValue(
                "{\"subjects\":[\"91310104MA1JG7LC4B\",\"\\ud840\\udc0b\"],\"purpose\":\"身份核验\"," + "\"count\":3}",
                Query.class);
        assertThat(q.subjects()).containsExactly("91310104MA1JG7LC4B", "\ud840\udc0b");
        assertThat(q.count()).isEqualTo(3);
        JsonNode tree = mapper.readTree("{\"a\":[1,true,null,\"x\"]}");
        assertThat(tree.path("a").get(3).asText()).isEqualTo("x");
        assertThat(mapper.copy().readTree("[\"y\"]").get(0).asText()).isEqualTo("y");
    }
}
