package cn.tongban.seal.ofd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;

/**
 * Attachments of an OFD document (GB/T 33190 §7.6 / Document.xml {@code Attachments} → Attachments.xml, each
 * {@code Attachment} with {@code Name} and {@code FileLoc}). Licence documents carry their metadata as the attachment
 * named {@code licence.json}; whether a signature covers it is read from the signature report
 * ({@code REFERENCE <path>} checks), so the path returned is the package path signatures reference.
 */
public final class OfdAttachments {

    /** One attachment: its Name, its package path (with leading '/', as References name files) and content. */
    public record Attachment(String name, String path, byte[] content) {}

    private OfdAttachments() {}

    /** Every attachment of every document of the package, in document and list order. */
    public static List<Attachment> read(byte[] ofd, OfdLimits limits) throws OfdFormatException {
        OfdContainer container = OfdContainer.read(ofd, limits);
        byte[] ofdXml = container.file("OFD.xml").orElseThrow(() -> new OfdFormatException("no OFD.xml entry point"));
        Element root = container.parseXml(ofdXml, "OFD.xml");
        OfdXml.expect(root, "OFD", "OFD.xml");
        List<Attachment> out = new ArrayList<>();
        for (Element body : OfdXml.children(root, "DocBody")) {
            String docPath = container.resolve("OFD.xml", OfdXml.requiredText(body, "DocRoot", "OFD.xml"));
            byte[] docXml = container
                    .file(docPath)
                    .orElseThrow(() -> new OfdFormatException("DocRoot " + docPath + " is not in the package"));
            Element document = container.parseXml(docXml, docPath);
            Optional<Element> listLoc = OfdXml.child(document, "Attachments");
            if (listLoc.isEmpty()) {
                continue;
            }
            String listPath = container.resolve(docPath, listLoc.get().getTextContent());
            byte[] listXml = container
                    .file(listPath)
                    .orElseThrow(() -> new OfdFormatException("Attachments " + listPath + " is not in the package"));
            Element list = container.parseXml(listXml, listPath);
            OfdXml.expect(list, "Attachments", listPath);
            for (Element a : OfdXml.children(list, "Attachment")) {
                String name = OfdXml.attribute(a, "Name")
                        .orElseThrow(() -> new OfdFormatException(listPath + ": Attachment without Name"));
                String path = container.resolve(listPath, OfdXml.requiredText(a, "FileLoc", listPath));
                byte[] content = container
                        .file(path)
                        .orElseThrow(() -> new OfdFormatException("attachment " + path + " is not in the package"));
                out.add(new Attachment(name, path.startsWith("/") ? path : "/" + path, content));
            }
        }
        return out;
    }
}
