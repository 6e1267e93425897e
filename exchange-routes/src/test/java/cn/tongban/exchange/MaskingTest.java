package cn.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void nameKeepsTheFamilyNameCharacter() {
        assertThat(Masking.NAME.apply("张伟明")).isEqualTo("张**");
        assertThat(Masking.NAME.apply("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.NAME.apply("李")).isEqualTo("*");
    }

    @Test
    void idNumberKeepsRegionCodeAndLastFour() {
        assertThat(Masking.ID_NUMBER.apply("310104198204172139")).isEqualTo("310104********2139");
        assertThat(Masking.ID_NUMBER.apply("AB123456")).isEqualTo("******56");
        assertThat(Masking.ID_NUMBER.apply("1234")).isEqualTo("****");
    }

    @Test
    void phoneKeepsThreeAndFour() {
        assertThat(Masking.PHONE.apply("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.PHONE.apply("110")).isEqualTo("***");
    }

    @Test
    void addressKeepsTheFirstSixCharacters() {
        assertThat(Masking.ADDRESS.apply("上海市徐汇区宜山路455号")).isEqualTo("上海市徐汇区****");
        assertThat(Masking.ADDRESS.apply("徐汇区")).isEqualTo("***");
    }

    @Test
    void charactersOutsideTheBmpCountAsOne() {
        assertThat(Masking.NAME.apply("𠮷野家")).isEqualTo("𠮷**");
    }

    @Test
    void unknownOrMissingRuleMasksEverything() {
        assertThat(Masking.of(null)).isEqualTo(Masking.FULL);
        assertThat(Masking.of("SOMETHING_NEW")).isEqualTo(Masking.FULL);
        assertThat(Masking.of(" id_number ")).isEqualTo(Masking.ID_NUMBER);
        assertThat(Masking.FULL.apply("秘密")).isEqualTo("**");
    }
}
