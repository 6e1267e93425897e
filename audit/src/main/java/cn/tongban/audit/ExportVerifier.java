package cn.tongban.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.audit.AuditResult.Status;
import cn.tongban.audit.merkle.CompactRange;
import cn.tongban.audit.merkle.SignedTreeHead;
import cn.tongban.audit.merkle.TreeHead;

/**
 * Offline verification of an NDJSON export or archive ({@link EntryJson}) against signed tree heads, with no
 * database: every head's signature under the platform key; then each line in order — its sequence must be the
 * next one (a later line holding the missing one means the entries were reordered, none means removed), its
 * leaf hash recomputed from its fields ({@link EntryCodec}, RFC 9162 §2.1.1) must equal the exported one when
 * given — and the root recomputed over the prefix frontier and the recomputed leaves must equal each signed
 * root whose size the export reaches. Reports the first problem by sequence number.
 *
 * <p>An export whose leaf hashes were rewritten with its entries is caught by the signed roots only; the first
 * such entry then lies between the last head that matched and the first that did not, which the result gives.
 */
public final class ExportVerifier {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How far ahead a missing sequence is looked for before it is reported removed rather than moved. */
    private static final int LOOK_AHEAD = 10_000;

    private ExportVerifier() {}

    /** {@code firstSequence..lastSequence} bound the finding (equal for one entry); 0 when ok. */
    public record Result(
            Status status, long firstSequence, long lastSequence, long entries, long coveredSize, String message) {
        public boolean ok() {
            return status == Status.INTACT;
        }
    }

    /** The signed heads of a heads file: a JSON array, or an object with a {@code heads} array, as the API gives. */
    public static List<SignedTreeHead> readHeads(JsonNode json) {
        JsonNode array = json.isArray() ? json : json.path("heads");
        if (!array.isArray()) {
            throw new IllegalArgumentException(
                    "a heads file is a JSON array of signed tree heads or has a 'heads' array");
        }
        List<SignedTreeHead> heads = new ArrayList<>();
        for (JsonNode h : array) {
            if (!h.path("treeSize").canConvertToLong()
                    || !h.path("rootHash").isTextual()
                    || !h.path("timestamp").isTextual()
                    || !h.path("algorithm").isTextual()
                    || !h.path("signature").isTextual()) {
                throw new IllegalArgumentException("a signed tree head has treeSize, rootHash (hex), timestamp, "
                        + "algorithm and signature (base64)");
            }
            try {
                heads.add(new SignedTreeHead(
                        new TreeHead(
                                h.get("treeSize").asLong(),
                                HexFormat.of().parseHex(h.get("rootHash").asText()),
                                Instant.parse(h.get("timestamp").asText())),
                        h.get("algorithm").asText(),
                        java.util.Base64.getDecoder().decode(h.get("signature").asText())));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("a tree head's timestamp is not an ISO-8601 instant", e);
            }
        }
        return heads;
    }

    public static Result verify(BufferedReader export, List<SignedTreeHead> signedHeads, PublicKey platformKey)
            throws IOException {
        for (SignedTreeHead s : signedHeads) {
            if (!s.verify(platformKey)) {
                return new Result(
                        Status.HEAD_SIGNATURE_INVALID,
                        0,
                        0,
                        0,
                        0,
                        "the tree head of size " + s.head().size() + " is not signed by the given platform key");
            }
        }
        List<TreeHead> heads = signedHeads.stream()
                .map(SignedTreeHead::head)
                .sorted(Comparator.comparingLong(TreeHead::size))
                .toList();
        try (Lines lines = new Lines(export)) {
            return check(lines, heads);
        }
    }

