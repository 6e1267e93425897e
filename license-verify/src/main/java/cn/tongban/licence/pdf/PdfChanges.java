package cn.tongban.licence.pdf;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

import cn.tongban.trust.verdict.Check;

/**
 * What changed between a signed revision and the final document, object by object, and whether each change is on
 * the whitelist (ISO 32000-1 §12.8.2.2 DocMDP, §12.8.2.4 FieldMDP; ETSI EN 319 142-1 §5.4 DSS and document
 * time-stamps): filling a form field not locked, adding a signature or document time-stamp, adding validation data.
 * Everything else is refused, and changes that alter what a page shows are named as the shadow attacks of Mainka et
 * al. 2021 (hide: something painted or placed over signed content; replace: a drawn object redefined;
 * hide-and-replace: the page switched to content already hidden in the signed revision).
 *
 * <p>Objects are compared through the cross-reference tables of both revisions: an object whose entry moved is
 * compared structurally (an unchanged object rewritten by an incremental save is no change); a new object matters
 * only through the changed old objects that reference it, which are all examined.
 */
final class PdfChanges {

    static final String RULE_MODIFICATIONS = "PDF_MODIFICATIONS";
    static final String RULE_DOCMDP = "PDF_DOCMDP";
    static final String RULE_FIELDMDP = "PDF_FIELDMDP";
    static final String RULE_HIDE = "SHADOW_HIDE";
    static final String RULE_REPLACE = "SHADOW_REPLACE";
    static final String RULE_HIDE_AND_REPLACE = "SHADOW_HIDE_AND_REPLACE";
    static final String RULE_SHADOW = "PDF_SHADOW";

    static final String CLAUSE_MODIFICATIONS = "ISO 32000-1 §7.5.6, §12.8.2.2; ETSI EN 319 142-1 §5.4 (DSS, document "
            + "time-stamps); Mladenov et al. 2019 §5.2 (incremental saving)";
    static final String CLAUSE_DOCMDP = "ISO 32000-1 §12.8.2.2 Table 254 (/P of the certification signature)";
    static final String CLAUSE_FIELDMDP = "ISO 32000-1 §12.8.2.4 Table 256 (FieldMDP /Action, /Fields)";
    static final String CLAUSE_SHADOW = "Mainka et al. 2021 §4 (shadow attacks); ISO 32000-1 §7.7.3.3 (page "
            + "/Contents, /Resources), §12.5 (annotations)";

    /** Catalogue entries a later signature, form fill or validation data may change. */
    private static final Set<COSName> CATALOG_ALLOWED =
            Set.of(COSName.ACRO_FORM, COSName.getPDFName("DSS"), COSName.getPDFName("Extensions"));
    /** AcroForm entries: /Fields grows by signature fields, /SigFlags, default resources for new appearances. */
    private static final Set<COSName> ACROFORM_ALLOWED = Set.of(COSName.FIELDS, COSName.SIG_FLAGS, COSName.DR);
    /**
     * Form fill: the value, the default appearance string of variable text and the appearance of the field's
     * widgets (ISO 32000-1 §12.7.3.3 /DA, §12.5.5 /AP, /AS).
     */
    private static final Set<COSName> FILL_ALLOWED = Set.of(COSName.V, COSName.AP, COSName.AS, COSName.DA);
    /**
     * Signing an empty signature field: its value (the signature dictionary, ISO 32000-1 §12.7.4.5) and its
     * widget's appearance (§12.5.5 /AP, /AS; §12.5.6.19 /MK appearance characteristics).
     */
    private static final Set<COSName> SIGNING_ALLOWED = Set.of(COSName.V, COSName.AP, COSName.AS, COSName.MK);
    /**
     * Markup annotations (ISO 32000-1 §12.5.6.2 Table 170) and their pop-ups: the comments a certification with
     * /P 3 lets anyone create, delete and modify (§12.8.2.2 Table 254). Links, widgets of other fields, watermarks
     * and multimedia are not comments and stay refused.
     */
    private static final Set<String> MARKUP = Set.of(
            "Text",
            "FreeText",
            "Line",
            "Square",
            "Circle",
            "Polygon",
            "PolyLine",
            "Highlight",
            "Underline",
            "Squiggly",
            "StrikeOut",
            "Stamp",
            "Caret",
            "Ink",
            "FileAttachment",
            "Sound",
            "Popup");

