package cn.tongban.catalog.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.Test;

import cn.tongban.catalog.id.ResidentIdNumber.Gender;

/** GB 11643-1999, rules as in docs/STANDARDS.md §3. */
class ResidentIdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void standardsExampleWithXIsValidAndDecoded() {
        IdentifierCheck result = ResidentIdNumber.check("11010519491231002X", TODAY);

        assertThat(result.valid()).isTrue();
        assertThat(result.type()).isEqualTo(IdentifierType.RESIDENT_ID_NUMBER);
        assertThat(result.expectedCheckCharacter()).isEqualTo('X');
        assertThat(result.components())
                .containsEntry("area", "110105")
                .containsEntry("birthDate", "1949-12-31")
                .containsEntry("sequence", "002")
                .containsEntry("gender", "FEMALE");
    }

    @Test
    void secondStandardsExampleIsMaleBornIn1880() {
        ResidentIdNumber number =
                ResidentIdNumber.parse("440524188001010014", TODAY).orElseThrow();

        assertThat(number.areaCode()).isEqualTo("440524");
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1880, 1, 1));
        assertThat(number.gender()).isEqualTo(Gender.MALE);
    }

    @Test
    void checkCharacterOfExamples() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.checkCharacter("4405241880010100X"));
    }

    @Test
    void lowerCaseXIsAccepted() {
        IdentifierCheck result = ResidentIdNumber.check("11010519491231002x", TODAY);

        assertThat(result.valid()).isTrue();
        assertThat(result.value()).isEqualTo("11010519491231002X");
    }

    @Test
    void clockOverloadUsesTheClocksDate() {
        String bornToday = withCheck("31010120261122001");
        Clock dayBefore = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneId.of("Asia/Shanghai"));
        Clock sameDay = Clock.fixed(Instant.parse("2026-11-22T01:00:00Z"), ZoneId.of("Asia/Shanghai"));

        assertThat(ResidentIdNumber.check(bornToday, sameDay).valid()).isTrue();
        assertThat(ResidentIdNumber.check(bornToday, dayBefore).errorCode()).isEqualTo("BIRTH_DATE");
    }

    @Test
    void nullAndBlankAreEmpty() {
        assertThat(ResidentIdNumber.check(null, TODAY).errorCode()).isEqualTo("EMPTY");
        assertThat(ResidentIdNumber.check(" ", TODAY).errorCode()).isEqualTo("EMPTY");
        assertThat(ResidentIdNumber.parse(null, TODAY)).isEmpty();
    }

    @Test
    void fifteenDigitLegacyNumberIsLength() {
        IdentifierCheck result = ResidentIdNumber.check("110105491231002", TODAY);

        assertThat(result.errorCode()).isEqualTo("LENGTH");
        assertThat(result.reason()).contains("15-digit");
    }

    @Test
    void nonDigitInBodyOrBadCheckSymbolIsCharacter() {
        assertThat(ResidentIdNumber.check("1101051949123100XX", TODAY).errorCode())
                .isEqualTo("CHARACTER");
        assertThat(ResidentIdNumber.check("11010519491231002Y", TODAY).errorCode())
                .isEqualTo("CHARACTER");
    }

    @Test
    void wrongCheckCharacterReportsTheExpectedOne() {
        IdentifierCheck result = ResidentIdNumber.check("110105194912310021", TODAY);

        assertThat(result.errorCode()).isEqualTo("CHECK_CHARACTER");
        assertThat(result.expectedCheckCharacter()).isEqualTo('X');
    }

    @Test
    void impossibleCalendarDateIsBirthDate() {
        IdentifierCheck february30 = ResidentIdNumber.check(withCheck("31010119990230123"), TODAY);
        IdentifierCheck notLeap = ResidentIdNumber.check(withCheck("31010119000229123"), TODAY);
        IdentifierCheck month13 = ResidentIdNumber.check(withCheck("31010119991301123"), TODAY);

        assertThat(february30.errorCode()).isEqualTo("BIRTH_DATE");
        assertThat(february30.reason()).contains("19990230");
        assertThat(notLeap.errorCode()).isEqualTo("BIRTH_DATE");
        assertThat(month13.errorCode()).isEqualTo("BIRTH_DATE");
        assertThat(ResidentIdNumber.check(withCheck("31010120000229123"), TODAY).valid())
                .isTrue();
    }

    @Test
    void birthDateInTheFutureIsBirthDate() {
        IdentifierCheck result = ResidentIdNumber.check(withCheck("31010120991231124"), TODAY);

        assertThat(result.errorCode()).isEqualTo("BIRTH_DATE");
        assertThat(result.reason()).contains("2099-12-31");
    }

    @Test
    void randomNumbersValidateAndEverySingleDigitSubstitutionIsDetected() {
        // Digits differ by less than 11 and every weight is non-zero mod 11: single substitutions are detected.
        Random random = new Random(11643);
        LocalDate start = LocalDate.of(1900, 1, 1);
        for (int n = 0; n < 1000; n++) {
            LocalDate birth = start.plusDays(random.nextInt(45_000));
            String first17 = String.format(
                    "3101%02d%s%03d", random.nextInt(100), birth.toString().replace("-", ""), random.nextInt(1000));
            String number = withCheck(first17);
            assertThat(ResidentIdNumber.isValid(number, TODAY)).as(number).isTrue();

            int position = random.nextInt(18);
            String symbols = position == 17 ? "0123456789X" : "0123456789";
            char replacement;
            do {
                replacement = symbols.charAt(random.nextInt(symbols.length()));
            } while (replacement == number.charAt(position));
            String changed = number.substring(0, position) + replacement + number.substring(position + 1);
            assertThat(ResidentIdNumber.isValid(changed, TODAY))
                    .as("%s -> %s", number, changed)
                    .isFalse();
        }
    }

    private static String withCheck(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }
}
