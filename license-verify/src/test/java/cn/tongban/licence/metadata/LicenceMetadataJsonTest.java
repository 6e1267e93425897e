package cn.tongban.licence.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.tongban.licence.report.LicenceMetadata;

class LicenceMetadataJsonTest {

    static final LicenceMetadata SAMPLE = new LicenceMetadata(
            "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F",
            "营业执照",
            "营业执照",
            "11100000000013338W032",
            "2430599",
            "上海市市场监督管理局",
            "11220000013544541J",
            LocalDate.of(2024, 3, 1),
            LocalDate.of(2024, 3, 1),
            null,
            "310000",
            "上海某某餐饮有限公司",
            "91310000MA1FL8L972",
            "001",
            "VALID");

    @Test
    void roundTrips() throws Exception {
        assertThat(LicenceMetadataJson.parse(LicenceMetadataJson.write(SAMPLE))).isEqualTo(SAMPLE);
    }

    @Test
    void listsEveryProblem() {
        String json = """
                {"identifier":"x","name":"n","typeCode":"t","issuer":"i","issuerCode":"c","holder":"h",
                 "holderCode":"", "colour":"red", "issueDate":"2024/03/01", "number": 7}
                """;
        assertThatThrownBy(() -> LicenceMetadataJson.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        LicenceMetadataJson.InvalidMetadataException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "unknown member 'colour'",
                                        "'number' must be a string",
                                        "'holderCode' is required",
                                        "'holderCodeType' is required",
                                        "'issueDate' is not an ISO-8601 date (yyyy-MM-dd): 2024/03/01"));
    }

    @Test
    void refusesDuplicatesNonObjectsAndOversize() {
        assertThatThrownBy(() ->
                        LicenceMetadataJson.parse("{\"name\":\"a\",\"name\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> LicenceMetadataJson.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> LicenceMetadataJson.parse(new byte[LicenceMetadataJson.MAX_BYTES + 1]))
                .hasMessageContaining("larger than");
    }

    @Test
    void refusesValidityThatEndsBeforeItStarts() {
        String json = new String(LicenceMetadataJson.write(SAMPLE), StandardCharsets.UTF_8)
                .replace(
                        "\"validFrom\" : \"2024-03-01\"",
                        "\"validFrom\" : \"2024-03-01\", \"validTo\" : \"2023-01-01\"");
        assertThatThrownBy(() -> LicenceMetadataJson.parse(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'validTo' is before 'validFrom'");
    }
}
