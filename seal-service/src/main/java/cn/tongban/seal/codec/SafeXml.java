package cn.tongban.seal.codec;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * The one XML parser set-up for what arrives from outside (OFD parts, SVG seal pictures): namespace-aware, no
 * DOCTYPE, no external entities, DTDs, schemas or XInclude (OWASP XXE prevention for JAXP), and nesting bounded,
 * since DOM's getTextContent and tree walks recurse and a deeply nested document would overflow the stack.
 */
public final class SafeXml {

    /** Deepest element nesting accepted. */
    public static final int MAX_DEPTH = 100;

    private SafeXml() {}

    public static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }
}
