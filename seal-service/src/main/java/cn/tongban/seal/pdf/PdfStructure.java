package cn.tongban.seal.pdf;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The trees of a loaded PDF walked once, without recursion, before PDFBox or a verifier walks them: the page tree
 * (ISO 32000-1 §7.7.3.2) and the form's field tree (§12.7.3.1) must not loop, reach a node twice, nest deeper than
 * {@code maxNesting} or hold more than {@code maxPages} pages; no node's {@code /Parent} chain may loop or run longer
 * than {@code maxNesting}; at most {@code maxSignatures} signature fields, each signature dictionary with at most
 * {@code maxReferences} {@code /Reference} entries; at most {@code maxObjects} objects. PDFBox recurses on these
 * trees or trusts {@code /Count}, which a looping tree turns into an endless walk or a runtime exception.
 */
final class PdfStructure {

    private PdfStructure() {}

    private record Node(COSDictionary dictionary, int depth, boolean signature) {}

    static void check(PDDocument doc, PdfBudget budget) throws PdfBudget.Exceeded {
        PdfLimits limits = budget.limits();
        int objects = doc.getDocument().getXrefTable().size();
        if (objects > limits.maxObjects()) {
            throw budget.exceed("the cross-reference table lists " + objects + " objects, over budget "
                    + limits.maxObjects() + " (max-objects)");
        }
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        pages(catalog.getDictionaryObject(COSName.PAGES), budget);
        if (catalog.getDictionaryObject(COSName.ACRO_FORM) instanceof COSDictionary form) {
            fields(form.getDictionaryObject(COSName.FIELDS), budget);
        }
    }

    private static void pages(COSBase root, PdfBudget budget) throws PdfBudget.Exceeded {
        if (!(root instanceof COSDictionary r)) {
            return; // PDFBox reports a missing page tree itself
        }
        PdfLimits limits = budget.limits();
        Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(new Node(r, 0, false));
        int pages = 0;
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n.dictionary())) {
                throw budget.exceed("the page tree loops: " + name(n.dictionary()) + " is reached twice (a /Kids "
                        + "entry points at an ancestor or at a node already in the tree)");
            }
            depth(n, budget, "page tree");
            parents(n.dictionary(), budget, "page tree node");
            if (n.dictionary().getDictionaryObject(COSName.KIDS) instanceof COSArray kids) {
                for (int i = kids.size() - 1; i >= 0; i--) {
                    if (kids.getObject(i) instanceof COSDictionary kid) {
                        todo.push(new Node(kid, n.depth() + 1, false));
                    }
                }
            } else if (++pages > limits.maxPages()) {
                throw budget.exceed("more than " + limits.maxPages() + " pages in the page tree, over budget "
                        + limits.maxPages() + " (max-pages)");
            }
        }
    }

    private static void fields(COSBase list, PdfBudget budget) throws PdfBudget.Exceeded {
        if (!(list instanceof COSArray roots)) {
            return;
        }
        PdfLimits limits = budget.limits();
        Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            if (roots.getObject(i) instanceof COSDictionary f) {
                todo.push(new Node(f, 0, false));
            }
        }
        int signatures = 0;
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            COSDictionary d = n.dictionary();
            if (!seen.add(d)) {
                throw budget.exceed("the form's field tree loops: " + name(d) + " is reached twice");
            }
            depth(n, budget, "field tree");
            parents(d, budget, "form field");
            boolean signature = n.signature() || COSName.SIG.equals(d.getCOSName(COSName.FT));
            if (signature && d.getDictionaryObject(COSName.V) instanceof COSDictionary value) {
                if (++signatures > limits.maxSignatures()) {
                    throw budget.exceed("more than " + limits.maxSignatures() + " signature fields, over budget "
                            + limits.maxSignatures() + " (max-signatures)");
                }
                if (value.getDictionaryObject(COSName.getPDFName("Reference")) instanceof COSArray refs
                        && refs.size() > limits.maxReferences()) {
                    throw budget.exceed("signature " + name(value) + " has " + refs.size() + " /Reference entries, "
                            + "over budget " + limits.maxReferences() + " (max-references)");
                }
            }
            if (d.getDictionaryObject(COSName.KIDS) instanceof COSArray kids) {
                for (int i = kids.size() - 1; i >= 0; i--) {
                    if (kids.getObject(i) instanceof COSDictionary kid) {
                        todo.push(new Node(kid, n.depth() + 1, signature));
                    }
                }
            }
        }
    }

    private static void depth(Node n, PdfBudget budget, String tree) throws PdfBudget.Exceeded {
        if (n.depth() > budget.limits().maxNesting()) {
            throw budget.exceed("the " + tree + " is more than "
                    + budget.limits().maxNesting() + " levels deep, over budget (max-nesting)");
        }
    }

    /** The /Parent chain ends, without a loop, within maxNesting steps. */
    private static void parents(COSDictionary d, PdfBudget budget, String what) throws PdfBudget.Exceeded {
        int max = budget.limits().maxNesting();
        Set<COSDictionary> chain = Collections.newSetFromMap(new IdentityHashMap<>());
        for (COSDictionary p = d; p != null; p = p.getCOSDictionary(COSName.PARENT)) {
            if (!chain.add(p)) {
                throw budget.exceed("the /Parent chain of " + what + " " + name(d) + " loops");
            }
            if (chain.size() > max + 1) {
                throw budget.exceed("the /Parent chain of " + what + " " + name(d) + " is longer than " + max
                        + ", over budget (max-nesting)");
            }
        }
    }

    private static String name(COSDictionary d) {
        COSObjectKey k = d.getKey();
        return k == null ? "a direct dictionary" : "object " + k.getNumber() + " " + k.getGeneration();
    }
}
