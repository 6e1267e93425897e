package cn.tongban.server.verification;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/**
 * Admission control for the work a client's document costs: verifications ({@code POST /api/v1/verifications}, the
 * e-licence step of a proof request) and stamps. However many such requests arrive at once, at most
 * {@link VerificationProperties#threads()} run, each holding {@link VerificationProperties#memoryPerVerification()}
 * of a {@link VerificationProperties#effectiveMemoryBudget() memory budget}, so hostile documents cannot take the
 * heap (and with it the pulls, the access log and the demo departments) from the rest of the server. A request that
 * finds no slot within {@code queue-wait}, or finds {@code queue} requests already waiting, is refused at once with
 * 503 {@code VERIFICATION_BUSY} and {@code Retry-After}.
 *
 * <p><b>Cancellation.</b> Work that exceeds {@code timeout} is answered with 503 {@code VERIFICATION_TIMEOUT} and its
 * thread is interrupted. Its slot and memory stay taken until the work has really ended, so work that ignores the
 * interrupt cannot pile up beyond the limit: it only keeps its own slot. The verifier does not poll a deadline of
 * its own (its only timeouts are the OCSP/CRL fetches, {@code revocation-timeout}); the parser budgets in
 * license-verify are where it should check {@code Thread.currentThread().isInterrupted()} and stop with
 * FORMAT_FAILURE, so that an interrupted verification also gives back its CPU at once.
 */
public final class VerificationAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationAdmission.class);
    private static final int MIB = 1024 * 1024;

    private final ExecutorService executor;
    private final Semaphore slots;
    private final Semaphore memory;
    private final int perRequestMiB;
    private final int maxWaiting;
    private final long queueWaitNanos;
    private final long timeoutMillis;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger overdue = new AtomicInteger();
    private final AtomicInteger executing = new AtomicInteger();
    private final int totalSlots;
    private final int totalMiB;

    public VerificationAdmission(VerificationProperties props, ExecutorService executor) {
        this.executor = executor;
        this.totalSlots = props.threads();
        this.slots = new Semaphore(totalSlots, true);
        this.perRequestMiB = (int) Math.max(1, props.memoryPerVerification().toBytes() / MIB);
        this.totalMiB = (int) Math.max(
                perRequestMiB,
                Math.min(Integer.MAX_VALUE, props.effectiveMemoryBudget().toBytes() / MIB));
        this.memory = new Semaphore(totalMiB, true);
        this.maxWaiting = props.queue();
        this.queueWaitNanos = props.queueWait().toNanos();
        this.timeoutMillis = props.timeout().toMillis();
        LOG.info(
                "Verifications and stamps: {} at once, {} MiB each of a {} MiB budget ({} at once by memory),"
                        + " {} waiting up to {} ms, {} ms each",
                totalSlots,
                perRequestMiB,
                totalMiB,
                totalMiB / perRequestMiB,
                maxWaiting,
                props.queueWait().toMillis(),
                timeoutMillis);
    }

    /**
     * Runs {@code work} on a verification thread once admitted and returns its result; an {@link ApiException} or
     * other runtime exception it throws is rethrown as is.
     *
     * @throws ApiException {@code VERIFICATION_BUSY} when not admitted in time, {@code VERIFICATION_TIMEOUT} when the
     *                      work takes longer than the timeout
     */
    public <T> T run(String what, Callable<T> work) {
        admit(what);
        // 0 admitted, not started; 1 running (its own finally releases); 2 abandoned before it started;
        // 3 running past its timeout; 4 ended
        AtomicInteger state = new AtomicInteger();
        Future<T> running;
        try {
            running = executor.submit(() -> {
                if (!state.compareAndSet(0, 1)) {
                    return null;
                }
                executing.incrementAndGet();
                try {
                    return work.call();
                } finally {
                    executing.decrementAndGet();
                    if (state.getAndSet(4) == 3) {
                        overdue.decrementAndGet();
                    }
                    release();
                }
            });
        } catch (RejectedExecutionException e) {
            release();
            throw busy(what);
        }
        try {
            return running.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(state, running);
            throw new ApiException(
                    ErrorCode.VERIFICATION_TIMEOUT,
                    what + " did not finish within "
                            + TimeUnit.MILLISECONDS.toSeconds(timeoutMillis) + " s; retry later"
                            + (what.startsWith("Verification") ? " or with revocation=false" : ""),
                    java.util.List.of(),
                    retryAfterSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(state, running);
            throw new ApiException(ErrorCode.VERIFICATION_TIMEOUT, what + " was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof OutOfMemoryError) {
                // only without -XX:+ExitOnOutOfMemoryError; the budgets inside the verifier should make this rare
                LOG.error("{} ran out of memory; its document is beyond the server's budgets", what);
                throw new ApiException(
                        ErrorCode.VERIFICATION_BUSY,
                        what + " needs more memory than the server" + " grants one document",
                        java.util.List.of(),
                        retryAfterSeconds());
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + " failed unexpectedly", cause);
        }
    }

    /**
     * The caller stops waiting for {@code running}. Work that has not started gives its slot back here (it will not
     * run: its wrapper sees state 2); work that runs is interrupted and gives its slot back in its own finally.
     * Cancelling a task that has not started would skip that finally, so it is never cancelled, only abandoned.
     */
    private void abandon(AtomicInteger state, Future<?> running) {
        if (state.compareAndSet(0, 2)) {
            release();
            return;
        }
        overdue.incrementAndGet();
        if (!state.compareAndSet(1, 3)) {
            overdue.decrementAndGet(); // it ended just now
        }
        running.cancel(true);
    }

    private void admit(String what) {
        long deadline = System.nanoTime() + queueWaitNanos;
        boolean slot = false;
        try {
            if (!slots.tryAcquire()) {
                if (waiting.incrementAndGet() > maxWaiting) {
                    waiting.decrementAndGet();
                    throw busy(what);
                }
                try {
                    if (!slots.tryAcquire(queueWaitNanos, TimeUnit.NANOSECONDS)) {
                        throw busy(what);
                    }
                } finally {
                    waiting.decrementAndGet();
                }
            }
            slot = true;
            if (!memory.tryAcquire(perRequestMiB, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                slots.release();
                throw busy(what);
            }
        } catch (InterruptedException e) {
            if (slot) {
                slots.release();
            }
            Thread.currentThread().interrupt();
            throw busy(what);
        }
    }

    private void release() {
        memory.release(perRequestMiB);
        slots.release();
    }

    private ApiException busy(String what) {
        return new ApiException(
                ErrorCode.VERIFICATION_BUSY,
                "Too many verifications and stamps are running (" + what + " not admitted); retry shortly",
                java.util.List.of(),
                retryAfterSeconds());
    }

    /** A hint: about one timeout, the longest a slot stays taken by work that finishes. */
    private long retryAfterSeconds() {
        return Math.max(1, Math.min(TimeUnit.MILLISECONDS.toSeconds(timeoutMillis), 10));
    }

    /** Slots taken now: by running work (including work past its timeout) and by requests waiting for memory. */
    public int inUse() {
        return totalSlots - slots.availablePermits();
    }

    /** Work executing now (admitted with its slot and memory, including work past its timeout). */
    public int running() {
        return executing.get();
    }

    /** Work answered as timed out that has not ended yet. */
    public int overdue() {
        return overdue.get();
    }

    public int slots() {
        return totalSlots;
    }

    /** MiB of the memory budget reserved now. */
    public int memoryInUseMiB() {
        return totalMiB - memory.availablePermits();
    }
}
