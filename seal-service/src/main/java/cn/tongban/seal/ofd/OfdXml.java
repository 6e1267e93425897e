package cn.tongban.seal.ofd;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import cn.tongban.seal.codec.SafeXml;

/**
 * Parses OFD XML parts (namespace {@value #NS}, GB/T 33190) from untrusted bytes with XXE closed: a DOCTYPE is
 * refused outright, so neither external nor internal entities can be declared; no external DTD or schema is
 * fetched; secure processing limits apply.
 */
final class OfdXml {

    /** The OFD namespace, GB/T 33190. */
    static final String NS = "http://www.ofdspec.org/2016";

    /**
     * One configured builder per thread: creating the factory (a service lookup) and the builder costs more than
     * parsing a small OFD part. DocumentBuilder is not thread-safe; reset() restores it between documents.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            return SafeXml.factory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    });

    private OfdXml() {}

    static Element parse(byte[] xml, String path) throws OfdFormatException {
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            builder.setErrorHandler(new DefaultHandler()); // no console output; fatal errors still throw
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new OfdFormatException(path + " is not well-formed safe XML: " + e.getMessage());
        }
    }

    /** Requires {@code e} to be {@code ofd:<localName>}. */
    static void expect(Element e, String localName, String path) throws OfdFormatException {
        if (!NS.equals(e.getNamespaceURI()) || !localName.equals(e.getLocalName())) {
            throw new OfdFormatException(
                    path + ": expected root ofd:" + localName + " in " + NS + ", found " + e.getNodeName());
        }
    }

    /** Child elements {@code ofd:<localName>} of {@code parent}, in document order. */
    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<Element> child(Element parent, String localName) {
        List<Element> all = children(parent, localName);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    static Element required(Element parent, String localName, String path) throws OfdFormatException {
        return child(parent, localName).orElseThrow(() -> new OfdFormatException(path + ": missing ofd:" + localName));
    }

    /** Trimmed text content of the child, which must be present and non-empty. */
    static String requiredText(Element parent, String localName, String path) throws OfdFormatException {
        String text = required(parent, localName, path).getTextContent().trim();
        if (text.isEmpty()) {
            throw new OfdFormatException(path + ": empty ofd:" + localName);
        }
        return text;
    }

    /** The attribute, trimmed; empty when absent or blank (DOM returns "" for absent attributes). */
    static Optional<String> attribute(Element e, String name) {
        String value = e.getAttribute(name).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A new document whose root is {@code ofd:<localName>} in the OFD namespace. */
    static Element newDocument(String localName) {
        try {
            org.w3c.dom.Document doc = SafeXml.factory().newDocumentBuilder().newDocument();
            Element root = doc.createElementNS(NS, "ofd:" + localName);
            doc.appendChild(root);
            return root;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    /** UTF-8 XML with declaration, no added indentation (the bytes are what References digest). */
    static byte[] serialize(org.w3c.dom.Document doc) {
        try {
            javax.xml.transform.TransformerFactory tf = javax.xml.transform.TransformerFactory.newInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            javax.xml.transform.Transformer t = tf.newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(javax.xml.transform.OutputKeys.STANDALONE, "no");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            t.transform(new javax.xml.transform.dom.DOMSource(doc), new javax.xml.transform.stream.StreamResult(out));
            return out.toByteArray();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException("cannot serialise XML", e);
        }
    }
}
