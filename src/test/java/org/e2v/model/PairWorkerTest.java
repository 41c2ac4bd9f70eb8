package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PairWorkerTest {
    @Test
    void everyRowRunsExactlyOnceOverManyHandOvers() {
        try (PairWorker worker = new PairWorker()) {
            for (int n = 0; n <= 41; n++) {
                int[] hits = new int[n];
                Set<String> threads = ConcurrentHashMap.newKeySet();
                for (int round = 0; round < 50; round++) {
                    worker.run(n, (from, to) -> {
                        threads.add(Thread.currentThread().getName());
                        for (int i = from; i < to; i++) {
                            hits[i]++; // rows are disjoint between the two threads
                        }
                    });
                }
                for (int i = 0; i < n; i++) {
                    assertThat(hits[i]).as("row %d of %d", i, n).isEqualTo(50);
                }
                if (n >= 2 && Runtime.getRuntime().availableProcessors() > 1) {
                    assertThat(threads).contains("e2v-rows-helper", Thread.currentThread().getName());
                }
            }
        }
    }

    @Test
    void aFailureInEitherHalfReachesTheCallerAndTheWorkerStaysUsable() {
        try (PairWorker worker = new PairWorker()) {
            assertThatThrownBy(() -> worker.run(10, (from, to) -> {
                if (from > 0) {
                    throw new IllegalStateException("helper half failed");
                }
            })).hasMessage("helper half failed");
            assertThatThrownBy(() -> worker.run(10, (from, to) -> {
                if (from == 0) {
                    throw new IllegalArgumentException("caller half failed");
                }
            })).hasMessage("caller half failed");
            int[] sum = new int[1];
            worker.run(4, (from, to) -> {
                synchronized (sum) {
                    sum[0] += to - from;
                }
            });
            assertThat(sum[0]).isEqualTo(4);
        }
    }

    @Test
    void anIdleHelperEndsItselfAndIsStartedAgainWhenNeeded() throws InterruptedException {
        PairWorker worker = new PairWorker(50_000_000L);
        worker.run(4, (from, to) -> { });
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(worker.helperRunning()).isTrue();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (worker.helperRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(worker.helperRunning()).isFalse();
        int[] count = new int[1];
        worker.run(6, (from, to) -> {
            synchronized (count) {
                count[0] += to - from;
            }
        });
        assertThat(count[0]).isEqualTo(6);
        worker.close();
        deadline = System.nanoTime() + 5_000_000_000L;
        while (worker.helperRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(worker.helperRunning()).isFalse();
        // after close the rows still run, on the caller's thread
        worker.run(3, (from, to) -> assertThat(Thread.currentThread().getName()).isNotEqualTo("e2v-rows-helper"));
    }
}
