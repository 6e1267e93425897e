package cn.tongban.catalog.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** GB 32100-2015, rules as in docs/STANDARDS.md §3. */
class UnifiedSocialCreditCodeTest {

    private static final String EXAMPLE = "91350100M000100Y43";

    @Test
    void standardsExampleIsValidAndDecoded() {
        IdentifierCheck result = UnifiedSocialCreditCode.check(EXAMPLE, true);

        assertThat(result.valid()).isTrue();
        assertThat(result.errorCode()).isNull();
        assertThat(result.type()).isEqualTo(IdentifierType.UNIFIED_SOCIAL_CREDIT_CODE);
        assertThat(result.expectedCheckCharacter()).isEqualTo('3');
        assertThat(result.components())
                .containsEntry("registeringAuthority", "9")
                .containsEntry("entityCategory", "1")
                .containsEntry("region", "350100")
                .containsEntry("organizationCode", "M000100Y4")
                .containsEntry("organizationCodeValid", "true");
        assertThat(UnifiedSocialCreditCode.isValid(EXAMPLE)).isTrue();
    }

    @Test
    void checkCharacterOfStandardsExample() {
        assertThat(UnifiedSocialCreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    void checkCharacterRejectsMalformedInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> UnifiedSocialCreditCode.checkCharacter("9135"));
        assertThatIllegalArgumentException().isThrownBy(() -> UnifiedSocialCreditCode.checkCharacter(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UnifiedSocialCreditCode.checkCharacter("91350100M000100I4"));
    }

    @Test
    void lowerCaseAndSurroundingSpaceAreNormalised() {
        IdentifierCheck result = UnifiedSocialCreditCode.check("  91350100m000100y43 ");

        assertThat(result.valid()).isTrue();
        assertThat(result.value()).isEqualTo(EXAMPLE);
    }

    @Test
    void nullAndBlankAreInvalidNotExceptions() {
        assertThat(UnifiedSocialCreditCode.check(null).errorCode()).isEqualTo("EMPTY");
        assertThat(UnifiedSocialCreditCode.check("   ", true).errorCode()).isEqualTo("EMPTY");
        assertThat(UnifiedSocialCreditCode.check(null).reason()).contains("empty");
    }

    @Test
    void wrongLengthIsLength() {
        IdentifierCheck result = UnifiedSocialCreditCode.check("91350100M000100Y4");

        assertThat(result.valid()).isFalse();
        assertThat(result.errorCode()).isEqualTo("LENGTH");
        assertThat(result.reason()).contains("18").contains("17");
    }

    @Test
    void lettersIOSVZAreCharacterErrors() {
        for (char c : "IOSVZ".toCharArray()) {
            IdentifierCheck result = UnifiedSocialCreditCode.check("91350100M000100" + c + "43");
            assertThat(result.errorCode()).as("letter %s", c).isEqualTo("CHARACTER");
            assertThat(result.reason()).contains("position 16");
        }
    }

    @Test
    void letterInRegionCodeIsCharacterError() {
        String first17 = "913501A0M000100Y4";
        String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);

        assertThat(UnifiedSocialCreditCode.check(code).errorCode()).isEqualTo("CHARACTER");
    }

    @Test
    void wrongCheckCharacterReportsTheExpectedOne() {
        IdentifierCheck result = UnifiedSocialCreditCode.check("91350100M000100Y44");

        assertThat(result.errorCode()).isEqualTo("CHECK_CHARACTER");
        assertThat(result.expectedCheckCharacter()).isEqualTo('3');
        assertThat(result.components()).containsEntry("region", "350100");
    }

    @Test
    void invalidEmbeddedOrganisationCodeFailsOnlyInStrictMode() {
        // 00000001-0 is not a valid GB 11714 code (its check character is 9); the outer check character is right.
        String code = "91310105000000010A";

        IdentifierCheck lenient = UnifiedSocialCreditCode.check(code, false);
        IdentifierCheck strict = UnifiedSocialCreditCode.check(code, true);

        assertThat(lenient.valid()).isTrue();
        assertThat(lenient.components()).containsEntry("organizationCodeValid", "false");
        assertThat(strict.valid()).isFalse();
        assertThat(strict.errorCode()).isEqualTo("ORGANIZATION_CODE");
        assertThat(strict.reason()).contains("000000010");
    }

    @Test
    void randomCodesValidateAndEverySingleSubstitutionIsDetected() {
        // Modulus 31 is prime, every weight is non-zero mod 31 and values differ by less than 31,
        // so GB 32100 detects every single substitution.
        Random random = new Random(32100);
        String alphabet = UnifiedSocialCreditCode.ALPHABET;
        for (int n = 0; n < 1000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                boolean region = i >= 2 && i < 8;
                sb.append(region ? (char) ('0' + random.nextInt(10)) : alphabet.charAt(random.nextInt(31)));
            }
            String code = sb.toString() + UnifiedSocialCreditCode.checkCharacter(sb.toString());
            assertThat(UnifiedSocialCreditCode.isValid(code)).as(code).isTrue();

            int position = random.nextInt(18);
            char original = code.charAt(position);
            char replacement;
            do {
                replacement = alphabet.charAt(random.nextInt(31));
            } while (replacement == original);
            String changed = code.substring(0, position) + replacement + code.substring(position + 1);
            assertThat(UnifiedSocialCreditCode.isValid(changed))
                    .as("%s -> %s", code, changed)
                    .isFalse();
        }
    }

    @Test
    void everySingleSubstitutionOfTheExampleIsDetected() {
        String alphabet = UnifiedSocialCreditCode.ALPHABET;
        for (int position = 0; position < 18; position++) {
            for (char c : alphabet.toCharArray()) {
                if (c == EXAMPLE.charAt(position)) {
                    continue;
                }
                String changed = EXAMPLE.substring(0, position) + c + EXAMPLE.substring(position + 1);
                assertThat(UnifiedSocialCreditCode.isValid(changed)).as(changed).isFalse();
            }
        }
    }
}
