package cn.tongban.licence.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;

import org.junit.jupiter.api.Test;

import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.IdentifierType;

/** GB/T 36904-2018 licence identifiers, ISO/IEC 7064 MOD 37,36; worked example from docs/STANDARDS.md §2.1. */
class LicenceIdentifierTest {

    private static final String PAYLOAD = "11100000000013338W03211220000013544541J2430599001";
    private static final String EXAMPLE = "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void workedExamplePayloadGivesF() {
        assertThat(LicenceIdentifier.checkCharacter(PAYLOAD)).isEqualTo('F');
    }

    @Test
    void workedExampleIsValidAndDecoded() {
        IdentifierCheck result = LicenceIdentifier.check(EXAMPLE);

        assertThat(result.valid()).isTrue();
        assertThat(result.type()).isEqualTo(IdentifierType.LICENCE_IDENTIFIER);
        assertThat(result.expectedCheckCharacter()).isEqualTo('F');
        assertThat(result.components())
                .containsEntry("typeCode", "11100000000013338W032")
                .containsEntry("issuerCode", "11220000013544541J")
                .containsEntry("serial", "2430599")
                .containsEntry("version", "001")
                .containsEntry("definingBodyCode", "11100000000013338W")
                .containsEntry("issuerCodeType", "UNIFIED_SOCIAL_CREDIT_CODE");
    }

    @Test
    void composeAndParseRoundTrip() {
        LicenceIdentifier built = LicenceIdentifier.of("11100000000013338W032", "11220000013544541J", "2430599", "001");

        assertThat(built.toString()).isEqualTo(EXAMPLE);
        assertThat(built.payload()).isEqualTo(PAYLOAD);
        assertThat(LicenceIdentifier.parse(EXAMPLE)).contains(built);
        assertThat(LicenceIdentifier.parse("1.2.156.3005.2.X.Y.Z.001.0")).isEmpty();
    }

    @Test
    void checkCharacterRejectsMalformedPayload() {
        assertThatIllegalArgumentException().isThrownBy(() -> LicenceIdentifier.checkCharacter(""));
        assertThatIllegalArgumentException().isThrownBy(() -> LicenceIdentifier.checkCharacter("11.22"));
    }

    @Test
    void nullAndBlankAreEmpty() {
        assertThat(LicenceIdentifier.check(null).errorCode()).isEqualTo("EMPTY");
        assertThat(LicenceIdentifier.check("  ").errorCode()).isEqualTo("EMPTY");
    }

    @Test
    void wrongRootIsFormat() {
        IdentifierCheck result = LicenceIdentifier.check(EXAMPLE.replace("1.2.156.3005.2.", "1.2.156.3006.2."));

        assertThat(result.errorCode()).isEqualTo("FORMAT");
        assertThat(result.reason()).contains("1.2.156.3005.2");
    }

    @Test
    void missingOrEmptySegmentsAreFormat() {
        assertThat(LicenceIdentifier.check(EXAMPLE.replace(".001.F", ".F")).errorCode())
                .isEqualTo("FORMAT");
        assertThat(LicenceIdentifier.check(EXAMPLE.replace(".2430599.", "..")).errorCode())
                .isEqualTo("FORMAT");
        assertThat(LicenceIdentifier.check(EXAMPLE + ".").errorCode()).isEqualTo("FORMAT");
    }

    @Test
    void versionMustBeThreeDigitsAndCheckOneCharacter() {
        assertThat(LicenceIdentifier.check(EXAMPLE.replace(".001.", ".01.")).errorCode())
                .isEqualTo("FORMAT");
        assertThat(LicenceIdentifier.check(EXAMPLE.replace(".001.", ".A01.")).errorCode())
                .isEqualTo("FORMAT");
        assertThat(LicenceIdentifier.check(EXAMPLE + "F").errorCode()).isEqualTo("FORMAT");
    }

    @Test
    void characterOutsideAlphanumericsIsCharacter() {
        IdentifierCheck result = LicenceIdentifier.check(EXAMPLE.replace("2430599", "2430-599"));

        assertThat(result.errorCode()).isEqualTo("CHARACTER");
        assertThat(result.reason()).contains("serial");
    }

    @Test
    void wrongCheckCharacterReportsTheExpectedOne() {
        IdentifierCheck result = LicenceIdentifier.check(EXAMPLE.substring(0, EXAMPLE.length() - 1) + "G");

        assertThat(result.valid()).isFalse();
        assertThat(result.errorCode()).isEqualTo("CHECK_CHARACTER");
        assertThat(result.expectedCheckCharacter()).isEqualTo('F');
        assertThat(result.components()).containsEntry("serial", "2430599");
    }

    @Test
    void randomPayloadsValidateAndEverySingleSubstitutionIsDetected() {
        // ISO/IEC 7064 hybrid systems (MOD 37,36 included) detect all single substitution errors.
        Random random = new Random(36904);
        for (int n = 0; n < 1000; n++) {
            String payload = randomAlphanumerics(random, 1 + random.nextInt(60));
            char check = LicenceIdentifier.checkCharacter(payload);
            String full =
                    LicenceIdentifier.of(payload, "ISSUER1", "SERIAL", "001").toString();
            assertThat(LicenceIdentifier.isValid(full)).as(full).isTrue();

            // Substitute one character of the payload, checked directly on the MOD 37,36 level ...
            String withCheck = payload + check;
            int position = random.nextInt(withCheck.length());
            String changed = substitute(random, withCheck, position);
            String changedPayload = changed.substring(0, changed.length() - 1);
            char changedCheck = changed.charAt(changed.length() - 1);
            assertThat(LicenceIdentifier.checkCharacter(changedPayload))
                    .as("%s -> %s", withCheck, changed)
                    .isNotEqualTo(changedCheck);

            // ... and on the full identifier, anywhere outside the root and the dots.
            int rootLength = LicenceIdentifier.ROOT.length() + 1;
            int at;
            do {
                at = rootLength + random.nextInt(full.length() - rootLength);
            } while (full.charAt(at) == '.');
            String changedFull = substitute(random, full, at);
            assertThat(LicenceIdentifier.isValid(changedFull))
                    .as("%s -> %s", full, changedFull)
                    .isFalse();
        }
    }

    @Test
    void everySingleSubstitutionOfTheWorkedExampleIsDetected() {
        String withCheck = PAYLOAD + 'F';
        for (int position = 0; position < withCheck.length(); position++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c == withCheck.charAt(position)) {
                    continue;
                }
                String changed = withCheck.substring(0, position) + c + withCheck.substring(position + 1);
                String changedPayload = changed.substring(0, changed.length() - 1);
                assertThat(LicenceIdentifier.checkCharacter(changedPayload))
                        .as(changed)
                        .isNotEqualTo(changed.charAt(changed.length() - 1));
            }
        }
    }

    private static String randomAlphanumerics(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String substitute(Random random, String s, int position) {
        char replacement;
        do {
            replacement = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        } while (replacement == s.charAt(position));
        return s.substring(0, position) + replacement + s.substring(position + 1);
    }
}
