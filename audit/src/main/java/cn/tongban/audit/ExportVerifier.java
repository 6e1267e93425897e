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

import com.fasterxml.jackson.core.JsonProcessingException;
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

    private ExportVerifier() {
    }

    /** {@code firstSequence..lastSequence} bound the finding (equal for one entry); 0 when ok. */
    public record Result(Status status, long firstSequence, long lastSequence, long entries, long coveredSize,
                         String message) {
        public boolean ok() {
            return status == Status.INTACT;
        }
    }

    /** The signed heads of a heads file: a JSON array, or an object with a {@code heads} array, as the API gives. */
    public static List<SignedTreeHead> readHeads(JsonNode json) {
        JsonNode array = json.isArray() ? json : json.path("heads");
        if (!array.isArray()) {
            throw new IllegalArgumentException("a heads file is a JSON array of signed tree heads or has a 'heads' array");
        }
        List<SignedTreeHead> heads = new ArrayList<>();
        for (JsonNode h : array) {
            if (!h.path("treeSize").canConvertToLong() || !h.path("rootHash").isTextual()
                    || !h.path("timestamp").isTextual() || !h.path("algorithm").isTextual()
                    || !h.path("signature").isTextual()) {
                throw new IllegalArgumentException("a signed tree head has treeSize, rootHash (hex), timestamp, "
                        + "algorithm and signature (base64)");
            }
            try {
                heads.add(new SignedTreeHead(new TreeHead(h.get("treeSize").asLong(),
                        HexFormat.of().parseHex(h.get("rootHash").asText()),
                        Instant.parse(h.get("timestamp").asText())), h.get("algorithm").asText(),
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
                return new Result(Status.HEAD_SIGNATURE_INVALID, 0, 0, 0, 0, "the tree head of size "
                        + s.head().size() + " is not signed by the given platform key");
            }
        }
        List<TreeHead> heads = signedHeads.stream().map(SignedTreeHead::head)
                .sorted(Comparator.comparingLong(TreeHead::size)).toList();
        Lines lines = new Lines(export);
        CompactRange tree = new CompactRange();
        JsonNode first = lines.peek();
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
        for (JsonNode line; (line = lines.next()) != null; expected++) {
            if (line.has("unparsable")) {
                return entry(Status.ENTRY_ALTERED, expected, expected - 1 - start,
                        "line " + lines.number + ", where entry " + expected + " should be, is not JSON");
            }
            long seq = line.path("sequence").asLong(-1);
            if (seq != expected) {
                if (seq >= 0 && seq < expected) {
                    return entry(Status.ENTRY_REORDERED, seq, expected - 1 - start,
                            "entry " + seq + " appears again after " + (expected - 1) + " (line " + lines.number + ")");
                }
                boolean later = lines.aheadHas(expected);
                return entry(later ? Status.ENTRY_REORDERED : Status.ENTRY_REMOVED, expected, expected - 1 - start,
                        later ? "entry " + expected + " is out of order: entry " + seq + " comes before it (line "
                                + lines.number + ")"
                                : "entry " + expected + " is missing: the next line (" + lines.number + ") holds " + seq);
            }
            AccessEntry e;
            byte[] given;
            try {
                e = EntryRows.normalise(EntryJson.read(line));
                given = EntryJson.leafHash(line);
            } catch (IllegalArgumentException bad) {
                return entry(Status.ENTRY_ALTERED, seq, expected - 1 - start,
                        "entry " + seq + " is malformed (line " + lines.number + "): " + bad.getMessage());
            }
            byte[] leaf = EntryCodec.leafHash(e);
            if (given != null && !MessageDigest.isEqual(leaf, given)) {
                return entry(Status.ENTRY_ALTERED, seq, expected - 1 - start,
                        "entry " + seq + " does not hash to its leaf hash: it was altered");
            }
            tree.append(leaf);
            while (nextHead < heads.size() && heads.get(nextHead).size() == tree.size()) {
                TreeHead head = heads.get(nextHead++);
                if (!MessageDigest.isEqual(tree.root(), head.root())) {
                    return new Result(Status.ROOT_MISMATCH, lastGood + 1, head.size(), expected - start, lastGood,
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
                return new Result(Status.ENTRY_REMOVED, end + 1, end + 1, entries, lastGood, "the export ends at entry "
                        + end + " but the signed head of size " + beyond.size() + " covers more: entries from "
                        + (end + 1) + " were removed (or export up to a head's size)");
            }
        }
        if (lastGood == start) {
            return new Result(Status.ROOT_MISMATCH, 0, 0, entries, lastGood, "no signed head ends inside entries "
                    + (start + 1) + ".." + end + ": nothing proves them; give a head of a size in that range");
        }
        return new Result(Status.INTACT, 0, 0, entries, lastGood, entries + " entries (" + (start + 1) + ".." + end
                + ") verified; entries up to " + lastGood + " match a signed root"
                + (end > lastGood ? "; the " + (end - lastGood) + " after it are not covered by a given head" : ""));
    }

    private static Result entry(Status status, long seq, long checked, String message) {
        return new Result(status, seq, seq, checked, 0, message);
    }

    /** NDJSON lines with a bounded look-ahead. */
    private static final class Lines {
        private final BufferedReader in;
        private final Deque<JsonNode> ahead = new ArrayDeque<>();
        long number;

        Lines(BufferedReader in) {
            this.in = in;
        }

        JsonNode peek() throws IOException {
            if (ahead.isEmpty()) {
                JsonNode n = read();
                if (n == null) {
                    return null;
                }
                ahead.add(n);
            }
            return ahead.peekFirst();
        }

        JsonNode next() throws IOException {
            number++;
            return ahead.isEmpty() ? read() : ahead.pollFirst();
        }

        boolean aheadHas(long sequence) throws IOException {
            for (JsonNode n : ahead) {
                if (n.path("sequence").asLong(-1) == sequence) {
                    return true;
                }
            }
            while (ahead.size() < LOOK_AHEAD) {
                JsonNode n = read();
                if (n == null) {
                    return false;
                }
                ahead.add(n);
                if (n.path("sequence").asLong(-1) == sequence) {
                    return true;
                }
            }
            return false;
        }

        private JsonNode read() throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    return null;
                }
            } while (line.isBlank());
            try {
                return MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                return MAPPER.createObjectNode().put("unparsable", true);
            }
        }
    }
}