    private static Result check(Lines lines, List<TreeHead> heads) throws IOException {
        CompactRange tree = new CompactRange();
        Line firstLine = lines.peek();
        JsonNode first = firstLine == null ? null : firstLine.json;
        if (first != null && first.has("prefix")) {
            lines.next();
            JsonNode p = first.get("prefix");
            List<byte[]> roots = new ArrayList<>();
            p.path("subtreeRoots").forEach(r -> roots.add(HexFormat.of().parseHex(r.asText())));
            tree = CompactRange.of(p.path("size").asLong(), roots);
        }
        long start = tree.size();
        int nextHead = 0;
        while (nextHead < heads.size() && heads.get(nextHead).size() <= start) {
            nextHead++; // heads inside the prefix say nothing about this export
        }
        long lastGood = start;
        long expected = start + 1;
        for (Line line; (line = lines.next()) != null; expected++) {
            if (line.unparsable) {
                return entry(
                        Status.ENTRY_ALTERED,
                        expected,
                        expected - 1 - start,
                        "line " + lines.number + ", where entry " + expected + " should be, is not JSON");
            }
            long seq = line.sequence;
            if (seq != expected) {
                if (seq >= 0 && seq < expected) {
                    return entry(
                            Status.ENTRY_REORDERED,
                            seq,
                            expected - 1 - start,
                            "entry " + seq + " appears again after " + (expected - 1) + " (line " + lines.number + ")");
                }
                boolean later = lines.aheadHas(expected);
                return entry(
                        later ? Status.ENTRY_REORDERED : Status.ENTRY_REMOVED,
                        expected,
                        expected - 1 - start,
                        later
                                ? "entry " + expected + " is out of order: entry " + seq + " comes before it (line "
                                        + lines.number + ")"
                                : "entry " + expected + " is missing: the next line (" + lines.number + ") holds "
                                        + seq);
            }
            if (line.failure != null) {
                throw line.failure;
            }
            if (line.malformed != null) {
                return entry(
                        Status.ENTRY_ALTERED,
                        seq,
                        expected - 1 - start,
                        "entry " + seq + " is malformed (line " + lines.number + "): " + line.malformed);
            }
            byte[] leaf = line.leaf;
            byte[] given = line.given;
            if (given != null && !MessageDigest.isEqual(leaf, given)) {
                return entry(
                        Status.ENTRY_ALTERED,
                        seq,
                        expected - 1 - start,
                        "entry " + seq + " does not hash to its leaf hash: it was altered");
            }
            tree.append(leaf);
            while (nextHead < heads.size() && heads.get(nextHead).size() == tree.size()) {
                TreeHead head = heads.get(nextHead++);
                if (!MessageDigest.isEqual(tree.root(), head.root())) {
                    return new Result(
                            Status.ROOT_MISMATCH,
                            lastGood + 1,
                            head.size(),
                            expected - start,
                            lastGood,
                            "the entries do not give the signed root of size " + head.size()
                                    + ": an entry from " + (lastGood + 1) + " to " + head.size()
                                    + " was altered with its leaf hash");
                }
                lastGood = head.size();
            }
        }
        long end = expected - 1;
        long entries = end - start;
        if (nextHead < heads.size()) {
            TreeHead beyond = heads.get(nextHead);
            if (lastGood == start) {
                return new Result(
                        Status.ENTRY_REMOVED,
                        end + 1,
                        end + 1,
                        entries,
                        lastGood,
                        "the export ends at entry "
                                + end + " but the signed head of size " + beyond.size() + " covers more: entries from "
                                + (end + 1) + " were removed (or export up to a head's size)");
            }
        }
        if (lastGood == start) {
            return new Result(
                    Status.ROOT_MISMATCH,
                    0,
                    0,
                    entries,
                    lastGood,
                    "no signed head ends inside entries " + (start + 1) + ".." + end
                            + ": nothing proves them; give a head of a size in that range");
        }
        return new Result(
                Status.INTACT,
                0,
                0,
                entries,
                lastGood,
                entries + " entries (" + (start + 1) + ".." + end
                        + ") verified; entries up to " + lastGood + " match a signed root"
                        + (end > lastGood
                                ? "; the " + (end - lastGood) + " after it are not covered by a given head"
                                : ""));
    }

    private static Result entry(Status status, long seq, long checked, String message) {
        return new Result(status, seq, seq, checked, 0, message);
    }

