package cn.tongban.licence.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

import cn.tongban.seal.pdf.PdfBudget;
import cn.tongban.trust.pki.Asn1Depth;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The structural rules of one PDF signature field, before any cryptography (ISO 32000-1 §12.8.1, ETSI EN 319 142-1
 * §6.3, Mladenov et al. 2019 for the attacks each rule stops). Pure functions over the file bytes and the parsed
 * signature dictionary; each returns a {@link Check} or the facts the next rule needs.
 */
final class SignatureInspector {

    static final String CLAUSE_FIELD = "ISO 32000-1 §12.8.1 Table 252 (/Contents, /ByteRange)";
    static final String CLAUSE_BYTE_RANGE =
            "ISO 32000-1 §12.8.1; ETSI EN 319 142-1 §6.3 (ByteRange covers the file " + "but /Contents)";
    static final String CLAUSE_CMS = "RFC 5652 §5.1-5.3; ETSI EN 319 142-1 §6.3 (one SignedData, one SignerInfo)";

    static final Set<String> CADES = Set.of("ETSI.CAdES.detached");
    static final Set<String> PKCS7 = Set.of("adbe.pkcs7.detached");
    static final Set<String> DOC_TIMESTAMP = Set.of("ETSI.RFC3161");
    static final Set<String> WEAK = Set.of("adbe.pkcs7.sha1", "adbe.x509.rsa_sha1");

    private SignatureInspector() {}

    /** What the field's signature dictionary holds when usable. */
    record Values(byte[] contents, int[] byteRange, String subFilter) {}

