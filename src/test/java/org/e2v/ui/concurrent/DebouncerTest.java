package org.e2v.ui.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DebouncerTest {
    /** A scheduler driven by hand: {@link #advance} runs what is due. */
    static final class ManualScheduler implements Debouncer.Scheduler {
        long nowMillis;
        final List<long[]> due = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();
        final List<boolean[]> cancelled = new ArrayList<>();

        @Override
        public Debouncer.Scheduled schedule(Runnable task, long delayMillis) {
            boolean[] c = {false};
            due.add(new long[] {nowMillis + delayMillis});
            tasks.add(task);
            cancelled.add(c);
            return () -> c[0] = true;
        }

        void advance(long millis) {
            nowMillis += millis;
            for (int i = 0; i < tasks.size(); i++) {
                if (!cancelled.get(i)[0] && due.get(i)[0] <= nowMillis) {
                    cancelled.get(i)[0] = true;
                    tasks.get(i).run();
                }
            }
        }
    }

    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicInteger runs = new AtomicInteger();
    private final Debouncer debouncer = new Debouncer(scheduler, 1000, runs::incrementAndGet);

    @Test
    void burstOfTriggersRunsOnceAfterTheQuietPeriod() {
        for (int i = 0; i < 5; i++) {
            debouncer.trigger();
            scheduler.advance(300);
        }
        assertThat(runs).hasValue(0);
        scheduler.advance(699);
        assertThat(runs).hasValue(0);
        scheduler.advance(1);
        assertThat(runs).hasValue(1);
        assertThat(debouncer.isPending()).isFalse();
        scheduler.advance(5000);
        assertThat(runs).hasValue(1);
    }

    @Test
    void cancelPendingPreventsTheRun() {
        debouncer.trigger();
        assertThat(debouncer.cancelPending()).isTrue();
        scheduler.advance(2000);
        assertThat(runs).hasValue(0);
        assertThat(debouncer.cancelPending()).isFalse();
    }

    @Test
    void runSupersededByALaterTriggerIsSkipped() {
        // the first run's cancel comes too late (it already started): it must not run the action
        List<Runnable> captured = new ArrayList<>();
        Debouncer d = new Debouncer((task, delay) -> {
            captured.add(task);
            return () -> { };
        }, 10, runs::incrementAndGet);
        d.trigger();
        d.trigger();
        captured.get(0).run();
        assertThat(runs).hasValue(0);
        assertThat(d.isPending()).isTrue();
        captured.get(1).run();
        assertThat(runs).hasValue(1);
    }
}
