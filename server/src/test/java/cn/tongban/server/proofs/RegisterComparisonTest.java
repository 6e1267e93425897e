package cn.tongban.server.proofs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import cn.tongban.licence.report.LicenceMetadata;

/** A verified licence against its issuer's register record, field by mapped field. */
class RegisterComparisonTest {

    static final String REGISTER = "310000-303001-00001";
    static final Map<String, String> MAPPING =
            Map.of("number", "certificateNumber", "status", "status", "validTo", "validUntil");
    final ObjectMapper mapper = new ObjectMapper();

    static LicenceMetadata licence(String number, String status, LocalDate validTo) {
        return new LicenceMetadata(
                "1.2.156.3005.2.x",
                "出生医学证明",
                "出生医学证明",
                "11100000MB1N072647007",
                number,
                "上海市卫生健康委员会",
                "11310000MB2C47911D",
                LocalDate.of(2026, 1, 5),
                LocalDate.of(2026, 1, 5),
                validTo,
                "310000",
                "赵婧",
                "310115199212302849",
                "111",
                status);
    }

    List<JsonNode> records(String... json) throws Exception {
        return java.util.Arrays.stream(json)
                .map(j -> {
                    try {
                        return mapper.readTree(j);
                    } catch (Exception e) {
                        throw new IllegalArgumentException(e);
                    }
                })
                .toList();
    }

    static List<String> diff(LicenceMetadata licence, Map<String, String> mapping, List<JsonNode> records) {
        return RegisterComparison.differences(REGISTER, licence, mapping, records, List.of());
    }

    @Test
    void aMaskedItemIsNeverComparedAndLeavesTheLicenceUnconfirmedWithWhatToFix() throws Exception {
        // the exchange masked status (made sensitive after the mapping was saved): neither a match nor a mismatch
        List<String> d = RegisterComparison.differences(
                REGISTER,
                licence("O1", "VALID", null),
                MAPPING,
                records("{\"certificateNumber\":\"O1\",\"status\":\"VALID\"}"),
                List.of("status", "other"));
        assertThat(d).singleElement().asString().contains("masks [status]", "needs non-sensitive items");
    }

    @Test
    void aRecordThatAgreesOnEveryMappedFieldConfirms() throws Exception {
        assertThat(
                        diff(
                                licence("O1", "VALID", LocalDate.of(2030, 1, 1)),
                                MAPPING,
                                records(
                                        "{\"certificateNumber\":\"O1\",\"status\":\"VALID\",\"validUntil\":\"2030-01-01\",\"extra\":1}")))
                .isEmpty();
        // a long-term licence (no end date) agrees with a record without one
        assertThat(diff(
                        licence("O1", "VALID", null),
                        MAPPING,
                        records("{\"certificateNumber\":\"O1\",\"status\":\"VALID\",\"validUntil\":null}")))
                .isEmpty();
    }

    @Test
    void anyAgreeingRecordIsEnoughAndOtherwiseTheFirstRecordsDifferencesAreListed() throws Exception {
        LicenceMetadata l = licence("O1", "VALID", null);
        assertThat(diff(
                        l,
                        MAPPING,
                        records(
                                "{\"certificateNumber\":\"O1\",\"status\":\"CANCELLED\"}",
                                "{\"certificateNumber\":\"O1\",\"status\":\"VALID\"}")))
                .isEmpty();
        assertThat(
                        diff(
                                l,
                                MAPPING,
                                records(
                                        "{\"certificateNumber\":\"O1\",\"status\":\"CANCELLED\",\"validUntil\":\"2027-01-01\"}")))
                .containsExactly(
                        "the issuer's register " + REGISTER
                                + " says status = CANCELLED, the licence says status = VALID",
                        "the issuer's register " + REGISTER
                                + " says validUntil = 2027-01-01, the licence says validTo = (none)");
    }

    @Test
    void noRecordMeansTheIssuerDoesNotKnowTheLicence() {
        assertThat(diff(licence("O9", "VALID", null), MAPPING, List.of()))
                .containsExactly("the issuer's register " + REGISTER + " has no licence numbered O9");
        // an existence check (no mapped field) is satisfied by any record
        assertThat(diff(licence("O9", "VALID", null), Map.of(), List.<JsonNode>of(mapper.createObjectNode())))
                .isEmpty();
    }

    @Test
    void aFieldMissingFromTheRecordIsADifferenceNotAMatch() throws Exception {
        assertThat(diff(
                        licence("O1", "VALID", null),
                        Map.of("status", "status"),
                        records("{\"certificateNumber\":\"O1\"}")))
                .containsExactly(
                        "the issuer's register " + REGISTER + " says status = (none), the licence says status = VALID");
    }

    @Test
    void everyLicenceFieldTheCatalogueAllowsHasAValueAndOthersAreRefused() {
        LicenceMetadata l = licence("O1", "VALID", LocalDate.of(2030, 1, 1));
        for (String f : cn.tongban.catalog.admin.ServiceItemAdmin.LICENCE_FIELDS) {
            assertThat(RegisterComparison.value(l, f)).as(f).isNotNull();
        }
        assertThat(RegisterComparison.value(l, "issueDate")).isEqualTo("2026-01-05");
        assertThatThrownBy(() -> RegisterComparison.value(l, "colour")).isInstanceOf(IllegalArgumentException.class);
    }
}
