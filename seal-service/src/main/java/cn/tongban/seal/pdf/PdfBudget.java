package cn.tongban.seal.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * What one PDF document may cost ({@link PdfLimits}), counted while it is read: every stream that is decoded (by
 * this code or by PDFBox while parsing: object streams, cross-reference streams) goes through {@link #read} with a
 * counting, limiting output, so a few megabytes that inflate to gigabytes stop at the budget instead of filling the
 * heap (PDFBox's own {@code COSStream.createInputStream} decodes a whole stream into memory first). The structure
 * (objects, page tree, form fields, signatures) is checked by {@link PdfStructure} before PDFBox walks it.
 *
 * <p>The first budget exceeded is remembered: PDFBox swallows some exceptions of lazily parsed objects, and a
 * caller asks {@link #exceeded()} after its work. One instance per document (and its revisions); not thread-safe.
 */
public final class PdfBudget {

    /** The rule of a report refused for a budget. */
    public static final String RULE = "PDF_BUDGET";

    public static final String CLAUSE = "Tongban PDF budgets (PdfLimits, license-verify README \"Budgets\"); "
            + "ISO 32000-1 §7.3.8 (streams), §7.5 (objects), §7.7.3.2 (page tree), §12.7.3 (fields)";

    /** A budget exceeded; an IOException so that it leaves PDFBox's parser the way its own errors do. */
    public static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        Exceeded(String detail) {
            super(detail);
        }
    }

    private final PdfLimits limits;
    private long decoded;
    private Exceeded exceeded;

    public PdfBudget(PdfLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    public PdfLimits limits() {
        return limits;
    }

    /** The first budget exceeded so far, as a sentence naming it. */
    public Optional<String> exceeded() {
        return exceeded == null ? Optional.empty() : Optional.of(exceeded.getMessage());
    }

    /** Decompressed bytes counted so far. */
    public long decodedBytes() {
        return decoded;
    }

    /** Records that a budget is exceeded and returns the exception to throw. */
    public Exceeded exceed(String detail) {
        Exceeded e = new Exceeded(detail);
        if (exceeded == null) {
            exceeded = e;
        }
        return e;
    }

    /** Scratch memory for PDFBox while loading: bounded, in memory. */
    public RandomAccessStreamCache.StreamCacheCreateFunction streamCache() {
        return MemoryUsageSetting.setupMainMemoryOnly(limits.maxTotalBytes()).streamCache;
    }

    /**
     * The first {@code length} bytes of {@code pdf} as a document within the budget, its structure checked
     * ({@link PdfStructure}); the caller closes it.
     *
     * @throws Exceeded  when a budget is exceeded
     * @throws IOException when PDFBox cannot read it
     */
    public PDDocument load(byte[] pdf, int length) throws IOException {
        RandomAccessReadBuffer source =
                new RandomAccessReadBuffer(length == pdf.length ? pdf : Arrays.copyOf(pdf, length));
        PDDocument doc;
        try {
            doc = new BudgetedPdfParser(source, this).parse();
        } catch (IOException | RuntimeException e) {
            source.close();
            if (exceeded != null) {
                throw exceeded;
            }
            throw e;
        }
        return checked(doc);
    }

    /** {@code doc} after {@link PdfStructure#check}; closed and the budget thrown when one is exceeded. */
    public PDDocument checked(PDDocument doc) throws IOException {
        try {
            if (exceeded != null) {
                throw exceeded;
            }
            PdfStructure.check(doc, this);
            if (exceeded != null) { // met while PDFBox parsed an object lazily, which it logs and swallows
                throw exceeded;
            }
            return doc;
        } catch (IOException | RuntimeException e) {
            doc.close();
            throw e;
        }
    }

    /**
     * The decoded content of {@code stream}, at most {@code keep} bytes of it kept; all of it is decoded and
     * counted, up to the per-stream and the document budget.
     *
     * @param what the stream in the budget's sentence, e.g. "embedded file licence.json"
     * @throws Exceeded    when the stream or the document decodes to more than its budget
     * @throws IOException when the stream cannot be decoded
     */
    public byte[] read(COSStream stream, int keep, String what) throws IOException {
        if (exceeded != null) {
            throw exceeded;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw cancelled();
        }
        long allowed = Math.min(limits.maxStreamBytes(), limits.maxTotalBytes() - decoded);
        Limited out = new Limited(keep, allowed);
        List<Filter> filters = filters(stream);
        try (InputStream raw = stream.createRawInputStream()) {
            InputStream in = raw;
            for (int i = 0; i < filters.size() - 1; i++) { // a chain: each stage bounded the same way
                Limited stage = new Limited(Integer.MAX_VALUE, allowed);
                filters.get(i).decode(in, stage, stream, i);
                in = new ByteArrayInputStream(stage.kept());
            }
            if (filters.isEmpty()) {
                in.transferTo(out);
            } else {
                filters.get(filters.size() - 1).decode(in, out, stream, filters.size() - 1);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InterruptedIOException) {
                throw cancelled();
            }
            if (out.over == 0 && exceeded == null) {
                decoded += out.count;
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
        decoded += out.count;
        if (out.over > 0 || out.count > allowed) {
            boolean document = allowed < limits.maxStreamBytes();
            throw exceed("decompressed bytes of " + what
                    + (key(stream) == null
                            ? ""
                            : " (object " + key(stream).getNumber() + " "
                                    + key(stream).getGeneration() + ")")
                    + " over budget "
                    + (document
                            ? limits.maxTotalBytes() + " for the document (max-total-bytes)"
                            : limits.maxStreamBytes() + " for one stream (max-stream-bytes)"));
        }
        if (exceeded != null) {
            throw exceeded;
        }
        return out.kept();
    }

    /** Remembered like a budget, so that PDFBox's lenient parsing cannot swallow it and carry on. */
    private Exceeded cancelled() {
        return exceed("decoding interrupted: the verification was cancelled");
    }

    private static COSObjectKey key(COSStream s) {
        return s.getKey();
    }

    private static List<Filter> filters(COSStream stream) throws IOException {
        COSBase f = stream.getFilters();
        List<Filter> out = new ArrayList<>();
        if (f instanceof COSName name) {
            out.add(FilterFactory.INSTANCE.getFilter(name));
        } else if (f instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.getObject(i) instanceof COSName name) {
                    out.add(FilterFactory.INSTANCE.getFilter(name));
                }
            }
        }
        return out;
    }

    /** Counts what is written, keeps the first {@code keep} bytes, refuses more than {@code allowed}. */
    private static final class Limited extends OutputStream {
        private final int keep;
        private final long allowed;
        private byte[] buffer = new byte[256];
        private int kept;
        long count;
        long over;

        Limited(int keep, long allowed) {
            this.keep = keep;
            this.allowed = allowed;
        }

        private final byte[] one = new byte[1];

        @Override
        public void write(int b) throws IOException {
            one[0] = (byte) b;
            write(one, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            // A verification given up on (the server's admission timeout interrupts its thread) stops decoding
            // here instead of inflating the rest of a large stream for nobody.
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("decoding interrupted: the verification was cancelled");
            }
            if (count + len > allowed) {
                over += len;
                throw new IOException("over budget"); // stops the filter; the budget is reported by read()
            }
            count += len;
            int take = (int) Math.min(len, (long) keep - kept);
            if (take > 0) {
                if (kept + take > buffer.length) {
                    buffer = Arrays.copyOf(
                            buffer, (int) Math.min(Math.max(buffer.length * 2L, kept + take), Integer.MAX_VALUE - 8));
                }
                System.arraycopy(b, off, buffer, kept, take);
                kept += take;
            }
        }

        byte[] kept() {
            return Arrays.copyOf(buffer, kept);
        }
    }
}