    static final String RULE_ANNOTATIONS = "PDF_ANNOTATIONS";
    /** Page entries that are rectangles: rewriting the same numbers (as reals, say) changes nothing shown. */
    private static final Set<COSName> BOXES =
            Set.of(COSName.MEDIA_BOX, COSName.CROP_BOX, COSName.BLEED_BOX, COSName.TRIM_BOX, COSName.ART_BOX);

    private static final Set<COSName> PAGE_DRAWING = Set.of(COSName.CONTENTS, COSName.RESOURCES);

    /** The permissions a signature puts on later changes. */
    record Permissions(int docMdp, Predicate<String> locked) {
        static Permissions none() {
            return new Permissions(0, f -> false);
        }
    }

    private final PDDocument signed;
    private final PDDocument last;
    private final Permissions permissions;
    private final ChangeFindings findings = new ChangeFindings();
    private final SignedText signedText;
    private final Set<COSObjectKey> signedKeys;
    private final Set<COSObjectKey> contentStreams = new HashSet<>();
    private final Set<COSObjectKey> fonts = new HashSet<>();
    private final Set<COSObjectKey> pages = new HashSet<>();
    private final Map<COSObjectKey, Field> fields = new java.util.HashMap<>();
    private final Set<COSObjectKey> fillAppearances = new HashSet<>();
    private final Set<COSObjectKey> formResources = new HashSet<>();

    /** A form field or widget of the final document: its name, whether a signature field, whether it may be filled. */
    private record Field(String name, boolean signature, boolean fillable) {}

    private PdfChanges(PDDocument signed, PDDocument last, Permissions permissions) {
        this.signed = signed;
        this.last = last;
        this.permissions = permissions;
        this.signedKeys = signed.getDocument().getXrefTable().keySet();
        this.signedText = new SignedText(signed);
    }

    /**
     * The checks for the changes made after the revision {@code signed} up to {@code last}.
     *
     * @param who the signature, for the details
     */
    static List<Check> compare(PDDocument signed, PDDocument last, Permissions permissions, String who) {
        PdfChanges c = new PdfChanges(signed, last, permissions);
        c.run();
        return c.findings.checks(who);
    }

    private void run() {
        indexSigned();
        indexFields();
        Map<COSObjectKey, Long> before = signed.getDocument().getXrefTable();
        Map<COSObjectKey, Long> after = last.getDocument().getXrefTable();
        COSBase rootBefore = signed.getDocument().getTrailer().getItem(COSName.ROOT);
        COSBase rootAfter = last.getDocument().getTrailer().getItem(COSName.ROOT);
        if (!Objects.equals(key(rootBefore), key(rootAfter))) {
            findings.refuse(RULE_MODIFICATIONS, "the trailer names another document catalogue");
        }
        COSObjectKey info = key(last.getDocument().getTrailer().getItem(COSName.INFO));
        for (Map.Entry<COSObjectKey, Long> e : after.entrySet()) {
            COSObjectKey k = e.getKey();
            if (!before.containsKey(k) || Objects.equals(before.get(k), e.getValue())) {
                continue; // new objects count only through the changed old objects that reference them
            }
            COSBase then = Cos.object(signed, k);
            COSBase now = Cos.object(last, k);
            if (now instanceof COSStream s && COSName.XREF.equals(s.getCOSName(COSName.TYPE))) {
                continue;
            }
            if (Cos.equal(then, now)) {
                continue;
            }
            if (k.equals(info)) {
                findings.allow("document information dictionary (not shown, not signed content)");
                continue;
            }
            changed(k, then, now);
        }
    }

