package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SubjectKeysTest {

    private static final byte[] SECRET = filled(0x0b);

    private static byte[] filled(int b) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) b);
        return key;
    }

    @Test
    void keyIsHmacSha256OfTheIdentifierInHex() {
        // computed independently: python3 hmac.new(b'\x0b' * 32, b'11010519491231002X', sha256).hexdigest()
        assertThat(SubjectKeys.of(SECRET, "11010519491231002X"))
                .isEqualTo("75d6989868fb3481c2bfe9a2994518303f5a422009a2c77d8fb64e0465d75cee");
    }

    @Test
    void spellingsOfOneIdentifierGiveOneKey() {
        String key = SubjectKeys.of(SECRET, "11010519491231002X");
        assertThat(SubjectKeys.of(SECRET, "11010519491231002x")).isEqualTo(key);
        assertThat(SubjectKeys.of(SECRET, " 110105 19491231 002X\t")).isEqualTo(key);
        assertThat(SubjectKeys.of(SECRET, "１１０１０５１９４９１２３１００２Ｘ")).isEqualTo(key);
        assertThat(SubjectKeys.of(SECRET, "110105194912310021")).isNotEqualTo(key);
    }

    @Test
    void anotherSecretGivesAnotherKey() {
        assertThat(SubjectKeys.of(filled(0x0c), "11010519491231002X"))
                .isNotEqualTo(SubjectKeys.of(SECRET, "11010519491231002X"));
    }

    @Test
    void shortSecretOrBlankIdentifierIsRefused() {
        assertThatThrownBy(() -> SubjectKeys.of(new byte[16], "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubjectKeys.of(SECRET, " \u3000")).isInstanceOf(IllegalArgumentException.class);
    }
}
