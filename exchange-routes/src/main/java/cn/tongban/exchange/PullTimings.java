package cn.tongban.exchange;

import java.util.Locale;

/**
 * Where one pull's time went: {@link System#nanoTime()} marks set as it passes the route's steps (the caller
 * marks the start and the end). A mark never set stays 0 — the pull ended before that step — and its step is
 * left out of {@link #breakdown()}.
 */
public final class PullTimings {

    /** The timings of a pull nobody is timing: its marks are not kept. */
    static final PullTimings NONE = new PullTimings(0, false);

    private final long received;
    private final boolean kept;
    private long started;
    volatile long authorised;
    volatile long answered;
    volatile long journalStarted;
    volatile long journalled;
    private long ended;

    /** @param received when the request arrived ({@code System.nanoTime()}), before the route began */
    public PullTimings(long received) {
        this(received, true);
    }

    private PullTimings(long received, boolean kept) {
        this.received = received;
        this.kept = kept;
    }

    void markAuthorised() {
        if (kept) {
            authorised = System.nanoTime();
        }
    }

    /** The provider step ended (answered, failed, timed out or refused); once, and only after authorising. */
    void markAnswered() {
        if (kept && authorised != 0 && answered == 0) {
            answered = System.nanoTime();
        }
    }

    void markJournalStarted() {
        if (kept) {
            journalStarted = System.nanoTime();
        }
    }

    void markJournalled() {
        if (kept) {
            journalled = System.nanoTime();
        }
    }

    public PullTimings started(long nanos) {
        this.started = nanos;
        return this;
    }

    public PullTimings ended(long nanos) {
        this.ended = nanos;
        return this;
    }

    /** Milliseconds from the request's arrival to the end. */
    public double totalMillis() {
        return millis(received, ended);
    }

    /**
     * The steps in milliseconds, e.g. {@code before the route 0.9, authorise 0.2, provider 48.1, check and mask
     * 0.3, access log 2.0, after 0.1}: "before the route" is the web layer (filters, authentication, reading and
     * validating the body); "provider" includes a wait for the bulkhead or a pooled connection; "access log" is
     * the wait for the entry to become durable.
     */
    public String breakdown() {
        StringBuilder b = new StringBuilder();
        step(b, "before the route", received, started);
        step(b, "authorise", started, authorised);
        step(b, "provider", authorised, answered);
        step(b, "check and mask", answered, journalStarted);
        step(b, "access log", journalStarted, journalled);
        step(b, "after", last(), ended);
        return b.toString();
    }

    private long last() {
        long t = started;
        for (long m : new long[] {authorised, answered, journalStarted, journalled}) {
            if (m != 0) {
                t = m;
            }
        }
        return t;
    }

    private static void step(StringBuilder b, String name, long from, long to) {
        if (from == 0 || to == 0) {
            return;
        }
        if (b.length() > 0) {
            b.append(", ");
        }
        b.append(name).append(' ').append(String.format(Locale.ROOT, "%.1f", millis(from, to)));
    }

    private static double millis(long from, long to) {
        return (to - from) / 1e6;
    }
}
