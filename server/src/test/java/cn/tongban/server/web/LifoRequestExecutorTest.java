package cn.tongban.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request executor of {@link RequestExecutorConfig} with its {@link LifoHandoffQueue}, on real threads. */
class LifoRequestExecutorTest {

    private ThreadPoolExecutor pool;

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).as("every thread ended").isTrue();
    }

    @Test
    void requestsOneAfterAnotherRunOnTheThreadThatWasIdleLast() throws Exception {
        pool = RequestExecutorConfig.create(4, 4, 60, "t-");
        pool.prestartAllCoreThreads();
        LifoHandoffQueue queue = (LifoHandoffQueue) pool.getQueue();
        awaitIdle(queue, 4);
        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 20; i++) {
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(() -> {
                ranOn.add(Thread.currentThread().getName());
                done.countDown();
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            awaitIdle(queue, 4);   // the thread is back waiting before the next request comes
        }
        // a first-in-first-out pool would have used all four threads in turn
        assertThat(ranOn).hasSize(1);
    }

    @Test
    void whenEveryThreadIsBusyTheExecutorGrowsUpToItsMaximumThenQueuesInArrivalOrder() throws Exception {
        pool = RequestExecutorConfig.create(1, 2, 60, "t-");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothRunning = new CountDownLatch(2);
        Runnable blocker = () -> {
            bothRunning.countDown();
            await(release);
        };
        pool.execute(blocker);
        pool.execute(blocker);
        assertThat(bothRunning.await(5, TimeUnit.SECONDS)).as("a second thread was started for the second task").isTrue();
        assertThat(pool.getPoolSize()).isEqualTo(2);

        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch allDone = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            int n = i;
            pool.execute(() -> {
                order.add(n);
                allDone.countDown();
            });
        }
        assertThat(pool.getPoolSize()).as("no thread beyond the maximum").isEqualTo(2);
        assertThat(pool.getQueue()).hasSize(5);
        release.countDown();
        assertThat(allDone.await(5, TimeUnit.SECONDS)).as("queued tasks all ran").isTrue();
        assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(order.get(0)).isIn(0, 1);   // two threads take from the head of the queue
    }

    @Test
    void threadsBeyondTheMinimumEndWhenIdleForTheKeepAlive() throws Exception {
        pool = RequestExecutorConfig.create(1, 3, 200, TimeUnit.MILLISECONDS, "t-");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> {
                running.countDown();
                await(release);
            });
        }
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.getPoolSize() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pool.getPoolSize()).isEqualTo(1);
        // and the pool still works afterwards
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void noTaskIsLostWhenManyThreadsSubmitAtOnce() throws Exception {
        pool = RequestExecutorConfig.create(2, 8, 60, "t-");
        int submitters = 8;
        int each = 5_000;
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(submitters * each);
        Thread[] threads = new Thread[submitters];
        for (int s = 0; s < submitters; s++) {
            threads[s] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    pool.execute(() -> {
                        ran.incrementAndGet();
                        all.countDown();
                    });
                }
            });
            threads[s].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).as("ran %d of %d", ran.get(), submitters * each).isTrue();
        assertThat(pool.getPoolSize()).isLessThanOrEqualTo(8);
    }

    @Test
    void afterShutdownIdleThreadsEndAndNewTasksAreRefused() throws Exception {
        pool = RequestExecutorConfig.create(3, 3, 60, "t-");
        pool.prestartAllCoreThreads();
        awaitIdle((LifoHandoffQueue) pool.getQueue(), 3);
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).as("idle threads were woken and ended").isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.execute(() -> { }))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    private static void awaitIdle(LifoHandoffQueue queue, int threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (queue.idleThreads() < threads) {
            assertThat(System.nanoTime()).as("%d threads idle", threads).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
