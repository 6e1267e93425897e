package cn.tongban.catalog.search;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.catalog.ResourceClass;
import cn.tongban.catalog.ResourceQuery;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.SharingType;

/**
 * The catalogue's search index, in memory: for every resource its code, stored search text (lower-cased code,
 * name and abstract), lower-cased name and the filter attributes, in code order, with a posting list per
 * character, so a word is matched by checking only the resources that hold its rarest characters. Posting lists
 * of adjacent character pairs are built on first use and kept with the snapshot: a word of common characters,
 * such as 信用 among resources whose names end in 信息 and whose abstracts say 使用, is rare as a pair.
 *
 * <p>Why not the database: substring search ("every word occurs in code, name or abstract", Chinese words of one or
 * two characters included) cannot use a B-tree, and PostgreSQL's trigram index neither serves words under three
 * characters nor comes cheap — it cost ~100 GIN entries per imported resource (docs/PERFORMANCE.md "Catalogue").
 * A catalogue of 100,000 resources fits in ~40 MB here and answers in well under a millisecond per query.
 *
 * <p>Freshness: the database stays the truth. Before each search the index applies what changed since it last
 * looked: resources this process wrote ({@link #touched}) and every resource named by a {@code catalogue_change}
 * row it has not applied yet — so a change made through another cluster member is visible on the next search
 * everywhere. Change ids are not committed in id order (a transaction that took id 104 may commit after one that
 * took 105), so ids skipped over stay on a watch list for {@link #GAP_PATIENCE} before they are given up as
 * rolled back. Thread-safe.
 */
public final class SearchIndex {

    /** How long an id skipped in catalogue_change is watched for a late commit. */
    static final Duration GAP_PATIENCE = Duration.ofMinutes(2);

    /** One indexed resource. */
    record Entry(
            String code,
            String text,
            String nameLower,
            String provider,
            SharingType sharing,
            ResourceStatus status,
            ResourceClass classification) {}

    /** An immutable view: entries in code order and, per character, the positions of entries containing it. */
    /**
     * Besides the entries, their filter attributes as columns (provider number, enum ordinals): a filter-only
     * search reads a few primitive arrays instead of following a pointer per entry (a tenth of the time on 100,000).
     */
    private record Snapshot(
            Entry[] entries,
            Map<Character, int[]> postings,
            java.util.concurrent.ConcurrentHashMap<Integer, int[]> pairs,
            Map<String, Integer> providerIds,
            int[] provider,
            byte[] sharing,
            byte[] status,
            byte[] classification) {}

    private static final String SELECT =
            "SELECT code, name, provider_code, sharing_type, status, classification," + " search_text FROM resource";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Object lock = new Object();
    private final Set<String> touched = new HashSet<>(); // guarded by lock
    private final TreeMap<Long, Instant> gaps = new TreeMap<>(); // guarded by lock
    private TreeMap<String, Entry> byCode; // guarded by lock; null until loaded
    private long lastChange; // guarded by lock
    private volatile Snapshot snapshot;