    private void changed(COSObjectKey k, COSBase then, COSBase now) {
        String what = "object " + k.getNumber() + " " + k.getGeneration();
        if (!(now instanceof COSDictionary d) || !(then instanceof COSDictionary old)) {
            if (now instanceof COSArray a && then instanceof COSArray b) {
                array(k, b, a, what);
            } else {
                findings.refuse(RULE_MODIFICATIONS, what + " changed its type");
            }
            return;
        }
        if (now instanceof COSStream) {
            stream(k, d, what);
            return;
        }
        COSName type = d.getCOSName(COSName.TYPE);
        if (COSName.CATALOG.equals(type)) {
            catalog(old, d);
        } else if (pages.contains(k)) {
            page(k, old, d);
        } else if (COSName.SIG.equals(type) || COSName.DOC_TIME_STAMP.equals(type)) {
            findings.refuse(
                    RULE_MODIFICATIONS,
                    "the signature dictionary " + what + " was redefined after signing " + "(signature wrapping)");
        } else if (COSName.FONT.equals(type) || fonts.contains(k)) {
            findings.refuse(RULE_REPLACE, "the font " + what + " used by a page was redefined");
        } else if (formResources.contains(k)) {
            findings.allow("default resources of the form (used for new field appearances)");
        } else if (fields.containsKey(k)) {
            field(fields.get(k), old, d, what);
        } else if (old.containsKey(COSName.FIELDS)
                && last.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.ACRO_FORM) == d) {
            acroForm(old, d);
        } else if (isValidationData(type)) {
            findings.allow("validation data (DSS)");
        } else if (comment(old) && comment(d)) {
            if (signedText.covered(d, pageIndex(key(d.getItem(COSName.P))))) {
                findings.refuse(
                        RULE_HIDE,
                        "the /" + subtype(d) + " comment " + what + " was changed over signed "
                                + "text: a certification with /P 3 permits comments, not hiding what was signed");
            } else {
                findings.comment("a /" + subtype(d) + " comment changed");
            }
        } else {
            findings.refuse(
                    RULE_MODIFICATIONS,
                    what + (type == null ? "" : " (/Type " + type.getName() + ")") + " changed after signing");
        }
    }

    private static boolean isValidationData(COSName type) {
        return type != null && (type.getName().equals("DSS") || type.getName().equals("VRI"));
    }

    private void catalog(COSDictionary old, COSDictionary now) {
        for (COSName key : Cos.changedKeys(old, now)) {
            if (key.equals(COSName.OUTPUT_INTENTS) && old.getItem(key) == null) {
                // ISO 32000-1 §14.11.5: an output intent describes the colour of output devices, not page content;
                // signing products add one (PDF/A practice, ISO 19005-2 §6.2.4) with a visible signature. Adding
                // one where there was none is allowed; replacing or changing one is not.
                findings.allow("output intent added (colour of output devices)");
            } else if (!CATALOG_ALLOWED.contains(key)) {
                findings.refuse(RULE_MODIFICATIONS, "catalogue entry /" + key.getName() + " changed after signing");
            } else if (key.equals(COSName.ACRO_FORM)
                    && old.getDictionaryObject(key) instanceof COSDictionary a
                    && now.getDictionaryObject(key) instanceof COSDictionary b
                    && old.getItem(key) == a) {
                acroForm(a, b); // a direct AcroForm dictionary
            } else if (key.equals(COSName.ACRO_FORM)
                    && old.getItem(key) != null
                    && !Objects.equals(key(old.getItem(key)), key(now.getItem(key)))) {
                findings.refuse(RULE_MODIFICATIONS, "the catalogue names another interactive form");
            } else if (!key.equals(COSName.ACRO_FORM)) {
                findings.allow("validation data (DSS)");
            }
        }
    }

    private void acroForm(COSDictionary old, COSDictionary now) {
        for (COSName key : Cos.changedKeys(old, now)) {
            if (!ACROFORM_ALLOWED.contains(key)) {
                findings.refuse(
                        RULE_MODIFICATIONS, "interactive form entry /" + key.getName() + " changed after signing");
            } else if (key.equals(COSName.FIELDS)) {
                fieldList(old.getDictionaryObject(key), now.getDictionaryObject(key));
            }
        }
    }

    private void array(COSObjectKey k, COSArray old, COSArray now, String what) {
        COSBase form = last.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.ACRO_FORM);
        if (form instanceof COSDictionary f && f.getDictionaryObject(COSName.FIELDS) == now) {
            fieldList(old, now);
            return;
        }
        for (PDPage p : last.getPages()) {
            if (p.getCOSObject().getDictionaryObject(COSName.ANNOTS) == now) {
                annotations(
                        old, now, "page annotations " + what, last.getPages().indexOf(p));
                return;
            }
            if (p.getCOSObject().getDictionaryObject(COSName.CONTENTS) == now) {
                contents(old, now);
                return;
            }
        }
        findings.refuse(RULE_MODIFICATIONS, "array " + what + " changed after signing");
    }

    /** The field list may only grow, and only by signature fields (further signatures, document time-stamps). */
    private void fieldList(COSBase old, COSBase now) {
        List<COSBase> before = Cos.items(old);
        List<COSBase> after = Cos.items(now);
        for (COSBase b : before) {
            if (!Cos.containsRef(after, b)) {
                findings.refuse(RULE_MODIFICATIONS, "a form field was removed after signing");
            }
        }
        for (COSBase a : after) {
            if (!Cos.containsRef(before, a)) {
                addedSignatureField(Cos.deref(a), "form field");
            }
        }
    }

    private void addedSignatureField(COSBase f, String where) {
        if (!(f instanceof COSDictionary d) || !isSignatureField(d)) {
            findings.refuse(RULE_MODIFICATIONS, "a " + where + " other than a signature field was added after signing");
            return;
        }
        boolean timeStamp = d.getDictionaryObject(COSName.V) instanceof COSDictionary v
                && (COSName.DOC_TIME_STAMP.equals(v.getCOSName(COSName.TYPE))
                        || "ETSI.RFC3161".equals(v.getNameAsString(COSName.SUB_FILTER)));
        if (permissions.docMdp() == 1 && !timeStamp) {
            findings.refuse(
                    RULE_DOCMDP,
                    "a signature was added although the certification signature permits no changes " + "(/P 1)");
        } else {
            findings.allow(timeStamp ? "document time-stamp" : "further signature");
        }
    }

    private static boolean isSignatureField(COSDictionary d) {
        int steps = 0; // a /Parent loop in an annotation (not a field of the checked tree) ends here
        for (COSDictionary x = d; x != null && steps++ < 64; x = x.getCOSDictionary(COSName.PARENT)) {
            if (COSName.SIG.equals(x.getCOSName(COSName.FT))) {
                return true;
            }
        }
        return false;
    }

    private void field(Field f, COSDictionary old, COSDictionary now, String what) {
        Set<COSName> changed = Cos.changedKeys(old, now);
        if (f.signature()) {
            if (changed.contains(COSName.V) && old.getItem(COSName.V) == null && SIGNING_ALLOWED.containsAll(changed)) {
                addedSignatureField(now, "signature");
                if (changed.size() > 1) {
                    findings.allow("signature appearance");
                }
            } else if (changed.stream().allMatch(k -> k.equals(COSName.AP) || k.equals(COSName.AS))) {
                findings.allow("signature appearance");
            } else {
                findings.refuse(
                        RULE_MODIFICATIONS,
                        "the signature field '" + f.name() + "' was changed after signing: " + Cos.names(changed));
            }
            return;
        }
        if (!FILL_ALLOWED.containsAll(changed)) {
            Set<COSName> other = new TreeSet<>(changed);
            other.removeAll(FILL_ALLOWED);
            findings.refuse(
                    RULE_MODIFICATIONS,
                    "form field '" + f.name() + "' " + what + ": " + Cos.names(other)
                            + " changed after signing (only the value and appearance of a field may)");
        } else {
            fill(f);
        }
    }

    private void fill(Field f) {
        if (permissions.docMdp() == 1) {
            findings.refuse(
                    RULE_DOCMDP,
                    "form field '" + f.name() + "' was filled although the certification signature "
                            + "permits no changes (/P 1)");
        } else if (permissions.locked().test(f.name())) {
            findings.refuse(RULE_FIELDMDP, "form field '" + f.name() + "' is locked by the signature and was changed");
        } else {
            findings.allow("form fill of '" + f.name() + "'");
        }
    }

    private void page(COSObjectKey k, COSDictionary old, COSDictionary now) {
        for (COSName key : Cos.changedKeys(old, now)) {
            if (key.equals(COSName.ANNOTS)) {
                annotations(
                        old.getDictionaryObject(key),
                        now.getDictionaryObject(key),
                        "page " + k.getNumber(),
                        pageIndex(k));
            } else if (key.equals(COSName.CONTENTS)) {
                contents(old.getDictionaryObject(key), now.getDictionaryObject(key));
            } else if (BOXES.contains(key) && Cos.sameNumbers(old.getItem(key), now.getItem(key))) {
                findings.allow("page rectangle rewritten with the same numbers");
            } else if (key.equals(COSName.RESOURCES)) {
                findings.refuse(
                        RULE_REPLACE,
                        "the resources (fonts, images) of page object " + k.getNumber()
                                + " were replaced after signing");
            } else {
                findings.refuse(
                        RULE_MODIFICATIONS,
                        "page object " + k.getNumber() + " entry /" + key.getName() + " changed after signing");
            }
        }
    }

    /** New widgets of signature fields may appear; any other annotation is placed over signed content. */
    private void annotations(COSBase old, COSBase now, String where, int page) {
        List<COSBase> before = Cos.items(old);
        List<COSBase> after = Cos.items(now);
        for (COSBase b : before) {
            if (!Cos.containsRef(after, b)) {
                if (comment(Cos.deref(b))) {
                    findings.comment("a /" + subtype(Cos.deref(b)) + " comment removed from " + where);
                } else {
                    findings.refuse(RULE_HIDE, "an annotation of " + where + " was removed after signing");
                }
            }
        }
        for (COSBase a : after) {
            if (Cos.containsRef(before, a)) {
                continue;
            }
            COSBase annot = Cos.deref(a);
            if (annot instanceof COSDictionary d
                    && COSName.WIDGET.equals(d.getCOSName(COSName.SUBTYPE))
                    && isSignatureField(
                            d.containsKey(COSName.FT) || d.containsKey(COSName.V)
                                    ? d
                                    : Objects.requireNonNullElse(d.getCOSDictionary(COSName.PARENT), d))) {
                findings.allow("signature widget");
            } else if (comment(annot) && signedText.covered((COSDictionary) annot, page)) {
                findings.refuse(
                        RULE_HIDE,
                        "a /" + subtype(annot) + " comment was added to " + where + " over "
                                + "signed text: a certification with /P 3 permits comments, not hiding what was signed");
            } else if (comment(annot)) {
                findings.comment("a /" + subtype(annot) + " comment added to " + where);
            } else {
                String subtype = annot instanceof COSDictionary d && d.getCOSName(COSName.SUBTYPE) != null
                        ? d.getCOSName(COSName.SUBTYPE).getName()
                        : "unknown";
                findings.refuse(
                        RULE_HIDE,
                        "a /" + subtype + " annotation was added to " + where
                                + " after signing: it is drawn over the signed content");
            }
        }
    }

    /** 0-based index of the page object {@code k} in the final document; -1 when it is none. */
    private int pageIndex(COSObjectKey k) {
        int i = 0;
        for (PDPage p : last.getPages()) {
            if (k != null && k.equals(p.getCOSObject().getKey())) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** A markup annotation or pop-up under a certification with /P 3 (ISO 32000-1 §12.8.2.2 Table 254). */
    private boolean comment(COSBase annot) {
        return permissions.docMdp() == 3 && annot instanceof COSDictionary && MARKUP.contains(subtype(annot));
    }

    private static String subtype(COSBase annot) {
        return annot instanceof COSDictionary d && d.getCOSName(COSName.SUBTYPE) != null
                ? d.getCOSName(COSName.SUBTYPE).getName()
                : "unknown";
    }

    /** The page's content streams: a new stream paints over (hide), an old unused one shows a shadow (hide-and-replace). */
    private void contents(COSBase old, COSBase now) {
        List<COSBase> before = Cos.items(old);
        List<COSBase> after = Cos.items(now);
        for (COSBase a : after) {
            if (Cos.containsRef(before, a)) {
                continue;
            }
            COSObjectKey k = key(a);
            if (k != null && signedKeys.contains(k)) {
                findings.refuse(
                        RULE_HIDE_AND_REPLACE,
                        "the page now draws object " + k.getNumber() + ", which was in the "
                                + "signed revision but not drawn on the page: hidden content switched in after signing");
            } else {
                findings.refuse(
                        RULE_HIDE,
                        "a content stream was added to the page after signing: it paints over the " + "signed content");
            }
        }
        for (COSBase b : before) {
            if (!Cos.containsRef(after, b)) {
                findings.refuse(RULE_HIDE, "a content stream of the signed page was removed from it after signing");
            }
        }
    }

    private void stream(COSObjectKey k, COSDictionary s, String what) {
        if (fillAppearances.contains(k)) {
            findings.allow("appearance of a form field that may be filled");
        } else if (contentStreams.contains(k)) {
            findings.refuse(
                    RULE_REPLACE, "the content stream " + what + " of a signed page was redefined after signing");
        } else if (fonts.contains(k) || COSName.XOBJECT.equals(s.getCOSName(COSName.TYPE))) {
            findings.refuse(
                    RULE_REPLACE,
                    "the " + (fonts.contains(k) ? "font program " : "external object ") + what
                            + " drawn on a page was redefined after signing");
        } else if (COSName.EMBEDDED_FILE.equals(s.getCOSName(COSName.TYPE))) {
            findings.refuse(RULE_MODIFICATIONS, "the embedded file " + what + " was replaced after signing");
        } else {
            findings.refuse(RULE_MODIFICATIONS, "stream " + what + " changed after signing");
        }
    }

    /** Pages, their content streams and fonts as signed. */
    private void indexSigned() {
        for (PDPage p : signed.getPages()) {
            COSDictionary page = p.getCOSObject();
            Cos.add(pages, page.getKey());
            for (COSBase c : Cos.items(page.getItem(COSName.CONTENTS))) {
                Cos.add(contentStreams, key(c));
            }
            COSBase res = page.getDictionaryObject(COSName.RESOURCES);
            if (res instanceof COSDictionary r && r.getDictionaryObject(COSName.FONT) instanceof COSDictionary fs) {
                for (COSName n : fs.keySet()) {
                    COSBase f = fs.getItem(n);
                    Cos.add(fonts, key(f));
                    if (Cos.deref(f) instanceof COSDictionary fd
                            && fd.getDictionaryObject(COSName.FONT_DESC) instanceof COSDictionary desc) {
                        for (COSName file : List.of(COSName.FONT_FILE, COSName.FONT_FILE2, COSName.FONT_FILE3)) {
                            Cos.add(fonts, key(desc.getItem(file)));
                        }
                    }
                }
            }
        }
    }

    /** Fields and widgets of the final document; appearance streams of the fields that may be filled. */
    private void indexFields() {
        COSBase form = last.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.ACRO_FORM);
        if (!(form instanceof COSDictionary f)) {
            return;
        }
        // ISO 32000-1 §12.7.2 Table 218 /DR: resources for field appearances; a fill may add a font there.
        COSBase dr = f.getItem(COSName.DR);
        Cos.add(formResources, key(dr));
        if (Cos.deref(dr) instanceof COSDictionary resources) {
            resources.getValues().forEach(v -> Cos.add(formResources, key(v)));
        }
        Set<COSDictionary> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (COSBase b : Cos.items(f.getDictionaryObject(COSName.FIELDS))) {
            walk(Cos.deref(b), "", seen, 0);
        }
    }

    private void walk(COSBase b, String prefix, Set<COSDictionary> seen, int depth) {
        if (!(b instanceof COSDictionary d) || !seen.add(d) || depth > 32) {
            return;
        }
        String partial = d.getString(COSName.T);
        String name = partial == null ? prefix : prefix.isEmpty() ? partial : prefix + "." + partial;
        boolean signature = isSignatureField(d);
        boolean fillable =
                !signature && permissions.docMdp() != 1 && !permissions.locked().test(name);
        if (d.getKey() != null) {
            fields.put(d.getKey(), new Field(name, signature, fillable));
        }
        if (fillable && d.getDictionaryObject(COSName.AP) instanceof COSDictionary ap) {
            for (COSName n : List.of(COSName.N, COSName.D, COSName.R)) {
                COSBase entry = ap.getItem(n);
                Cos.add(fillAppearances, key(entry));
                if (Cos.deref(entry) instanceof COSDictionary states && !(Cos.deref(entry) instanceof COSStream)) {
                    states.getValues().forEach(v -> Cos.add(fillAppearances, key(v)));
                }
            }
        }
        for (COSBase kid : Cos.items(d.getDictionaryObject(COSName.KIDS))) {
            walk(Cos.deref(kid), name, seen, depth + 1);
        }
    }

    static COSObjectKey key(COSBase b) {
        if (b instanceof COSObject o) {
            return o.getKey();
        }
        return b == null ? null : b.getKey();
    }
}
