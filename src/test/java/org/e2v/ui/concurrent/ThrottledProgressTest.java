package org.e2v.ui.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.e2v.common.Progress;
import org.junit.jupiter.api.Test;

class ThrottledProgressTest {
    private final AtomicLong nowNanos = new AtomicLong(5_000_000_000L);
    private final List<Progress> published = new ArrayList<>();
    private final ThrottledProgress sink = new ThrottledProgress(nowNanos::get, 100_000_000L, published::add);

    @Test
    void firstReportPassesImmediately() {
        sink.report("embed", 1, 1000);
        assertThat(published).extracting(Progress::done).containsExactly(1L);
    }

    @Test
    void thousandReportsInOneSecondGiveElevenUpdates() {
        // one report per millisecond for one second: updates at 0, 100, ..., 1000 ms
        for (int i = 0; i <= 1000; i++) {
            sink.report("embed", i, 1000);
            nowNanos.addAndGet(1_000_000L);
        }
        assertThat(published).hasSize(11);
        assertThat(published).extracting(Progress::done).containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L,
                700L, 800L, 900L, 1000L);
    }

    @Test
    void flushDeliversTheLatestHeldBackReportOnce() {
        sink.report("extract", 1, 10);
        nowNanos.addAndGet(10_000_000L);
        sink.report("extract", 2, 10);
        sink.report("extract", 3, 10);
        assertThat(published).hasSize(1);
        sink.flush();
        sink.flush();
        assertThat(published).extracting(Progress::done).containsExactly(1L, 3L);
    }

    @Test
    void flushWithNothingHeldBackPublishesNothing() {
        sink.report("extract", 1, 10);
        sink.flush();
        assertThat(published).hasSize(1);
    }

    @Test
    void concurrentReportersNeverExceedTheRate() throws InterruptedException {
        List<Progress> out = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong clock = new AtomicLong();
        ThrottledProgress shared = new ThrottledProgress(clock::get, 100, out::add);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 5000; i++) {
                    shared.report("x", clock.incrementAndGet(), -1);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        // 20000 clock ticks at one report per 100 ticks: at most 20000/100 + 1 reports
        assertThat(out.size()).isBetween(1, 201);
    }
}