    /**
     * One NDJSON line, parsed and hashed ahead of the in-order checks (a pure function of its text, so doing it
     * early, on another thread, changes no finding): {@code sequence} is {@code path("sequence").asLong(-1)},
     * {@code malformed} the reason {@link EntryJson#read} or the leaf hash rejected it, else its recomputed and
     * its given leaf hash.
     */
    private static final class Line {
        final String text;
        JsonNode json;
        boolean unparsable;
        long sequence = -1;
        String malformed;
        RuntimeException failure;
        byte[] leaf;
        byte[] given;

        Line(String text) {
            this.text = text;
        }

        void parse(boolean keepJson) {
            if (!keepJson && parseCanonical(this)) {
                return;
            }
            JsonNode n;
            try {
                n = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                unparsable = true;
                return;
            }
            if (n == null) { // cannot happen for a non-blank line, kept as the tree parser would treat it
                unparsable = true;
                return;
            }
            if (keepJson) {
                json = n;
            }
            if (n.has("unparsable")) {
                unparsable = true; // what the sequential reader's marker node meant, kept exactly
                return;
            }
            sequence = n.path("sequence").asLong(-1);
            try {
                AccessEntry e = EntryRows.normalise(EntryJson.read(n));
                given = EntryJson.leafHash(n);
                leaf = EntryCodec.leafHash(e);
            } catch (IllegalArgumentException bad) {
                malformed = bad.getMessage();
            } catch (RuntimeException unexpected) {
                failure = unexpected; // thrown when the line is reached, as reading it in order would
            }
        }
    }

    private static final String[] TEXT_FIELDS = {
        "node",
        "actor",
        "department",
        "operator",
        "action",
        "resourceCode",
        "purpose",
        "serviceItem",
        "subjectKey",
        "outcome",
        "errorCode",
        "responseDigest",
        "correlationId",
        "leafHash"
    };

