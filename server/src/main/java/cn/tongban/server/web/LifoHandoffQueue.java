package cn.tongban.server.web;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The work queue of the request executor: a new task goes to the thread that became idle <em>most recently</em>
 * (last in, first out), where a plain blocking queue wakes the one idle longest.
 *
 * <p>Why: with Tomcat's pool, at 500 pulls/s all 44 request threads took turns (each 1/44 of the work), so every
 * request started on a thread whose stack and caches had gone cold, and a pull cost 2.5–4× the server CPU it costs
 * when the same threads stay busy (docs/PERFORMANCE.md, "Exchange pull", eighth pass). Handing work to the most
 * recently idle thread keeps a few threads warm at any steady rate, while the pool can still grow to its maximum for
 * a burst or for calls stuck on a slow provider; threads at the bottom of the idle stack are the ones that time out.
 *
 * <p>Semantics for the executor: {@link #offer} hands the task to an idle thread if there is one; otherwise it declines
 * while {@code mayStartThread} says the pool may still grow (the executor then starts a thread for the task), and
 * queues it when the pool is full. {@link #force} queues unconditionally (the executor's rejection path, when the
 * pool filled up in between). An idle thread takes queued tasks first, in arrival order.
 */
public final class LifoHandoffQueue extends AbstractQueue<Runnable> implements BlockingQueue<Runnable> {

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        volatile Runnable task;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    /** Idle threads, the most recently idle first. */
    private final ArrayDeque<Waiter> idle = new ArrayDeque<>();
    private volatile BooleanSupplier mayStartThread = () -> false;

    /** The executor's "the pool is below its maximum" (set once the executor exists). */
    public void mayStartThreadWhen(BooleanSupplier condition) {
        this.mayStartThread = condition;
    }

    @Override
    public boolean offer(Runnable task) {
        return enqueue(task, false);
    }

    /** Queues the task whatever the pool's size (or hands it to an idle thread). */
    public void force(Runnable task) {
        enqueue(task, true);
    }

    private boolean enqueue(Runnable task, boolean force) {
        if (task == null) {
            throw new NullPointerException();
        }
        lock.lock();
        try {
            Waiter w = idle.pollFirst();
            if (w != null) {
                w.task = task;
                LockSupport.unpark(w.thread);
                return true;
            }
            if (!force && mayStartThread.getAsBoolean()) {
                return false;
            }
            tasks.addLast(task);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(Runnable task) {
        force(task);
    }

    @Override
    public boolean offer(Runnable task, long timeout, TimeUnit unit) {
        return offer(task);
    }

    @Override
    public Runnable take() throws InterruptedException {
        return await(Long.MAX_VALUE, false);
    }

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
        return await(unit.toNanos(timeout), true);
    }

    private Runnable await(long nanos, boolean timed) throws InterruptedException {
        Waiter w;
        lock.lock();
        try {
            Runnable queued = tasks.pollFirst();
            if (queued != null || (timed && nanos <= 0)) {
                return queued;
            }
            w = new Waiter();
            idle.addFirst(w);
        } finally {
            lock.unlock();
        }
        long deadline = timed ? System.nanoTime() + nanos : 0;
        while (w.task == null) {
            boolean interrupted = Thread.interrupted();
            long left = timed ? deadline - System.nanoTime() : 1;
            if (interrupted || left <= 0) {
                lock.lock();
                try {
                    if (w.task == null) {
                        idle.removeFirstOccurrence(w);
                    }
                } finally {
                    lock.unlock();
                }
                if (w.task != null) {
                    // handed a task while leaving: run it; keep the interrupt for the executor to see
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return w.task;
                }
                if (interrupted) {
                    throw new InterruptedException();
                }
                return null;
            }
            if (timed) {
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
        }
        return w.task;
    }

    @Override
    public Runnable poll() {
        lock.lock();
        try {
            return tasks.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Runnable peek() {
        lock.lock();
        try {
            return tasks.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return tasks.size();
        } finally {
            lock.unlock();
        }
    }

    /** Idle threads waiting for work (for tests and diagnostics). */
    int idleThreads() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean remove(Object o) {
        lock.lock();
        try {
            return tasks.remove(o);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super Runnable> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super Runnable> c, int maxElements) {
        lock.lock();
        try {
            int n = 0;
            while (n < maxElements && !tasks.isEmpty()) {
                c.add(tasks.pollFirst());
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the queued tasks. */
    @Override
    public Iterator<Runnable> iterator() {
        List<Runnable> snapshot;
        lock.lock();
        try {
            snapshot = new ArrayList<>(tasks);
        } finally {
            lock.unlock();
        }
        return java.util.Collections.unmodifiableList(snapshot).iterator();
    }
}
