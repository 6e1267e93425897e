package cn.tongban.licence.ofd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import cn.tongban.licence.metadata.LicenceMetadataJson;
import cn.tongban.licence.report.LicenceMetadata;

/**
 * Writes an unsigned licence as a one-page OFD (GB/T 33190): the licence's lines of text on an A4 page and its
 * metadata as the attachment {@code licence.json} (Document.xml → Attachs/Attachments.xml), the place
 * {@link OfdLicenceVerifier} reads it from. An issuer then stamps it (seal-service {@code OfdStamper}), which covers
 * every file of the package, the metadata included.
 */
public final class OfdLicenceDocument {

    private static final String NS = "http://www.ofdspec.org/2016";
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private OfdLicenceDocument() {}

    public static byte[] unsigned(LicenceMetadata licence, List<String> lines) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "OFD.xml",
                utf8(HEAD + "<ofd:OFD xmlns:ofd=\"" + NS + "\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody>"
                        + "<ofd:DocInfo><ofd:DocID>"
                        + Integer.toHexString(licence.identifier().hashCode()) + "</ofd:DocID>"
                        + "<ofd:Title>" + escape(licence.name())
                        + "</ofd:Title><ofd:Creator>Tongban</ofd:Creator></ofd:DocInfo>"
                        + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"));
        StringBuilder text = new StringBuilder();
        int id = 3;
        double y = 30;
        for (String line : lines) {
            text.append("<ofd:TextObject ID=\"")
                    .append(++id)
                    .append("\" Boundary=\"20 ")
                    .append(y)
                    .append(
                            " 170 10\" Font=\"1\" Size=\"5\"><ofd:FillColor Value=\"0 0 0\"/><ofd:TextCode X=\"0\" Y=\"5\">")
                    .append(escape(line))
                    .append("</ofd:TextCode></ofd:TextObject>");
            y += 12;
        }
        files.put(
                "Doc_0/Document.xml",
                utf8(HEAD + "<ofd:Document xmlns:ofd=\"" + NS + "\"><ofd:CommonData>"
                        + "<ofd:MaxUnitID>" + id
                        + "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
                        + "</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>"
                        + "<ofd:Page ID=\"2\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages>"
                        + "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments></ofd:Document>"));
        files.put(
                "Doc_0/PublicRes.xml",
                utf8(HEAD + "<ofd:Res xmlns:ofd=\"" + NS + "\" BaseLoc=\"Res\"><ofd:Fonts>"
                        + "<ofd:Font ID=\"1\" FontName=\"宋体\" FamilyName=\"宋体\"/></ofd:Fonts></ofd:Res>"));
        files.put(
                "Doc_0/Pages/Page_0/Content.xml",
                utf8(HEAD + "<ofd:Page xmlns:ofd=\"" + NS + "\"><ofd:Content>" + "<ofd:Layer ID=\"3\">" + text
                        + "</ofd:Layer></ofd:Content></ofd:Page>"));
        byte[] json = LicenceMetadataJson.write(licence);
        files.put(
                "Doc_0/Attachs/Attachments.xml",
                utf8(HEAD + "<ofd:Attachments xmlns:ofd=\"" + NS + "\">"
                        + "<ofd:Attachment ID=\"" + (id + 1) + "\" Name=\"" + OfdLicenceVerifier.LICENCE_FILE
                        + "\" Format=\"json\" Visible=\"false\"><ofd:FileLoc>licence.json</ofd:FileLoc></ofd:Attachment>"
                        + "</ofd:Attachments>"));
        files.put("Doc_0/Attachs/licence.json", json);
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
