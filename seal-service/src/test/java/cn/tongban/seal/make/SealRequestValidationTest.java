package cn.tongban.seal.make;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.ExtData;
import cn.tongban.seal.codec.SealDecoder;

/** Each rule on a seal request (GB/T 38540 SES_SealInfo, docs/STANDARDS.md §1.1) broken alone, then all at once. */
class SealRequestValidationTest {

    static Stream<Arguments> brokenRequests() {
        return Stream.of(
                rule("blank vid", r -> r.vid = " ", "header.Vid must not be blank"),
                rule("non-ASCII esID", r -> r.esId = "印章1", "esID must be 1-128 characters of letters, digits"),
                rule("esID that climbs out of a path", r -> r.esId = "../../../tmp/x", "esID must be 1-128"),
                rule("esID with a slash", r -> r.esId = "seal/1", "esID must be 1-128"),
                rule("esID with a percent escape", r -> r.esId = "seal%2F1", "esID must be 1-128"),
                rule("esID with a space", r -> r.esId = "seal 1", "esID must be 1-128"),
                rule("esID of 129 characters", r -> r.esId = "a".repeat(129), "esID must be 1-128"),
                rule("blank esID", r -> r.esId = "", "esID must not be blank"),
                rule(
                        "SVG with a script",
                        r -> {
                            r.pictureType = "SVG";
                            r.pictureData = SealRequests.utf8(
                                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)" + "</script></svg>");
                        },
                        "picture.data: an SVG picture must not contain <script>"),
                rule("zero type", r -> r.type = 0, "property.type must be a positive integer"),
                rule("blank name", r -> r.name = "", "property.name must not be blank"),
                rule("no certListType", r -> r.certListType = null, "property.certListType is required"),
                rule("no signers", r -> r.signers = new ArrayList<>(), "at least one signer certificate"),
                rule("garbage signer", r -> r.signers.add(Bytes.of(new byte[] {0x30, 0})), "is not a DER X.509"),
                rule("repeated signer", r -> r.signers.add(r.signers.get(0)), "repeats an earlier certificate"),
                rule("validStart = validEnd", r -> r.validStart = r.validEnd, "validStart must be before"),
                rule(
                        "validStart after validEnd",
                        r -> r.validStart = r.validEnd.plus(1, ChronoUnit.DAYS),
                        "validStart must be before"),
                rule(
                        "created after validEnd",
                        r -> r.createDate = r.validEnd.plusSeconds(1),
                        "createDate must not be after"),
                rule("no validStart", r -> r.validStart = null, "property.validStart is required"),
                rule("TIFF picture", r -> r.pictureType = "TIFF", "picture.type must be one of"),
                rule(
                        "PNG type, JPG data",
                        r -> r.pictureData = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0},
                        "magic bytes of PNG"),
                rule("GIF type, PNG data", r -> r.pictureType = "GIF", "magic bytes of GIF"),
                rule("SVG type, binary data", r -> r.pictureType = "SVG", "magic bytes of SVG"),
                rule("empty picture", r -> r.pictureData = new byte[0], "picture.data must not be empty"),
                rule(
                        "huge picture",
                        r -> r.pictureData = new byte[SealDecoder.MAX_PICTURE_OCTETS + 1],
                        "picture.data must be at most"),
                rule("zero width", r -> r.widthMm = 0, "picture.width must be"),
                rule("too tall", r -> r.heightMm = 501, "picture.height must be"),
                rule(
                        "bad ext OID",
                        r -> r.extDatas.add(new ExtData("not-an-oid", false, Bytes.of(new byte[1]))),
                        "is not an OID"));
    }

    private static Arguments rule(String what, Consumer<SealRequests> breakIt, String message) {
        return Arguments.of(what, breakIt, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRequests")
    void eachBrokenRuleIsReportedAlone(String what, Consumer<SealRequests> breakIt, String message) {
        SealRequests r = SealRequests.forSigners(SealMakerTest.p12("USER.p12").certificate());
        breakIt.accept(r);

        List<String> violations = SealMakerTest.violations(r);

        assertThat(violations).as(what).singleElement().asString().contains(message);
    }

    @Test
    void everyViolationIsListedAtOnce() {
        SealRequests r = new SealRequests();
        r.vid = null;
        r.name = " ";
        r.validStart = r.validEnd;
        r.pictureType = "JPG";
        r.widthMm = -1;

        List<String> violations = SealMakerTest.violations(r);

        assertThat(violations)
                .hasSize(6)
                .anySatisfy(v -> assertThat(v).contains("header.Vid"))
                .anySatisfy(v -> assertThat(v).contains("property.name"))
                .anySatisfy(v -> assertThat(v).contains("at least one signer"))
                .anySatisfy(v -> assertThat(v).contains("validStart must be before"))
                .anySatisfy(v -> assertThat(v).contains("magic bytes of JPG"))
                .anySatisfy(v -> assertThat(v).contains("picture.width"));
    }

    @Test
    void everyPictureTypeIsAcceptedWithItsMagicBytes() {
        for (var picture : List.of(
                new Object[] {"GIF", SealRequests.ascii("GIF89a\1\0\1\0")},
                new Object[] {"bmp", SealRequests.ascii("BM\0\0\0\0")},
                new Object[] {"JPG", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}},
                new Object[] {"PNG", SealRequests.PNG},
                new Object[] {
                    "SVG",
                    SealRequests.utf8("\uFEFF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
                })) {
            SealRequests r =
                    SealRequests.forSigners(SealMakerTest.p12("USER.p12").certificate());
            r.pictureType = (String) picture[0];
            r.pictureData = (byte[]) picture[1];

            assertThat(SealMakerTest.violations(r)).as(r.pictureType).isEmpty();
        }
    }
}
