package cn.tongban.catalog.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** GB 11714-1997, rules as in docs/STANDARDS.md §3. */
class OrganizationCodeTest {

    @Test
    void standardsExampleIsValidWithAndWithoutHyphen() {
        IdentifierCheck hyphenated = OrganizationCode.check("M000100Y-4");
        IdentifierCheck compact = OrganizationCode.check("M000100Y4");

        assertThat(hyphenated.valid()).isTrue();
        assertThat(compact.valid()).isTrue();
        assertThat(hyphenated.type()).isEqualTo(IdentifierType.ORGANIZATION_CODE);
        assertThat(compact.components()).containsEntry("body", "M000100Y").containsEntry("formatted", "M000100Y-4");
        assertThat(OrganizationCode.isValid("m000100y-4")).isTrue();
    }

    @Test
    void checkCharacterMapsTenToXAndElevenToZero() {
        assertThat(OrganizationCode.checkCharacter("M000100Y")).isEqualTo('4');
        assertThat(OrganizationCode.checkCharacter("00000014")).isEqualTo('X');
        assertThat(OrganizationCode.checkCharacter("00000019")).isEqualTo('0');
        assertThat(OrganizationCode.isValid("00000014-X")).isTrue();
        assertThat(OrganizationCode.isValid("000000190")).isTrue();
    }

    @Test
    void checkCharacterRejectsMalformedBody() {
        assertThatIllegalArgumentException().isThrownBy(() -> OrganizationCode.checkCharacter("M000100"));
        assertThatIllegalArgumentException().isThrownBy(() -> OrganizationCode.checkCharacter("M000100-"));
    }

    @Test
    void nullAndBlankAreEmpty() {
        assertThat(OrganizationCode.check(null).errorCode()).isEqualTo("EMPTY");
        assertThat(OrganizationCode.check("").errorCode()).isEqualTo("EMPTY");
    }

    @Test
    void wrongLengthOrMisplacedHyphenIsLength() {
        assertThat(OrganizationCode.check("M000100Y-").errorCode()).isEqualTo("CHARACTER");
        assertThat(OrganizationCode.check("M000100-Y4").errorCode()).isEqualTo("LENGTH");
        assertThat(OrganizationCode.check("M000100Y44").errorCode()).isEqualTo("LENGTH");
        assertThat(OrganizationCode.check("M00010").errorCode()).isEqualTo("LENGTH");
    }

    @Test
    void characterOutsideAlphabetIsCharacter() {
        assertThat(OrganizationCode.check("M0001#0Y-4").errorCode()).isEqualTo("CHARACTER");
        assertThat(OrganizationCode.check("M000100Y-A").errorCode()).isEqualTo("CHARACTER");
    }

    @Test
    void wrongCheckCharacterReportsTheExpectedOne() {
        IdentifierCheck result = OrganizationCode.check("M000100Y-5");

        assertThat(result.errorCode()).isEqualTo("CHECK_CHARACTER");
        assertThat(result.expectedCheckCharacter()).isEqualTo('4');
        assertThat(result.reason()).contains("'5'").contains("'4'");
    }
}
