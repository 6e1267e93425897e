package cn.tongban.catalog.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IdentifierCheckTest {

    @Test
    void componentsAreACopyAndUnmodifiable() {
        Map<String, String> source = new HashMap<>(Map.of("area", "310101"));
        IdentifierCheck result = IdentifierCheck.valid(IdentifierType.RESIDENT_ID_NUMBER, "x", "ok", '1', source);
        source.put("gender", "MALE");

        assertThat(result.components()).containsOnlyKeys("area");
        assertThatThrownBy(() -> result.components().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void errorCodeIsPresentExactlyWhenInvalid() {
        IdentifierCheck invalid =
                IdentifierCheck.invalid(IdentifierType.ORGANIZATION_CODE, "x", IdentifierError.LENGTH, "too short");

        assertThat(invalid.errorCode()).isEqualTo("LENGTH");
        assertThat(invalid.error()).isEqualTo(IdentifierError.LENGTH);
        assertThat(invalid.components()).isEmpty();
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new IdentifierCheck(IdentifierType.ORGANIZATION_CODE, "x", true, "LENGTH", "r", null, null));
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new IdentifierCheck(IdentifierType.ORGANIZATION_CODE, "x", false, null, "r", null, null));
    }
}
