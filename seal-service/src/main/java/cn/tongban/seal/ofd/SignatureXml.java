package cn.tongban.seal.ofd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;

/**
 * The parts of an OFD {@code Signature.xml} (GB/T 33190 signature description; docs/STANDARDS.md §1.6) that validation
 * uses. Locations are resolved to package paths.
 *
 * @param checkMethod    References/@CheckMethod as written, empty when absent
 * @param references     every SignedInfo/References/Reference
 * @param sealPath       SignedInfo/Seal/BaseLoc, when the seal is stored as its own file
 * @param signedValuePath SignedValue, the SES_Signature file
 */
record SignatureXml(
        Optional<String> checkMethod, List<Reference> references, Optional<String> sealPath, String signedValuePath) {

    /** One {@code <ofd:Reference FileRef>} with its {@code CheckValue} as written (Base64). */
    record Reference(String fileRef, String path, String checkValue) {}

    static SignatureXml parse(byte[] xml, String path, OfdContainer container) throws OfdFormatException {
        Element root = container.parseXml(xml, path);
        OfdXml.expect(root, "Signature", path);
        Element signedInfo = OfdXml.required(root, "SignedInfo", path);
        Element refs = OfdXml.required(signedInfo, "References", path);
        List<Reference> references = new ArrayList<>();
        for (Element r : OfdXml.children(refs, "Reference")) {
            String fileRef = OfdXml.attribute(r, "FileRef")
                    .orElseThrow(() -> new OfdFormatException(path + ": Reference without FileRef"));
            references.add(new Reference(
                    fileRef, container.resolve(path, fileRef), OfdXml.requiredText(r, "CheckValue", path)));
        }
        if (references.isEmpty()) {
            throw new OfdFormatException(path + ": References lists no file");
        }
        Optional<String> seal = Optional.empty();
        Optional<Element> sealElement = OfdXml.child(signedInfo, "Seal");
        if (sealElement.isPresent()) {
            seal = Optional.of(container.resolve(path, OfdXml.requiredText(sealElement.get(), "BaseLoc", path)));
        }
        String signedValue = container.resolve(path, OfdXml.requiredText(root, "SignedValue", path));
        return new SignatureXml(OfdXml.attribute(refs, "CheckMethod"), List.copyOf(references), seal, signedValue);
    }
}
