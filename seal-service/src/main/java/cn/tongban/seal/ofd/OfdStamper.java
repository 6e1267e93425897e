package cn.tongban.seal.ofd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.w3c.dom.Element;

import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.stamp.SealPreconditions;
import cn.tongban.seal.stamp.SesSignatureWriter;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;

/**
 * Puts an electronic seal on an OFD document (GB/T 33190 §18 signatures, GB/T 38540 v4 SES_Signature;
 * docs/STANDARDS.md §1.3, §1.6). For each stamp it writes, under {@code <doc>/Signs/Sign_k/}:
 * <ul>
 *   <li>{@code Seal.esl}: the SESeal, byte-equal to TBS_Sign.eseal;</li>
 *   <li>{@code Signature.xml}: SignedInfo with Provider, SignatureMethod, SignatureDateTime, References
 *       (CheckMethod SM3 = 1.2.156.10197.1.401, CheckValue = Base64(SM3(file))) over every file of the package
 *       except the signature list {@code Signatures.xml} and this signature's own Signature.xml and
 *       SignedValue.dat, a StampAnnot with the page's ID and the Boundary in millimetres, and the Seal
 *       BaseLoc;</li>
 *   <li>{@code SignedValue.dat}: the SES_Signature whose dataHash is the digest of that Signature.xml and whose
 *       propertyInfo is its path;</li>
 * </ul>
 * and lists the signature in {@code Signatures.xml} (created, with OFD.xml's DocBody/Signatures pointing at it,
 * on the first stamp). Signatures.xml is left out of References so that later stamps do not break earlier
 * ones; an earlier producer's signature that did reference it (ofdrw does) no longer verifies once another
 * stamp is added [open: GB/T 33190 does not say whether the list is protected]. Thread-safe.
 */
public final class OfdStamper {

    static final String SM3_OID = "1.2.156.10197.1.401";
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final OfdLimits limits;
    private final boolean checkSeal;

    /** Stamps at the clock's time, checking the seal and the signer first ({@link SealPreconditions}). */
    public OfdStamper(Clock clock) {
        this(clock, OfdLimits.DEFAULT, true);
    }

    /** @param checkSeal false only to make deliberately bad documents in tests */
    OfdStamper(Clock clock, OfdLimits limits, boolean checkSeal) {
        this.clock = Objects.requireNonNull(clock);
        this.limits = Objects.requireNonNull(limits);
        this.checkSeal = checkSeal;
    }

