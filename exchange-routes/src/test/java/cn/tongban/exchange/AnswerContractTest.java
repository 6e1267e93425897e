package cn.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceClass;
import cn.tongban.catalog.SharingType;

/** One test per contract rule, and a conforming answer that passes them all. */
class AnswerContractTest {

    static final Resource R = new Resource(
            "310000-999001-00001",
            1,
            "测试资源",
            "310000-999",
            "测试部门",
            "test-system",
            ResourceClass.values()[0],
            "999",
            "abstract",
            "JSON",
            "PERSON",
            SharingType.UNCONDITIONAL,
            null,
            null,
            "API",
            false,
            "实时",
            LocalDate.of(2026, 1, 1),
            "/things/{subject}",
            List.of(
                    new InformationItem("id", "标识", "STRING", 6, true, false, null),
                    new InformationItem("on", "日期", "DATE", null, false, false, null),
                    new InformationItem("at", "时间", "DATETIME", null, false, false, null),
                    new InformationItem("amount", "金额", "DECIMAL", 5, false, false, null),
                    new InformationItem("count", "数量", "INTEGER", null, false, false, null),
                    new InformationItem("valid", "有效", "BOOLEAN", null, false, false, null)));

    static List<String> check(String json) throws Exception {
        JsonNode answer = new ObjectMapper().readTree(json);
        return AnswerContract.violations(answer, R, "S1");
    }

    static String answer(String records) {
        return "{\"resourceCode\":\"310000-999001-00001\",\"subject\":\"S1\",\"records\":[" + records + "]}";
    }

    @Test
    void conformingAnswerPasses() throws Exception {
        assertThat(check(answer("{\"id\":\"中文六个字符\",\"on\":\"2026-01-02\",\"at\":\"2026-01-02T03:04:05+08:00\","
                        + "\"amount\":123.45,\"count\":3,\"valid\":true},{\"id\":\"x\",\"on\":null}")))
                .isEmpty();
        assertThat(check(answer(""))).isEmpty();
    }

    @Test
    void answerMustBeAnObject() throws Exception {
        assertThat(check("[]")).containsExactly("answer: not a JSON object");
    }

    @Test
    void resourceCodeMustBeTheRequestedOne() throws Exception {
        assertThat(check("{\"resourceCode\":\"other\",\"subject\":\"S1\",\"records\":[]}"))
                .containsExactly("resourceCode: not 310000-999001-00001");
    }

    @Test
    void subjectMustBeTheRequestedOne() throws Exception {
        assertThat(check("{\"resourceCode\":\"310000-999001-00001\",\"subject\":\"S2\",\"records\":[]}"))
                .containsExactly("subject: not the requested subject");
    }

    @Test
    void recordsMustBeAnArrayOfObjects() throws Exception {
        assertThat(check("{\"resourceCode\":\"310000-999001-00001\",\"subject\":\"S1\",\"records\":{}}"))
                .containsExactly("records: not an array");
        assertThat(check(answer("1"))).containsExactly("records[0]: not an object");
    }

    @Test
    void unknownItemIsAViolation() throws Exception {
        assertThat(check(answer("{\"id\":\"a\",\"secret\":\"x\"}")))
                .containsExactly("records[0].secret: not an information item of 310000-999001-00001");
    }

    @Test
    void requiredItemMissingOrNullIsAViolation() throws Exception {
        assertThat(check(answer("{},{\"id\":null}")))
                .containsExactly("records[0].id: required item missing", "records[1].id: required item missing");
    }

    @Test
    void stringTypeAndLengthInCharacters() throws Exception {
        assertThat(check(answer("{\"id\":5}"))).containsExactly("records[0].id: not a string");
        assertThat(check(answer("{\"id\":\"七个中文字符串\"}"))).containsExactly("records[0].id: longer than 6");
    }

    @Test
    void dateMustBeIsoDate() throws Exception {
        assertThat(check(answer("{\"id\":\"a\",\"on\":\"2026/01/02\"}")))
                .containsExactly("records[0].on: not an ISO-8601 date");
    }

    @Test
    void dateTimeMustCarryAnOffset() throws Exception {
        assertThat(check(answer("{\"id\":\"a\",\"at\":\"2026-01-02T03:04:05\"}")))
                .containsExactly("records[0].at: not an ISO-8601 date-time with offset");
    }

    @Test
    void decimalMustBeANumberWithinItsDigits() throws Exception {
        assertThat(check(answer("{\"id\":\"a\",\"amount\":\"12\"}")))
                .containsExactly("records[0].amount: not a number");
        assertThat(check(answer("{\"id\":\"a\",\"amount\":1234.56}")))
                .containsExactly("records[0].amount: more than 5 digits");
    }

    @Test
    void integerMustBeIntegral() throws Exception {
        assertThat(check(answer("{\"id\":\"a\",\"count\":1.5}"))).containsExactly("records[0].count: not an integer");
    }

    @Test
    void booleanMustBeBoolean() throws Exception {
        assertThat(check(answer("{\"id\":\"a\",\"valid\":\"yes\"}")))
                .containsExactly("records[0].valid: not a boolean");
    }

    @Test
    void violationsAreBoundedAndNeverQuoteValues() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"310104198204172139\"}");
        }
        List<String> v = check(answer(many.toString()));
        assertThat(v).hasSize(AnswerContract.MAX_VIOLATIONS);
        assertThat(String.join("\n", v)).doesNotContain("310104198204172139");
    }
}
