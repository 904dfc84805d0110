package dev.relaypool.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SerialWorkerTest {
    @Test
    void runsTasksInTheOrderGivenOnItsOwnThread() throws Exception {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (SerialWorker worker = new SerialWorker("test-worker", 1_000, SerialWorker.WhenFull.DROP)) {
            IntStream.range(0, 500).forEach(i -> worker.execute(() -> {
                ran.add(i);
                threads.add(Thread.currentThread().getName());
            }));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ran.size() < 500 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 500).boxed().toList());
        assertThat(threads).containsOnly("test-worker");
    }

    @Test
    void dropsAndCountsWhatDoesNotFitWhileBehindAndNeverBlocksTheCaller() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        try (SerialWorker worker = new SerialWorker("test-worker", 10, SerialWorker.WhenFull.DROP)) {
            worker.execute(() -> {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS); // a consumer stuck (a slow Redis, a slow disk)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue(); // taken off the queue, now stuck
            long start = System.nanoTime();
            IntStream.range(0, 25).forEach(i -> worker.execute(() -> ran.add(i)));
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
            assertThat(worker.dropped()).isEqualTo(15);
            release.countDown();
        } // closing runs what was queued
        assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
    }

    @Test
    void runHereLosesNothingWhileBehind() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (SerialWorker worker = new SerialWorker("test-worker", 10, SerialWorker.WhenFull.RUN_HERE)) {
            worker.execute(() -> {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            IntStream.range(0, 25).forEach(i -> worker.execute(() -> {
                ran.add(i);
                threads.add(Thread.currentThread().getName());
            }));
            assertThat(threads).hasSize(15).containsOnly(Thread.currentThread().getName()); // the 15 beyond the 10
            release.countDown();
        }
        assertThat(ran).hasSize(25).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 25).boxed().toList());
        assertThat(threads.stream().filter("test-worker"::equals)).hasSize(10);
    }

    @Test
    void aTaskGivenAfterCloseRunsOnTheCallersThread() {
        SerialWorker worker = new SerialWorker("test-worker", 10, SerialWorker.WhenFull.DROP);
        worker.close();
        List<String> threads = new CopyOnWriteArrayList<>();
        worker.execute(() -> threads.add(Thread.currentThread().getName()));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void afterBatchFollowsEachBatchOnTheWorkerAndEachTaskRunOnTheCaller() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        SerialWorker worker = new SerialWorker("test-worker", 100, SerialWorker.WhenFull.DROP, () -> log.add("flush"));
        worker.execute(() -> {
            running.countDown();
            try {
                gate.await(5, TimeUnit.SECONDS); // holds the worker so that the next three queue up together
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.add("first");
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        IntStream.range(0, 3).forEach(i -> worker.execute(() -> log.add("task " + i)));
        gate.countDown();
        while (!log.contains("task 2") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        worker.close();
        worker.execute(() -> log.add("after close"));

        assertThat(log).containsExactly("first", "flush", "task 0", "task 1", "task 2", "flush", "after close", "flush");
    }
}