    /**
     * The OFD with one more stamp.
     *
     * @throws StampException when the document, the page or the seal do not allow a valid stamp
     */
    public byte[] stamp(byte[] ofd, byte[] sealDer, SigningKey signer, StampPosition position) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (checkSeal) {
            return stamp(ofd, SealPreconditions.evaluate(sealDer, signer, at).checked(), position);
        }
        return stamp(
                ofd,
                sealDer,
                cn.tongban.seal.codec.SealDecoder.decodeSeal(sealDer).orElseThrow(),
                signer,
                position,
                at);
    }

    /**
     * The OFD with one more stamp of a seal and signer already checked ({@link SealPreconditions}), signed at the
     * time they were checked at.
     *
     * @throws StampException when the document or the page do not allow a valid stamp
     */
    public byte[] stamp(byte[] ofd, SealPreconditions.Checked checked, StampPosition position) {
        return stamp(ofd, checked.sealDer(), checked.seal(), checked.signer(), position, checked.at());
    }

    private byte[] stamp(
            byte[] ofd, byte[] sealDer, SesSeal seal, SigningKey signer, StampPosition position, Instant at) {
        try {
            return stampPackage(ofd, sealDer, seal, signer, position, at);
        } catch (OfdFormatException e) {
            throw new StampException("not a usable OFD document: " + e.getMessage());
        }
    }

    private byte[] stampPackage(
            byte[] ofd, byte[] sealDer, SesSeal seal, SigningKey signer, StampPosition position, Instant at)
            throws OfdFormatException {
        OfdContainer container = OfdContainer.read(ofd, limits);
        Map<String, byte[]> files = new LinkedHashMap<>(container.files());

        // OFD.xml → first DocBody → DocRoot (GB/T 33190 §7.4) and its Signatures list.
        Element ofdRoot =
                container.parseXml(files.get("OFD.xml") == null ? new byte[0] : files.get("OFD.xml"), "OFD.xml");
        OfdXml.expect(ofdRoot, "OFD", "OFD.xml");
        Element body = OfdXml.children(ofdRoot, "DocBody").stream()
                .findFirst()
                .orElseThrow(() -> new OfdFormatException("OFD.xml has no DocBody"));
        String docRoot = container.resolve("OFD.xml", OfdXml.requiredText(body, "DocRoot", "OFD.xml"));
        byte[] documentXml = Optional.ofNullable(files.get(docRoot))
                .orElseThrow(() -> new OfdFormatException("DocRoot " + docRoot + " is not in the package"));
        String pageId = pageId(container.parseXml(documentXml, docRoot), docRoot, position.page());
        String docDir = docRoot.contains("/") ? docRoot.substring(0, docRoot.lastIndexOf('/') + 1) : "";

        String listPath;
        Element list;
        Optional<Element> signaturesRef = OfdXml.child(body, "Signatures");
        if (signaturesRef.isPresent()) {
            listPath = container.resolve("OFD.xml", OfdXml.requiredText(body, "Signatures", "OFD.xml"));
            byte[] existing = Optional.ofNullable(files.get(listPath))
                    .orElseThrow(() -> new OfdFormatException("Signatures " + listPath + " is not in the package"));
            list = container.parseXml(existing, listPath);
            OfdXml.expect(list, "Signatures", listPath);
        } else {
            listPath = docDir + "Signs/Signatures.xml";
            if (files.containsKey(listPath)) {
                throw new OfdFormatException(listPath + " exists but OFD.xml does not point at it");
            }
            Element ref = ofdRoot.getOwnerDocument().createElementNS(OfdXml.NS, prefixed(ofdRoot, "Signatures"));
            ref.setTextContent("/" + listPath);
            body.appendChild(ref);
            files.put("OFD.xml", OfdXml.serialize(ofdRoot.getOwnerDocument()));
            list = OfdXml.newDocument("Signatures");
        }

        String signDir = freeSignDir(files, listPath.substring(0, listPath.lastIndexOf('/') + 1));
        long maxId = maxSignId(list);
        String signatureId = Long.toString(maxId + 1);
        String annotId = Long.toString(maxId + 2);
        String sealPath = signDir + "Seal.esl";
        String signatureXmlPath = signDir + "Signature.xml";
        String signedValuePath = signDir + "SignedValue.dat";
        files.put(sealPath, sealDer.clone());

        List<String> referenced = new ArrayList<>();
        for (String path : files.keySet()) {
            if (!path.equals(listPath)) {
                referenced.add(path);
            }
        }
        referenced.sort(null);
        StringBuilder refs = new StringBuilder();
        for (String path : referenced) {
            refs.append("<ofd:Reference FileRef=\"/")
                    .append(xmlEscape(path))
                    .append("\"><ofd:CheckValue>")
                    .append(Base64.getEncoder().encodeToString(Digests.digest(Digests.SM3, files.get(path))))
                    .append("</ofd:CheckValue></ofd:Reference>");
        }
        double w = seal.picture().widthMm();
        double h = seal.picture().heightMm();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ofd:Signature xmlns:ofd=\"" + OfdXml.NS + "\"><ofd:SignedInfo>"
                + "<ofd:Provider ProviderName=\"Tongban\" Company=\"Tongban\" Version=\"0.1\"/>"
                + "<ofd:SignatureMethod>" + signer.algorithm().oid() + "</ofd:SignatureMethod>"
                + "<ofd:SignatureDateTime>" + DATE_TIME.format(at) + "</ofd:SignatureDateTime>"
                + "<ofd:References CheckMethod=\"" + SM3_OID + "\">" + refs + "</ofd:References>"
                + "<ofd:StampAnnot ID=\"" + annotId + "\" PageRef=\"" + xmlEscape(pageId) + "\" Boundary=\""
                + mm(position.xMm()) + " " + mm(position.yMm()) + " " + mm(w) + " " + mm(h) + "\"/>"
                + "<ofd:Seal><ofd:BaseLoc>/" + xmlEscape(sealPath) + "</ofd:BaseLoc></ofd:Seal>"
                + "</ofd:SignedInfo><ofd:SignedValue>/" + xmlEscape(signedValuePath) + "</ofd:SignedValue>"
                + "</ofd:Signature>";
        byte[] signatureXml = xml.getBytes(StandardCharsets.UTF_8);
        files.put(signatureXmlPath, signatureXml);
        files.put(signedValuePath, SesSignatureWriter.write(sealDer, at, signatureXml, "/" + signatureXmlPath, signer));

        Element entry = list.getOwnerDocument().createElementNS(OfdXml.NS, prefixed(list, "Signature"));
        entry.setAttribute("ID", signatureId);
        entry.setAttribute("Type", "Seal");
        entry.setAttribute("BaseLoc", "/" + signatureXmlPath);
        Optional<Element> maxSignId = OfdXml.child(list, "MaxSignId");
        // GB/T 33190 Signatures: MaxSignId (first), then the Signature entries in signing order.
        if (maxSignId.isPresent()) {
            maxSignId.get().setTextContent(annotId);
        } else {
            Element max = list.getOwnerDocument().createElementNS(OfdXml.NS, prefixed(list, "MaxSignId"));
            max.setTextContent(annotId);
            list.insertBefore(max, list.getFirstChild());
        }
        list.appendChild(entry);
        files.put(listPath, OfdXml.serialize(list.getOwnerDocument()));
        return zip(files);
    }

    /** The ID of the page-th ofd:Page in Document.xml's Pages (GB/T 33190 §7.5). */
    private static String pageId(Element document, String path, int page) throws OfdFormatException {
        OfdXml.expect(document, "Document", path);
        List<Element> pages = OfdXml.children(OfdXml.required(document, "Pages", path), "Page");
        if (page > pages.size()) {
            throw new OfdFormatException(
                    "page " + page + " does not exist: the document has " + pages.size() + " page(s)");
        }
        return OfdXml.attribute(pages.get(page - 1), "ID")
                .orElseThrow(() -> new OfdFormatException(path + ": page " + page + " has no ID"));
    }

    private static String freeSignDir(Map<String, byte[]> files, String signsDir) {
        for (int k = 0; ; k++) {
            String dir = signsDir + "Sign_" + k + "/";
            if (files.keySet().stream().noneMatch(p -> p.startsWith(dir))) {
                return dir;
            }
        }
    }

    /** The largest numeric ID in MaxSignId or any Signature/@ID of the list (0 when none). */
    private static long maxSignId(Element list) {
        long max = OfdXml.child(list, "MaxSignId")
                .map(e -> number(e.getTextContent()))
                .orElse(0L);
        for (Element s : OfdXml.children(list, "Signature")) {
            max = Math.max(
                    max, OfdXml.attribute(s, "ID").map(OfdStamper::number).orElse(0L));
        }
        return max;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    /** A qualified name using the prefix the document already uses for the OFD namespace. */
    private static String prefixed(Element context, String local) {
        String prefix = context.getPrefix();
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static String mm(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceFirst("\\.?0+$", "");
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
