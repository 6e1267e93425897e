package cn.tongban.seal.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Whether an SVG seal picture (GB/T 38540 {@code SES_ESPictureInfo}, type SVG, docs/STANDARDS.md §1.1) is safe to embed
 * verbatim in a seal and in every document stamped with it. A viewer renders the picture, so it must be a
 * self-contained drawing: no document type declaration (entities, external subsets), no processing instruction
 * (e.g. {@code xml-stylesheet}), no {@code script} or {@code foreignObject} element, no event-handler attribute
 * ({@code on*}), no reference that leaves the picture — {@code href} / {@code xlink:href} (so also {@code <use>},
 * {@code <image>}, {@code <a>}) and CSS {@code url(…)} / {@code @import} only to {@code #fragment} or {@code data:}
 * — and no animation that rewrites a reference. Parsed with a hardened parser: DOCTYPE refused outright, no
 * external entity or DTD loading, no XInclude, secure processing.
 */
public final class SvgPicture {

    private static final Pattern CSS_URL =
            Pattern.compile("url\\s*\\(\\s*['\"]?\\s*([^'\")\\s]*)", Pattern.CASE_INSENSITIVE);

    private SvgPicture() {}

    /** Why the SVG cannot be embedded, or empty when it can. */
    public static Optional<String> problem(byte[] svg) {
        Document doc;
        try {
            DocumentBuilder b = SafeXml.factory().newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // no parser chatter on stderr
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity");
            });
            doc = b.parse(new ByteArrayInputStream(svg));
        } catch (SAXException e) {
            String m = String.valueOf(e.getMessage());
            return Optional.of(
                    m.contains("DOCTYPE")
                            ? "an SVG picture must not have a DOCTYPE"
                            : "the SVG picture is not well-formed XML");
        } catch (IOException | ParserConfigurationException e) {
            return Optional.of("the SVG picture cannot be read");
        }
        Element root = doc.getDocumentElement();
        if (!"svg".equals(localName(root))) {
            return Optional.of("an SVG picture's root element must be svg");
        }
        return check(doc);
    }

    private static Optional<String> check(Node node) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            Optional<String> p =
                    switch (n.getNodeType()) {
                        case Node.PROCESSING_INSTRUCTION_NODE ->
                            Optional.of("an SVG picture must not have processing" + " instructions (<?"
                                    + ((org.w3c.dom.ProcessingInstruction) n).getTarget() + "?>)");
                        case Node.ELEMENT_NODE -> element((Element) n);
                        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE ->
                            "style".equals(localName(n.getParentNode()))
                                    ? css(n.getNodeValue(), "<style>")
                                    : Optional.empty();
                        default -> Optional.empty();
                    };
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> element(Element e) {
        String name = localName(e).toLowerCase(Locale.ROOT);
        if (name.equals("script")
                || name.equals("foreignobject")
                || name.equals("iframe")
                || name.equals("embed")
                || name.equals("object")) {
            return Optional.of("an SVG picture must not contain <" + localName(e) + ">");
        }
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String attr = localName(a).toLowerCase(Locale.ROOT);
            String value = a.getValue().strip();
            if (attr.startsWith("on")) {
                return Optional.of("an SVG picture must not have event-handler attributes (" + a.getName() + ")");
            }
            if (attr.equals("href") && !internal(value)) {
                return Optional.of("an SVG picture may refer only to #fragments or data: URIs (<" + localName(e) + " "
                        + a.getName() + ">)");
            }
            if ((name.equals("animate") || name.equals("set"))
                    && attr.equals("attributename")
                    && value.toLowerCase(Locale.ROOT).endsWith("href")) {
                return Optional.of("an SVG picture must not animate a reference (<" + localName(e) + ">)");
            }
            Optional<String> css = css(value, a.getName() + " attribute");
            if (css.isPresent()) {
                return css;
            }
        }
        return check(e);
    }

    /** CSS in a style element or an attribute: url(…) only to #fragments or data:, and no @import. */
    private static Optional<String> css(String text, String where) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.toLowerCase(Locale.ROOT).contains("@import")) {
            return Optional.of("an SVG picture must not @import style sheets (" + where + ")");
        }
        Matcher m = CSS_URL.matcher(text);
        while (m.find()) {
            if (!internal(m.group(1))) {
                return Optional.of(
                        "an SVG picture may refer only to #fragments or data: URIs (url() in " + where + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean internal(String ref) {
        String r = ref.strip().toLowerCase(Locale.ROOT);
        return r.startsWith("#") || r.startsWith("data:");
    }

    private static String localName(Node n) {
        String local = n.getLocalName();
        if (local != null) {
            return local;
        }
        String name = n.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }
}