    public SearchIndex(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    public SearchIndex(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Marks resources this process has just written, so the next search re-reads them. */
    public void touched(Collection<String> codes) {
        synchronized (lock) {
            touched.addAll(codes);
        }
    }

    /** Codes of every resource matching {@code q}, in code order. */
    public List<String> search(ResourceQuery q) {
        Snapshot s = refresh();
        Entry[] entries = s.entries();
        List<String> words = words(q.text());
        String prefix = blankToNull(q.codePrefix());
        String name = blankToNull(q.name()) == null ? null : q.name().strip().toLowerCase(Locale.ROOT);
        String provider = blankToNull(q.providerCode());
        int[] candidates = candidates(s, words, name);
        // Entries are in code order: a code prefix is one contiguous range, found by binary search.
        int from = 0;
        int to = entries.length;
        if (prefix != null) {
            from = firstAtOrAfter(entries, prefix);
            to = firstAtOrAfter(entries, prefix + Character.MAX_VALUE);
        }
        int providerId = provider == null ? NONE : s.providerIds().getOrDefault(provider, -2);
        if (providerId == -2) {
            return List.of(); // no resource of that provider
        }
        int sharing = ordinal(q.sharingType());
        int status = ordinal(q.status());
        int classification = ordinal(q.classification());
        List<String> out = new ArrayList<>();
        int n = candidates == null ? to : candidates.length;
        for (int k = candidates == null ? from : 0; k < n; k++) {
            int at = candidates == null ? k : candidates[k];
            if (at < from || at >= to) {
                continue;
            }
            if ((providerId != NONE && s.provider()[at] != providerId)
                    || (sharing != NONE && s.sharing()[at] != sharing)
                    || (status != NONE && s.status()[at] != status)
                    || (classification != NONE && s.classification()[at] != classification)) {
                continue;
            }
            Entry e = entries[at]; // [from, to) holds exactly the codes with the prefix
            if ((name == null || e.nameLower().contains(name)) && containsAll(e.text(), words)) {
                out.add(e.code());
            }
        }
        return out;
    }

    /** Number of resources indexed (after applying pending changes). */
    public int size() {
        return refresh().entries().length;
    }

    private static boolean containsAll(String text, List<String> words) {
        for (String w : words) {
            if (!text.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static final int NONE = -1;

    private static int ordinal(Enum<?> e) {
        return e == null ? NONE : e.ordinal();
    }

    /** Position of the first entry whose code is not below {@code code}. */
    private static int firstAtOrAfter(Entry[] entries, String code) {
        int lo = 0;
        int hi = entries.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries[mid].code().compareTo(code) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Positions to examine: the intersection of the two shortest posting lists among the words' characters and
     * adjacent character pairs (an entry holding every word holds all of them); null for all.
     */
    private static int[] candidates(Snapshot s, List<String> words, String name) {
        int[] best = null;
        int[] second = null;
        List<String> all = new ArrayList<>(words);
        if (name != null) {
            all.add(name); // the name is part of the search text, so its characters narrow too
        }
        List<int[]> lists = new ArrayList<>();
        for (String w : all) {
            for (int i = 0; i < w.length(); i++) {
                lists.add(s.postings().get(w.charAt(i)));
            }
        }
        for (String w : all) {
            for (int i = 0; i + 1 < w.length(); i++) {
                lists.add(pairPostings(s, w.charAt(i), w.charAt(i + 1)));
            }
        }
        for (int[] p : lists) {
            if (p == null) {
                return new int[0];
            }
            if (p == best || p == second) {
                continue;
            }
            if (best == null || p.length < best.length) {
                second = best;
                best = p;
            } else if (second == null || p.length < second.length) {
                second = p;
            }
        }
        return best == null || second == null || second.length > 8 * best.length ? best : intersect(best, second);
    }

    /** Both ascending: the positions in both. */
    private static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int n = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.asList(text.strip().toLowerCase(Locale.ROOT).split("\\s+"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Snapshot refresh() {
        synchronized (lock) {
            boolean changed = false;
            if (byCode == null) {
                // The change horizon first: a change committed while the rows load is applied again, harmlessly.
                lastChange = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM catalogue_change")
                        .query(Long.class)
                        .single();
                byCode = new TreeMap<>();
                jdbc.sql(SELECT).query(rs -> {
                    Entry e = entry(rs);
                    byCode.put(e.code(), e);
                });
                touched.clear();
                changed = true;
            } else {
                Set<String> codes = new HashSet<>(touched);
                touched.clear();
                codes.addAll(changedSinceLastLook());
                if (!codes.isEmpty()) {
                    reread(codes);
                    changed = true;
                }
            }
            if (changed || snapshot == null) {
                snapshot = build(byCode.values());
            }
            return snapshot;
        }
    }

    /** Resource codes of catalogue_change rows not applied yet, late commits into earlier gaps included. */
    private Set<String> changedSinceLastLook() {
        Instant now = clock.instant();
        gaps.values().removeIf(seen -> seen.plus(GAP_PATIENCE).isBefore(now));
        Long[] watched = gaps.keySet().toArray(Long[]::new);
        record Change(long id, String type, String code) {}
        List<Change> rows = jdbc.sql("SELECT id, entity_type, entity_code FROM catalogue_change WHERE id > ?"
                        + (watched.length == 0
                                ? ""
                                : " OR id IN (" + String.join(",", Collections.nCopies(watched.length, "?")) + ")")
                        + " ORDER BY id")
                .params(params(lastChange, watched))
                .query((rs, n) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
        Set<String> codes = new HashSet<>();
        for (Change c : rows) {
            gaps.remove(c.id());
            if (c.id() > lastChange) {
                for (long missing = lastChange + 1; missing < c.id() && gaps.size() < 10_000; missing++) {
                    gaps.put(missing, now);
                }
                lastChange = c.id();
            }
            if ("RESOURCE".equals(c.type())) {
                codes.add(c.code());
            }
        }
        return codes;
    }

    private static List<Object> params(long after, Long[] watched) {
        List<Object> p = new ArrayList<>(watched.length + 1);
        p.add(after);
        p.addAll(Arrays.asList(watched));
        return p;
    }

    private void reread(Set<String> codes) {
        Map<String, Entry> found = new HashMap<>();
        List<String> all = new ArrayList<>(codes);
        for (int from = 0; from < all.size(); from += 1000) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            jdbc.sql(SELECT + " WHERE code IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(chunk)
                    .query(rs -> {
                        Entry e = entry(rs);
                        found.put(e.code(), e);
                    });
        }
        for (String code : codes) {
            Entry e = found.get(code);
            if (e == null) {
                byCode.remove(code);
            } else {
                byCode.put(code, e);
            }
        }
    }

    private static Entry entry(ResultSet rs) throws java.sql.SQLException {
        String name = rs.getString("name");
        String text = rs.getString("search_text");
        return new Entry(
                rs.getString("code"),
                text == null ? "" : text,
                name == null ? "" : name.toLowerCase(Locale.ROOT),
                rs.getString("provider_code"),
                SharingType.valueOf(rs.getString("sharing_type")),
                ResourceStatus.valueOf(rs.getString("status")),
                ResourceClass.valueOf(rs.getString("classification")));
    }

    private static Snapshot build(Collection<Entry> inOrder) {
        Entry[] entries = inOrder.toArray(Entry[]::new);
        Map<Character, Integer> sizes = new HashMap<>();
        boolean[] seen = new boolean[Character.MAX_VALUE + 1];
        char[] distinct = new char[4600];
        // Two passes: count postings per character, then fill exact-size arrays (no boxing per posting).
        for (Entry e : entries) {
            int d = distinctChars(e.text(), seen, distinct);
            for (int i = 0; i < d; i++) {
                sizes.merge(distinct[i], 1, Integer::sum);
            }
        }
        Map<Character, int[]> postings = new HashMap<>(sizes.size() * 2);
        Map<Character, int[]> fill = new HashMap<>(sizes.size() * 2);
        sizes.forEach((c, n) -> {
            postings.put(c, new int[n]);
            fill.put(c, new int[1]);
        });
        for (int pos = 0; pos < entries.length; pos++) {
            int d = distinctChars(entries[pos].text(), seen, distinct);
            for (int i = 0; i < d; i++) {
                int[] at = fill.get(distinct[i]);
                postings.get(distinct[i])[at[0]++] = pos;
            }
        }
        Map<String, Integer> providerIds = new HashMap<>();
        int[] provider = new int[entries.length];
        byte[] sharing = new byte[entries.length];
        byte[] status = new byte[entries.length];
        byte[] classification = new byte[entries.length];
        for (int pos = 0; pos < entries.length; pos++) {
            Entry e = entries[pos];
            provider[pos] =
                    e.provider() == null ? -3 : providerIds.computeIfAbsent(e.provider(), k -> providerIds.size());
            sharing[pos] = (byte) ordinal(e.sharing());
            status[pos] = (byte) ordinal(e.status());
            classification[pos] = (byte) ordinal(e.classification());
        }
        return new Snapshot(
                entries,
                postings,
                new java.util.concurrent.ConcurrentHashMap<>(),
                providerIds,
                provider,
                sharing,
                status,
                classification);
    }

    /** The distinct characters of {@code text} into {@code out}; {@code seen} is all false before and after. */
    private static final int MAX_PAIRS = 20_000;

    /**
     * Ascending positions of the entries whose text holds {@code a} followed by {@code b}: on first use found among
     * the entries holding the rarer of the two characters, then kept with the snapshot. Null if a character is
     * in no entry.
     */
    private static int[] pairPostings(Snapshot s, char a, char b) {
        int key = (a << 16) | b;
        int[] known = s.pairs().get(key);
        if (known != null) {
            return known;
        }
        int[] pa = s.postings().get(a);
        int[] pb = s.postings().get(b);
        if (pa == null || pb == null) {
            return null;
        }
        int[] scan = pa.length <= pb.length ? pa : pb;
        String pair = new String(new char[] {a, b});
        int[] out = new int[scan.length];
        int n = 0;
        for (int pos : scan) {
            if (s.entries()[pos].text().contains(pair)) {
                out[n++] = pos;
            }
        }
        int[] list = Arrays.copyOf(out, n);
        if (s.pairs().size() < MAX_PAIRS) {
            s.pairs().put(key, list);
        }
        return list;
    }

    private static int distinctChars(String text, boolean[] seen, char[] out) {
        int d = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!seen[c]) {
                seen[c] = true;
                out[d++] = c;
            }
        }
        for (int i = 0; i < d; i++) {
            seen[out[i]] = false;
        }
        return d;
    }
}
