package cn.tongban.seal.make;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.tongban.seal.codec.SvgPicture;

/**
 * SVG seal pictures (GB/T 38540 SES_ESPictureInfo type SVG, docs/STANDARDS.md §1.1) are embedded verbatim in seals and
 * stamped documents: each way an SVG could run code or reach outside itself is refused, a plain drawing passes.
 */
class SvgPictureTest {

    static final String NS = "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"";

    static Stream<Arguments> unsafe() {
        return Stream.of(
                svg(
                        "DOCTYPE with an external entity",
                        "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM" + " \"file:///etc/passwd\">]><svg "
                                + NS + "><text>&x;</text></svg>",
                        "must not have a DOCTYPE"),
                svg(
                        "DOCTYPE with an entity expansion bomb",
                        "<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b"
                                + " \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><svg " + NS + "><text>&b;</text></svg>",
                        "must not have a DOCTYPE"),
                svg(
                        "plain DOCTYPE",
                        "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/"
                                + "SVG/1.1/DTD/svg11.dtd\"><svg " + NS + "/>",
                        "must not have a DOCTYPE"),
                svg("script", "<svg " + NS + "><script>alert(1)</script></svg>", "must not contain <script>"),
                svg(
                        "namespaced script",
                        "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>x</s:script></s:svg>",
                        "must not contain <script>"),
                svg(
                        "foreignObject",
                        "<svg " + NS + "><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x"
                                + "</div></foreignObject></svg>",
                        "must not contain <foreignObject>"),
                svg("onload handler", "<svg " + NS + " onload=\"alert(1)\"/>", "event-handler attributes (onload)"),
                svg(
                        "onclick on a shape",
                        "<svg " + NS + "><circle r=\"5\" onClick=\"x()\"/></svg>",
                        "event-handler attributes"),
                svg(
                        "external image",
                        "<svg " + NS + "><image href=\"https://evil.example/track.png\"/></svg>",
                        "only to #fragments or data: URIs (<image href>)"),
                svg(
                        "external xlink:href on use",
                        "<svg " + NS + "><use xlink:href=\"https://evil.example/a.svg#x\"/>" + "</svg>",
                        "only to #fragments or data: URIs (<use xlink:href>)"),
                svg(
                        "local file on use",
                        "<svg " + NS + "><use href=\"file:///etc/passwd#x\"/></svg>",
                        "only to #fragments or data: URIs"),
                svg(
                        "javascript link",
                        "<svg " + NS + "><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                        "only to #fragments or data: URIs (<a xlink:href>)"),
                svg(
                        "external url() in a fill",
                        "<svg " + NS + "><rect fill=\"url(http://evil.example/p#g)\"/></svg>",
                        "url() in fill attribute"),
                svg(
                        "external url() in a style element",
                        "<svg " + NS + "><style>rect{fill:url('https://e.example/x')" + "}</style></svg>",
                        "url() in <style>"),
                svg(
                        "@import in a style element",
                        "<svg " + NS + "><style>@import 'https://e.example/x.css';</style>" + "</svg>",
                        "must not @import"),
                svg(
                        "style sheet processing instruction",
                        "<?xml-stylesheet href=\"https://e.example/x.css\"?><svg " + NS + "/>",
                        "processing instructions (<?xml-stylesheet?>)"),
                svg(
                        "animation that rewrites a link",
                        "<svg " + NS + "><a href=\"#a\"><set attributeName=\"href\""
                                + " to=\"javascript:alert(1)\"/></a></svg>",
                        "must not animate a reference"),
                svg("not well-formed", "<svg " + NS + "><g></svg>", "not well-formed XML"),
                svg("another root element", "<html><svg " + NS + "/></html>", "root element must be svg"));
    }

    static Arguments svg(String what, String text, String reason) {
        return Arguments.of(what, text, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafe")
    void anUnsafeSvgIsRefusedWithItsReason(String what, String text, String reason) {
        assertThat(SvgPicture.problem(text.getBytes(StandardCharsets.UTF_8)))
                .as(what)
                .hasValueSatisfying(p -> assertThat(p).contains(reason));
    }

    @Test
    void aSelfContainedSealDrawingWithInternalReferencesAndADataImagePasses() {
        String seal = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- 通办测试章 -->\n<svg " + NS
                + " width=\"40mm\" height=\"40mm\" viewBox=\"0 0 100 100\">"
                + "<defs><radialGradient id=\"g\"><stop offset=\"0\" stop-color=\"#e00\"/></radialGradient>"
                + "<path id=\"arc\" d=\"M 15 50 A 35 35 0 1 1 85 50\"/></defs>"
                + "<style>circle{stroke:#d00}</style>"
                + "<circle cx=\"50\" cy=\"50\" r=\"45\" fill=\"none\" stroke-width=\"4\" style=\"fill:url(#g)\"/>"
                + "<text><textPath xlink:href=\"#arc\">上海示例餐饮有限公司</textPath></text>"
                + "<use href=\"#arc\"/><image href=\"data:image/png;base64,iVBORw0KGgo=\" width=\"1\" height=\"1\"/>"
                + "<text x=\"50\" y=\"55\" text-anchor=\"middle\">★</text></svg>";
        assertThat(SvgPicture.problem(seal.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
