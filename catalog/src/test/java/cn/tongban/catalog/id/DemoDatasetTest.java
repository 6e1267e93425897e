package cn.tongban.catalog.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the demo dataset in {@code tongban/demo/} honest: every identifier passes its check, every reference
 * resolves, and the records carry exactly the information items the catalogue declares.
 */
class DemoDatasetTest {

    private static final String DIR = "/tongban/demo/";
    /** Keys whose 18-character values are resident ID numbers or unified social credit codes. */
    private static final Set<String> RESIDENT_KEYS =
            Set.of("idNumber", "legalRepresentativeId", "husbandIdNumber", "wifeIdNumber", "residentIdNumber");

    private static final Set<String> USCC_KEYS =
            Set.of("code", "departmentCode", "providerCode", "uscc", "unifiedSocialCreditCode");
    private static final Pattern EIGHTEEN = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([0-9A-Za-z]{18})\"");
    private static final LocalDate TODAY = LocalDate.now();

    /** Strict: a key twice or text after the document is an error, as in a hand-checked data file it should be. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Map<String, Object> CATALOGUE = load("catalogue.json");
    private static final List<Map<String, Object>> RESIDENTS = list(load("records/public-security.json"), "residents");
    private static final Map<String, Object> MARKET = load("records/market-regulation.json");
    private static final List<Map<String, Object>> MARRIAGES = list(load("records/civil-affairs.json"), "marriages");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "catalogue.json",
                "records/public-security.json",
                "records/market-regulation.json",
                "records/civil-affairs.json"
            })
    void every18CharacterIdentifierInTheFileIsValidByItsKey(String file) {
        Matcher m = EIGHTEEN.matcher(read(file));
        int seen = 0;
        while (m.find()) {
            String key = m.group(1);
            String value = m.group(2);
            seen++;
            if (RESIDENT_KEYS.contains(key) && !key.equals("residentIdNumber")) {
                assertThat(ResidentIdNumber.check(value, TODAY).valid())
                        .as("%s %s=%s", file, key, value)
                        .isTrue();
            } else if (USCC_KEYS.contains(key) && !key.equals("unifiedSocialCreditCode")) {
                assertThat(UnifiedSocialCreditCode.check(value, true).valid())
                        .as("%s %s=%s", file, key, value)
                        .isTrue();
            } else {
                // Only the deliberately invalid examples may escape; invalidExamplesFailOnlyOnTheirCheckCharacter.
                assertThat(key)
                        .as("%s: unclassified 18-character value %s=%s", file, key, value)
                        .isIn("residentIdNumber", "unifiedSocialCreditCode");
            }
        }
        assertThat(seen).as("identifiers found in %s", file).isPositive();
    }

    @Test
    void invalidExamplesFailOnlyOnTheirCheckCharacter() {
        Map<String, Object> bad = map(CATALOGUE, "invalidExamples");
        IdentifierCheck uscc = UnifiedSocialCreditCode.check(str(bad, "unifiedSocialCreditCode"), true);
        IdentifierCheck id = ResidentIdNumber.check(str(bad, "residentIdNumber"), TODAY);

        assertThat(uscc.errorCode()).isEqualTo("CHECK_CHARACTER");
        assertThat(uscc.expectedCheckCharacter())
                .isEqualTo(str(bad, "unifiedSocialCreditCodeExpectedCheckCharacter")
                        .charAt(0));
        assertThat(id.errorCode()).isEqualTo("CHECK_CHARACTER");
        assertThat(id.expectedCheckCharacter())
                .isEqualTo(str(bad, "residentIdNumberExpectedCheckCharacter").charAt(0));
    }

    @Test
    void departmentsAndSystemsResolve() {
        Set<String> departments = codes(list(CATALOGUE, "departments"), "code");
        assertThat(departments).hasSize(5);
        for (Map<String, Object> system : list(CATALOGUE, "systems")) {
            assertThat(departments).contains(str(system, "departmentCode"));
            assertThat(str(system, "kind")).isIn("DEPARTMENT_SYSTEM", "WINDOW_APP");
        }
        assertThat(codes(list(CATALOGUE, "systems"), "id"))
                .contains(
                        "ps-household-registry",
                        "smr-registration",
                        "ca-marriage-registry",
                        "hc-birth-certificates",
                        "smr-licensing",
                        "city-service-window");
    }

    @Test
    void resourcesFollowTheCodeFormatAndSharingRules() {
        Set<String> departments = codes(list(CATALOGUE, "departments"), "code");
        Map<String, String> systemDepartment = list(CATALOGUE, "systems").stream()
                .collect(Collectors.toMap(s -> str(s, "id"), s -> str(s, "departmentCode")));
        Set<String> seenCodes = new HashSet<>();
        for (Map<String, Object> r : resources()) {
            String code = str(r, "code");
            assertThat(seenCodes.add(code)).as("unique %s", code).isTrue();
            assertThat(code).matches("310000-\\d{6}-\\d{5}");
            assertThat(code.substring(7, 13)).isEqualTo(str(r, "classificationCode"));
            String classDigit =
                    Map.of("BASE", "1", "THEMATIC", "2", "DEPARTMENTAL", "3").get(str(r, "classification"));
            assertThat(code.charAt(7)).as(code).isEqualTo(classDigit.charAt(0));
            assertThat(departments).contains(str(r, "providerCode"));
            assertThat(systemDepartment.get(str(r, "providerSystem"))).isEqualTo(str(r, "providerCode"));
            String sharing = str(r, "sharingType");
            if (sharing.equals("CONDITIONAL")) {
                assertThat(str(r, "sharingCondition")).as(code).isNotBlank();
            }
            if (!sharing.equals("UNCONDITIONAL")) {
                // 国发〔2016〕51号: conditional or not-shared classification needs a stated basis (docs/STANDARDS.md §4).
                assertThat(str(r, "sharingBasis")).as(code).isNotBlank();
            }
            assertThat(list(r, "items")).isNotEmpty();
            assertThat(r.get("openToPublic")).isEqualTo(false);
        }
        assertThat(resources())
                .extracting(r -> r.get("sharingType"))
                .contains("UNCONDITIONAL", "CONDITIONAL", "NOT_SHARED");
        Map<Object, Long> perProvider =
                resources().stream().collect(Collectors.groupingBy(r -> r.get("providerCode"), Collectors.counting()));
        // every provider shares something; the health commission only its birth-certificate register
        assertThat(perProvider.values()).allMatch(n -> n >= 1);
        assertThat(perProvider.values().stream().filter(n -> n >= 2)).hasSize(3);
    }

    @Test
    void proofsPointAtExistingResourcesItemsAndLicenceTypes() {
        Set<String> departments = codes(list(CATALOGUE, "departments"), "code");
        for (Map<String, Object> item : list(CATALOGUE, "serviceItems")) {
            assertThat(departments).contains(str(item, "departmentCode"));
            List<Map<String, Object>> proofs = list(item, "proofs");
            assertThat(proofs).hasSizeBetween(2, 4);
            for (Map<String, Object> proof : proofs) {
                String where = str(proof, "code");
                assertThat(where).startsWith(str(item, "code") + "-");
                assertThat(str(proof, "legalBasis")).as(where).isNotBlank();
                if (Boolean.FALSE.equals(proof.get("notifyCommitAllowed"))) {
                    assertThat(str(proof, "notifyCommitExclusionReason"))
                            .as(where)
                            .isNotBlank();
                }
                switch (str(proof, "satisfiedBy")) {
                    case "DATA_PULL" -> {
                        Map<String, Object> resource = resource(str(proof, "resourceCode"));
                        assertThat(resource).as(where).isNotNull();
                        assertThat(resource.get("sharingType")).as(where).isNotEqualTo("NOT_SHARED");
                        Set<String> itemNames = codes(list(resource, "items"), "name");
                        Map<String, Object> mapping = map(proof, "fieldMapping");
                        assertThat(mapping).as(where).isNotEmpty();
                        assertThat(itemNames)
                                .as(where)
                                .containsAll(mapping.values().stream()
                                        .map(Object::toString)
                                        .toList());
                    }
                    case "E_LICENCE" -> {
                        String type = str(proof, "licenceTypeCode");
                        assertThat(type).as(where).hasSize(21);
                        assertThat(UnifiedSocialCreditCode.check(type.substring(0, 18), true)
                                        .valid())
                                .isTrue();
                        assertThat(type.substring(18)).containsOnlyDigits();
                        if (proof.get("resourceCode") != null) { // confirmed against the issuer's register
                            Map<String, Object> register = resource(str(proof, "resourceCode"));
                            assertThat(register).as(where).isNotNull();
                            Map<String, Boolean> sensitive = list(register, "items").stream()
                                    .collect(Collectors.toMap(
                                            i -> str(i, "name"), i -> Boolean.TRUE.equals(i.get("sensitive"))));
                            map(proof, "fieldMapping")
                                    .values()
                                    .forEach(v -> assertThat(sensitive.get(v.toString()))
                                            .as(where + " " + v)
                                            .isFalse());
                        }
                    }
                    case "PAPER" ->
                        assertThat(str(proof, "paperReason")).as(where).isNotBlank();
                    case "NOTIFY_COMMIT" ->
                        assertThat(proof.get("notifyCommitAllowed")).isEqualTo(true);
                    default -> throw new AssertionError("unknown satisfiedBy in " + where);
                }
            }
        }
    }

    @Test
    void residentsCarryTheHouseholdItemsAndAgreeWithTheirIdNumbers() {
        Map<String, Object> resource = resource("310000-101001-00001");
        Set<String> items = codes(list(resource, "items"), "name");
        for (Map<String, Object> resident : RESIDENTS) {
            assertThat(resident.keySet()).isEqualTo(items);
            assertTypes(resident, resource);
            ResidentIdNumber id =
                    ResidentIdNumber.parse(str(resident, "idNumber"), TODAY).orElseThrow();
            assertThat(resident.get("birthDate")).isEqualTo(id.birthDate().toString());
            assertThat(resident.get("gender")).isEqualTo(id.gender() == ResidentIdNumber.Gender.MALE ? "男" : "女");
            assertThat(str(resident, "status")).isIn("NORMAL", "DECEASED", "MOVED_OUT");
        }
        assertThat(codes(RESIDENTS, "idNumber")).hasSize(RESIDENTS.size());
    }

    @Test
    void businessesAndPenaltiesMatchTheirResourcesAndResidents() {
        Map<String, String> residentNames = names();
        Set<String> businessItems = codes(list(resource("310000-102001-00001"), "items"), "name");
        List<Map<String, Object>> businesses = list(MARKET, "businesses");
        for (Map<String, Object> b : businesses) {
            assertThat(b.keySet()).isEqualTo(businessItems);
            assertTypes(b, resource("310000-102001-00001"));
            assertThat(str(b, "uscc")).startsWith(str(b, "type").equals("个体工商户") ? "92" : "91");
            assertThat(residentNames.get(str(b, "legalRepresentativeId"))).isEqualTo(b.get("legalRepresentative"));
        }
        Set<String> penaltyItems = codes(list(resource("310000-201001-00001"), "items"), "name");
        Set<String> credits = codes(businesses, "uscc");
        for (Map<String, Object> p : list(MARKET, "penalties")) {
            assertThat(p.keySet()).isEqualTo(penaltyItems);
            assertTypes(p, resource("310000-201001-00001"));
            assertThat(credits).contains(str(p, "uscc"));
        }
    }

    @Test
    void marriagesAreBetweenRecordedResidents() {
        Map<String, String> residentNames = names();
        Set<String> items = codes(list(resource("310000-301001-00001"), "items"), "name");
        for (Map<String, Object> m : MARRIAGES) {
            assertThat(m.keySet()).isEqualTo(items);
            assertTypes(m, resource("310000-301001-00001"));
            String husband = str(m, "husbandIdNumber");
            String wife = str(m, "wifeIdNumber");
            assertThat(residentNames.get(husband)).isEqualTo(m.get("husbandName"));
            assertThat(residentNames.get(wife)).isEqualTo(m.get("wifeName"));
            assertThat(ResidentIdNumber.parse(husband, TODAY).orElseThrow().gender())
                    .isEqualTo(ResidentIdNumber.Gender.MALE);
            assertThat(ResidentIdNumber.parse(wife, TODAY).orElseThrow().gender())
                    .isEqualTo(ResidentIdNumber.Gender.FEMALE);
            String certificate = str(m, "certificateNumber");
            assertThat(certificate).matches("J3101\\d{2}-\\d{4}-\\d{6}");
            assertThat(certificate.substring(8, 12))
                    .isEqualTo(str(m, "registeredOn").substring(0, 4));
        }
    }

    // ---- helpers

    /** Each value has the JSON type of its item's dataType; dates are ISO dates; required items are present. */
    private static void assertTypes(Map<String, Object> record, Map<String, Object> resource) {
        for (Map<String, Object> item : list(resource, "items")) {
            String name = str(item, "name");
            Object value = record.get(name);
            if (value == null) {
                assertThat(item.get("required")).as(name).isEqualTo(false);
                continue;
            }
            switch (str(item, "dataType")) {
                case "STRING" -> assertThat(value).as(name).isInstanceOf(String.class);
                case "DATE" ->
                    assertThat(LocalDate.parse((String) value)).as(name).isBefore(TODAY.plusDays(1));
                case "INTEGER", "DECIMAL" -> assertThat(value).as(name).isInstanceOf(java.math.BigDecimal.class);
                case "BOOLEAN" -> assertThat(value).as(name).isInstanceOf(Boolean.class);
                default -> throw new AssertionError("unknown dataType of " + name);
            }
            if (value instanceof String text && item.get("length") != null) {
                assertThat(text.length()).as(name).isLessThanOrEqualTo(((Number) item.get("length")).intValue());
            }
        }
    }

    private static List<Map<String, Object>> resources() {
        return list(CATALOGUE, "resources");
    }

    private static Map<String, Object> resource(String code) {
        return resources().stream()
                .filter(r -> code.equals(r.get("code")))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, String> names() {
        return RESIDENTS.stream().collect(Collectors.toMap(r -> str(r, "idNumber"), r -> str(r, "name")));
    }

    private static Set<String> codes(List<Map<String, Object>> list, String key) {
        return list.stream().map(m -> str(m, key)).collect(Collectors.toSet());
    }

    private static String str(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String file) {
        try {
            return (Map<String, Object>) plain(JSON.readTree(read(file)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The tree as maps (in file order), lists, strings, booleans, null and, for every number, a BigDecimal. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.isNull() ? null : node.isBoolean() ? node.booleanValue() : node.textValue();
    }

    private static String read(String file) {
        try (InputStream in = DemoDatasetTest.class.getResourceAsStream(DIR + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
