package cn.tongban.licence.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/** Structural comparison of COS values for {@link PdfChanges}; indirect references compare by object number. */
final class Cos {
    private Cos() {}

    static void add(Set<COSObjectKey> set, COSObjectKey k) {
        if (k != null) {
            set.add(k);
        }
    }

    static COSBase object(PDDocument doc, COSObjectKey k) {
        COSObject o = doc.getDocument().getObjectFromPool(k);
        return o == null ? null : o.getObject();
    }

    static COSBase deref(COSBase b) {
        return b instanceof COSObject o ? o.getObject() : b;
    }

    static List<COSBase> items(COSBase b) {
        COSBase d = deref(b);
        if (d instanceof COSArray a) {
            List<COSBase> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(a.get(i));
            }
            return out;
        }
        return d == null ? List.of() : List.of(b);
    }

    static boolean containsRef(List<COSBase> list, COSBase item) {
        COSObjectKey k = PdfChanges.key(item);
        for (COSBase b : list) {
            if (k != null ? k.equals(PdfChanges.key(b)) : equal(b, item)) {
                return true;
            }
        }
        return false;
    }

    static Set<COSName> changedKeys(COSDictionary a, COSDictionary b) {
        Set<COSName> out = new TreeSet<>();
        Set<COSName> all = new HashSet<>(a.keySet());
        all.addAll(b.keySet());
        for (COSName k : all) {
            if (!equal(a.getItem(k), b.getItem(k))) {
                out.add(k);
            }
        }
        return out;
    }

    /** Two arrays of the same numbers (e.g. a /MediaBox rewritten as reals): the same rectangle, shown alike. */
    static boolean sameNumbers(COSBase a, COSBase b) {
        if (!(deref(a) instanceof COSArray x) || !(deref(b) instanceof COSArray y) || x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!(deref(x.get(i)) instanceof COSNumber m)
                    || !(deref(y.get(i)) instanceof COSNumber n)
                    || Float.compare(m.floatValue(), n.floatValue()) != 0) {
                return false;
            }
        }
        return true;
    }

    static String names(Set<COSName> keys) {
        return keys.stream().map(k -> "/" + k.getName()).toList().toString();
    }

    static boolean equal(COSBase a, COSBase b) {
        return equal(a, b, 0);
    }

    private static boolean equal(COSBase a, COSBase b, int depth) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || depth > 64) {
            return false;
        }
        COSObjectKey ka = PdfChanges.key(a);
        COSObjectKey kb = PdfChanges.key(b);
        if (a instanceof COSObject || b instanceof COSObject) {
            return ka != null && ka.equals(kb);
        }
        if (a instanceof COSStream sa && b instanceof COSStream sb) {
            return dictionaries(sa, sb, depth) && raw(sa).equals(raw(sb));
        }
        if (a instanceof COSDictionary da && b instanceof COSDictionary db) {
            return !(a instanceof COSStream) && !(b instanceof COSStream) && dictionaries(da, db, depth);
        }
        if (a instanceof COSArray aa && b instanceof COSArray ab) {
            if (aa.size() != ab.size()) {
                return false;
            }
            for (int i = 0; i < aa.size(); i++) {
                if (!equal(aa.get(i), ab.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    private static boolean dictionaries(COSDictionary a, COSDictionary b, int depth) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<COSName, COSBase> e : a.entrySet()) {
            if (e.getKey().equals(COSName.LENGTH) && a instanceof COSStream) {
                continue; // the raw bytes are compared
            }
            if (!b.containsKey(e.getKey()) || !equal(e.getValue(), b.getItem(e.getKey()), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static java.nio.ByteBuffer raw(COSStream s) {
        try (InputStream in = s.createRawInputStream()) {
            return java.nio.ByteBuffer.wrap(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}); // unreadable: never equal to a readable one
        }
    }
}