    /**
     * Universal signature forgery (Mladenov et al. 2019 §5.1): /Contents must be a non-empty string that is not all
     * zeros, /ByteRange an array of exactly four non-negative integers. A field failing this is a failure, never
     * "unsigned".
     */
    static Object values(COSDictionary sig) {
        COSBase contents = deref(sig.getItem(COSName.CONTENTS));
        COSBase range = deref(sig.getItem(COSName.BYTERANGE));
        if (!(contents instanceof COSString s)) {
            return fail(
                    contents == null ? "/Contents is missing" : "/Contents is not a string (" + kind(contents) + ")");
        }
        byte[] bytes = s.getBytes();
        if (bytes.length == 0) {
            return fail("/Contents is empty");
        }
        if (allZero(bytes, 0)) {
            return fail("/Contents holds only zero bytes");
        }
        if (!(range instanceof COSArray a)) {
            return fail(range == null ? "/ByteRange is missing" : "/ByteRange is not an array (" + kind(range) + ")");
        }
        if (a.size() != 4) {
            return fail("/ByteRange has " + a.size() + " entries, not 4");
        }
        int[] br = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!(deref(a.get(i)) instanceof COSInteger n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
                return fail("/ByteRange entry " + i + " is not a non-negative integer");
            }
            br[i] = n.intValue();
        }
        return new Values(bytes, br, sig.getNameAsString(COSName.SUB_FILTER));
    }

    private static Check fail(String detail) {
        return Check.failed("PDF_SIGNATURE_FIELD", SubIndication.FORMAT_FAILURE, CLAUSE_FIELD, detail);
    }

    /** [0, a, b, c]: starts at 0, two non-empty ranges around a gap, inside the file, not overlapping. */
    static Check byteRangeShape(int[] br, int length) {
        boolean ok = br[0] == 0
                && br[1] > 0
                && (long) br[2] > (long) br[1] + 1
                && (long) br[2] + br[3] <= length
                && br[3] >= 0;
        String detail =
                "ByteRange [" + br[0] + " " + br[1] + " " + br[2] + " " + br[3] + "] in a file of " + length + " bytes";
        return ok
                ? Check.passed("PDF_BYTE_RANGE", CLAUSE_BYTE_RANGE, detail)
                : Check.failed(
                        "PDF_BYTE_RANGE",
                        SubIndication.FORMAT_FAILURE,
                        CLAUSE_BYTE_RANGE,
                        detail
                                + ": must be [0 a b c] with 0 < a < b, b + c within the file (no overlap, nothing before 0)");
    }

    /**
     * The gap holds exactly {@code <hex>} of this dictionary's /Contents, right after the /Contents key
     * (signature wrapping moves the signed value elsewhere).
     */
    static Check gap(byte[] pdf, int[] br, byte[] contents) {
        int a = br[1];
        int b = br[2];
        String rule = "PDF_CONTENTS_GAP";
        if (pdf[a] != '<' || pdf[b - 1] != '>') {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_BYTE_RANGE,
                    "the excluded bytes " + a + ".." + b + " are not one hexadecimal string");
        }
        int hexLength = b - a - 2;
        if (hexLength != contents.length * 2) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_BYTE_RANGE,
                    "the excluded bytes hold " + hexLength + " hex digits, /Contents has " + contents.length
                            + " bytes");
        }
        byte[] digits = PdfLoading.HEX;
        for (int i = 0, j = a + 1; i < contents.length; i++, j += 2) {
            int hi = digits[pdf[j] & 0xff];
            int lo = digits[pdf[j + 1] & 0xff];
            if ((hi | lo) < 0 || ((hi << 4) | lo) != (contents[i] & 0xff)) {
                return Check.failed(
                        rule,
                        SubIndication.FORMAT_FAILURE,
                        CLAUSE_BYTE_RANGE,
                        "the excluded bytes are not the hex of this signature's /Contents");
            }
        }
        int k = a - 1;
        while (k >= 0 && PdfRevisions.isWhite(pdf[k])) {
            k--;
        }
        byte[] key = "/Contents".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!PdfRevisions.startsAt(pdf, key, k - key.length + 1)) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_BYTE_RANGE,
                    "the excluded hex string is not the value of a /Contents key");
        }
        return Check.passed(rule, CLAUSE_BYTE_RANGE, "the gap is exactly the hex-encoded /Contents");
    }

    /**
     * The signature dictionary that states this ByteRange is itself the object in whose body the gap lies, so the
     * dictionary is inside the signed bytes (signature wrapping redefines it in a later update).
     */
    static Check dictionaryInSignedBytes(byte[] pdf, int[] br, Long objectOffset) {
        String rule = "PDF_SIGNATURE_DICTIONARY";
        String clause = "ISO 32000-1 §12.8.1; Mladenov et al. 2019 §5.3 (signature wrapping)";
        if (objectOffset == null || objectOffset < 0) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    clause,
                    "the signature dictionary is not a plain indirect object (object streams cannot hold a gap)");
        }
        long offset = objectOffset;
        byte[] endobj = "endobj".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // The object must not end before the gap, and must end after it. The gap itself is hex digits only (checked
        // by PDF_CONTENTS_GAP), so the search skips it instead of crossing the whole /Contents.
        int start = (int) Math.min(offset, pdf.length);
        int end = PdfRevisions.indexOf(pdf, endobj, start, br[1]);
        if (end < 0 && offset < br[1]) {
            end = PdfRevisions.indexOf(pdf, endobj, Math.max(start, br[2]));
        }
        if (offset >= br[1] || end < br[2]) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    clause,
                    "the signature dictionary in force is "
                            + "at offset " + offset + ", not the object holding the excluded /Contents at " + br[1]
                            + ": the dictionary was redefined outside the bytes it signs");
        }
        return Check.passed(rule, clause, "the signature dictionary at " + offset + " holds the gap and is signed");
    }

    /**
     * Exactly one DER ContentInfo of type SignedData with exactly one SignerInfo, followed only by zero padding.
     * Returns the ContentInfo or the failed check. Nesting deeper than {@code maxAsn1Depth} is refused before
     * Bouncy Castle, which recurses once per level, parses anything ({@link Asn1Depth}).
     */
    static Object cms(byte[] contents, int maxAsn1Depth) {
        // The zero padding after the DER opens nothing (a constructed tag is never 0x00), so the depth scan stops
        // at the last non-zero byte instead of walking thousands of empty elements.
        int scanned = contents.length;
        while (scanned > 0 && contents[scanned - 1] == 0) {
            scanned--;
        }
        if (Asn1Depth.exceeds(contents, 0, scanned, maxAsn1Depth)) {
            return Check.failed(
                    PdfBudget.RULE,
                    SubIndication.FORMAT_FAILURE,
                    PdfBudget.CLAUSE,
                    "the /Contents nest " + "ASN.1 deeper than " + maxAsn1Depth
                            + " levels, over budget (max-asn1-depth)");
        }
        String rule = "CMS_STRUCTURE";
        ContentInfo info;
        int used;
        try (ByteArrayInputStream in = new ByteArrayInputStream(contents);
                ASN1InputStream asn1 = new ASN1InputStream(in, contents.length)) {
            ASN1Primitive first = asn1.readObject();
            if (first == null) {
                return Check.failed(rule, SubIndication.FORMAT_FAILURE, CLAUSE_CMS, "/Contents holds no DER object");
            }
            used = contents.length - in.available();
            info = ContentInfo.getInstance(first);
        } catch (IOException | RuntimeException e) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_CMS,
                    "/Contents is not a CMS ContentInfo: " + e.getClass().getSimpleName());
        }
        if (!allZero(contents, used)) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_CMS,
                    "/Contents has non-zero bytes after " + "the CMS object (" + (contents.length - used)
                            + " bytes of padding must all be zero)");
        }
        if (!PKCSObjectIdentifiers.signedData.equals(info.getContentType())) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_CMS,
                    "content type " + info.getContentType() + " is not SignedData");
        }
        SignedData sd;
        try {
            sd = SignedData.getInstance(info.getContent());
        } catch (RuntimeException e) {
            return Check.failed(rule, SubIndication.FORMAT_FAILURE, CLAUSE_CMS, "malformed SignedData");
        }
        if (sd.getSignerInfos().size() != 1) {
            return Check.failed(
                    rule,
                    SubIndication.FORMAT_FAILURE,
                    CLAUSE_CMS,
                    sd.getSignerInfos().size() + " SignerInfos; exactly one is allowed");
        }
        return info;
    }

    static boolean allZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Digest of the two signed ranges without copying them. */
    static byte[] digest(MessageDigest md, byte[] pdf, int[] br) {
        md.update(pdf, br[0], br[1]);
        md.update(pdf, br[2], br[3]);
        return md.digest();
    }

    static byte[] signedBytes(byte[] pdf, int[] br) {
        byte[] out = new byte[br[1] + br[3]];
        System.arraycopy(pdf, 0, out, 0, br[1]);
        System.arraycopy(pdf, br[2], out, br[1], br[3]);
        return out;
    }

    static COSBase deref(COSBase b) {
        return b instanceof COSObject o ? o.getObject() : b;
    }

    private static String kind(COSBase b) {
        return b.getClass().getSimpleName().replace("COS", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Subject DN for reports. */
    static String name(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }
}