    /**
     * The fast path of {@link Line#parse}: a line as {@link EntryJson#write} writes it — one flat object, each
     * known field at most once, strings as strings, an integral sequence, an array of strings, nothing after the
     * object — read with the streaming parser, without building a tree. Gives the very values the tree path
     * would ({@code asText} of a string is the string, {@code asLong} of an integer the integer). Any other line,
     * or one the entry cannot be made from, returns false and takes the tree path, which names the problem.
     */
    private static boolean parseCanonical(Line line) {
        String[] texts = new String[TEXT_FIELDS.length];
        List<String> fields = null;
        long sequence = 0;
        boolean hasSequence = false;
        String time = null;
        try (JsonParser p = MAPPER.getFactory().createParser(line.text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("sequence")) {
                    if (hasSequence
                            || v != JsonToken.VALUE_NUMBER_INT
                            || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return false;
                    }
                    sequence = p.getLongValue();
                    hasSequence = true;
                } else if (name.equals("time")) {
                    if (time != null || v != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    time = p.getText();
                } else if (name.equals("fieldsDelivered")) {
                    if (fields != null || v != JsonToken.START_ARRAY) {
                        return false;
                    }
                    fields = new ArrayList<>(4);
                    while ((v = p.nextToken()) == JsonToken.VALUE_STRING) {
                        fields.add(p.getText());
                    }
                    if (v != JsonToken.END_ARRAY) {
                        return false;
                    }
                } else {
                    int i = textField(name);
                    if (i < 0 || texts[i] != null || v != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    texts[i] = p.getText();
                }
            }
            if (t != JsonToken.END_OBJECT
                    || p.nextToken() != null
                    || !hasSequence
                    || time == null
                    || texts[9] == null) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try {
            AccessEntry e = EntryRows.normalise(new AccessEntry(
                    sequence,
                    EntryJson.parseInstant(time),
                    texts[0],
                    texts[1],
                    texts[4],
                    texts[5],
                    AccessEntry.Outcome.valueOf(texts[9]),
                    texts[10],
                    texts[12],
                    texts[8],
                    texts[6],
                    texts[7],
                    fields,
                    texts[11],
                    texts[2],
                    texts[3]));
            byte[] given = texts[13] == null ? null : HexFormat.of().parseHex(texts[13]);
            line.leaf = EntryCodec.leafHash(e);
            line.given = given;
            line.sequence = sequence;
            return true;
        } catch (RuntimeException e) {
            return false; // the tree path meets the same problem and reports it in its own words
        }
    }

    private static int textField(String name) {
        for (int i = 0; i < TEXT_FIELDS.length; i++) {
            if (TEXT_FIELDS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * NDJSON lines with a bounded look-ahead, read ahead in a pipeline: a reader thread takes batches of
     * {@link #BATCH} lines from the input (the UTF-8 decoding) and hands each to a pool of parser threads, one per
     * core (JSON, codec, SHA-256); the verifying thread takes the parsed batches in input order. A read error
     * reaches the verifying thread when it gets to that batch, as it would have reading line by line; what was
     * read ahead past a finding is discarded. {@link #close()} stops the threads before the caller closes the input.
     */
    private static final class Lines implements AutoCloseable {
        private static final int BATCH = 4096;
        private static final int BATCHES_AHEAD = 8;
        private static final List<Line> END = List.of();

        private final BufferedReader in;
        private final Deque<Line> ahead = new ArrayDeque<>();
        private final java.util.concurrent.BlockingQueue<java.util.concurrent.Future<List<Line>>> parsed =
                new java.util.concurrent.ArrayBlockingQueue<>(BATCHES_AHEAD);
        private final java.util.concurrent.ExecutorService parsers;
        private final Thread reader;
        private boolean eof;
        long number;

        Lines(BufferedReader in) {
            this.in = in;
            this.parsers = java.util.concurrent.Executors.newFixedThreadPool(
                    Runtime.getRuntime().availableProcessors(), daemon("export-verify-parse"));
            this.reader = daemon("export-verify-read").newThread(this::readAll);
            this.reader.start();
        }

        private static java.util.concurrent.ThreadFactory daemon(String name) {
            return r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            };
        }

        /** The reader thread: batches of non-blank lines to the parsers, in order; then END or the read error. */
        private void readAll() {
            boolean first = true;
            try {
                while (true) {
                    List<Line> batch = new ArrayList<>(BATCH);
                    String text = null;
                    IOException failed = null;
                    try {
                        while (batch.size() < BATCH && (text = in.readLine()) != null) {
                            if (!text.isBlank()) {
                                batch.add(new Line(text));
                            }
                        }
                    } catch (IOException e) {
                        failed = e;
                    }
                    if (!batch.isEmpty()) {
                        boolean keepFirst = first;
                        first = false;
                        parsed.put(parsers.submit(() -> {
                            for (int i = 0; i < batch.size(); i++) {
                                batch.get(i).parse(keepFirst && i == 0); // the first line may be the prefix
                            }
                            return batch;
                        }));
                    }
                    if (failed != null) {
                        IOException error = failed;
                        parsed.put(java.util.concurrent.CompletableFuture.failedFuture(error));
                        return;
                    }
                    if (text == null) {
                        parsed.put(java.util.concurrent.CompletableFuture.completedFuture(END));
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // close(): the verifier has its answer
            }
        }

        Line peek() throws IOException {
            if (ahead.isEmpty() && !fill()) {
                return null;
            }
            return ahead.peekFirst();
        }

        Line next() throws IOException {
            number++;
            if (ahead.isEmpty() && !fill()) {
                return null;
            }
            return ahead.pollFirst();
        }

        /** Whether one of the next {@link #LOOK_AHEAD} lines holds {@code sequence}. */
        boolean aheadHas(long sequence) throws IOException {
            while (ahead.size() < LOOK_AHEAD && fill()) {
                // read on until the look-ahead is long enough or the input ends
            }
            int seen = 0;
            for (Line n : ahead) {
                if (seen++ == LOOK_AHEAD) {
                    return false;
                }
                if (n.sequence == sequence) {
                    return true;
                }
            }
            return false;
        }

        /** Appends the next parsed batch to the look-ahead; false at the end of the input. */
        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            List<Line> batch;
            try {
                batch = parsed.take().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while verifying an export");
            } catch (java.util.concurrent.ExecutionException e) {
                eof = true;
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
            if (batch == END) {
                eof = true;
                return false;
            }
            ahead.addAll(batch);
            return true;
        }

        @Override
        public void close() {
            reader.interrupt();
            parsers.shutdownNow();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
