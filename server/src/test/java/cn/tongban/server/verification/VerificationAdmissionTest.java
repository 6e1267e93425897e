package cn.tongban.server.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/** Bounded concurrency and memory for verifications and stamps, and timeouts that give a slot back only at the end. */
class VerificationAdmissionTest {

    final ExecutorService pool = Executors.newCachedThreadPool();
    final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        callers.shutdownNow();
    }

    static VerificationProperties props(int slots, int queue, Duration wait, Duration timeout, long budgetMb) {
        return new VerificationProperties(
                null,
                DataSize.ofMegabytes(10),
                timeout,
                slots,
                queue,
                wait,
                DataSize.ofMegabytes(budgetMb),
                DataSize.ofMegabytes(64),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                null,
                null);
    }

    @Test
    void aRequestThatFindsNoFreeSlotInTimeIs503BusyWithRetryAfter() throws Exception {
        VerificationAdmission admission =
                new VerificationAdmission(props(1, 8, Duration.ofMillis(200), Duration.ofSeconds(10), 1024), pool);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> admission.run("Verification", () -> {
                    running.countDown();
                    release.await();
                    return "first";
                }),
                callers);
        running.await(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> admission.run("Verification", () -> "second"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_BUSY);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(admission.run("Verification", () -> "third")).isEqualTo("third");
        assertThat(admission.inUse()).isZero();
    }

    @Test
    void theMemoryBudgetLimitsHowManyRunAtOnceBelowTheSlots() throws Exception {
        // four slots, but 128 MB of budget at 64 MB each: two at once
        VerificationAdmission admission =
                new VerificationAdmission(props(4, 8, Duration.ofMillis(200), Duration.ofSeconds(10), 128), pool);
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            CompletableFuture.runAsync(
                    () -> admission.run("Verification", () -> {
                        running.countDown();
                        release.await();
                        return null;
                    }),
                    callers);
        }
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(admission.memoryInUseMiB()).isEqualTo(128);
        assertThatThrownBy(() -> admission.run("Verification", () -> "third"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_BUSY));
        assertThat(admission.inUse()).as("the refused one gave its slot back").isEqualTo(2);
        release.countDown();
    }

    @Test
    void moreWaitingThanTheQueueAreRefusedAtOnce() throws Exception {
        VerificationAdmission admission =
                new VerificationAdmission(props(1, 0, Duration.ofSeconds(5), Duration.ofSeconds(10), 1024), pool);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture.runAsync(
                () -> admission.run("Verification", () -> {
                    running.countDown();
                    release.await();
                    return null;
                }),
                callers);
        running.await(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        assertThatThrownBy(() -> admission.run("Verification", () -> "x")).isInstanceOf(ApiException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        release.countDown();
    }

    @Test
    void workPastItsTimeoutIsInterruptedAndItsSlotComesBackWhenItStops() throws Exception {
        VerificationAdmission admission =
                new VerificationAdmission(props(1, 8, Duration.ofMillis(100), Duration.ofMillis(300), 1024), pool);
        AtomicBoolean interrupted = new AtomicBoolean();
        assertThatThrownBy(() -> admission.run("Verification", () -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                    return null;
                }))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_TIMEOUT);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        waitUntil(() -> admission.inUse() == 0);
        assertThat(interrupted).isTrue();
        assertThat(admission.overdue()).isZero();
        assertThat(admission.run("Verification", () -> "next")).isEqualTo("next");
    }

    @Test
    void workThatIgnoresTheInterruptKeepsItsSlotSoRunawaysCannotPileUp() throws Exception {
        VerificationAdmission admission =
                new VerificationAdmission(props(1, 8, Duration.ofMillis(100), Duration.ofMillis(200), 1024), pool);
        AtomicBoolean stop = new AtomicBoolean();
        assertThatThrownBy(() -> admission.run("Verification", () -> {
                    while (!stop.get()) {
                        Thread.onSpinWait(); // a parser that never looks at its interrupt flag
                    }
                    return null;
                }))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_TIMEOUT));
        assertThat(admission.overdue()).isEqualTo(1);
        assertThat(admission.inUse()).isEqualTo(1);
        assertThatThrownBy(() -> admission.run("Verification", () -> "more"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_BUSY));
        stop.set(true);
        waitUntil(() -> admission.inUse() == 0);
        assertThat(admission.overdue()).isZero();
    }

    @Test
    void aCallerInterruptedBeforeItsWorkStartedGivesItsSlotBack() throws Exception {
        ExecutorService busyThread = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch release = new CountDownLatch(1);
            busyThread.submit(() -> release.await(10, TimeUnit.SECONDS)); // the only thread is taken elsewhere
            VerificationAdmission admission = new VerificationAdmission(
                    props(1, 8, Duration.ofMillis(100), Duration.ofSeconds(30), 1024), busyThread);
            AtomicBoolean answered = new AtomicBoolean();
            Thread caller = new Thread(() -> {
                try {
                    admission.run("Verification", () -> "never");
                } catch (ApiException e) {
                    answered.set(e.code() == ErrorCode.VERIFICATION_TIMEOUT);
                }
            });
            caller.start();
            waitUntil(() -> admission.inUse() == 1);
            caller.interrupt();
            caller.join(5_000);
            assertThat(answered).isTrue();
            release.countDown();
            waitUntil(() -> admission.inUse() == 0);
            assertThat(admission.memoryInUseMiB()).isZero();
        } finally {
            busyThread.shutdownNow();
        }
    }

    @Test
    void theWorksOwnExceptionsPassThrough() {
        VerificationAdmission admission =
                new VerificationAdmission(props(1, 8, Duration.ofMillis(100), Duration.ofSeconds(5), 1024), pool);
        assertThatThrownBy(() -> admission.run("Stamping", () -> {
                    throw new IllegalArgumentException("page 9 is not in the document");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page 9 is not in the document");
        assertThat(admission.inUse()).isZero();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
