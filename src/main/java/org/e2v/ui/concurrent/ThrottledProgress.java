package org.e2v.ui.concurrent;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.e2v.common.Progress;
import org.e2v.common.ProgressSink;

/**
 * A {@link ProgressSink} that passes at most one report per interval downstream (about 10 per
 * second for the GUI), so a service reporting every step cannot flood the FX thread. The first
 * report goes through at once; reports in between are dropped except the latest, which
 * {@link #flush()} delivers when the call ends. Thread-safe; needs no FX toolkit.
 */
public final class ThrottledProgress implements ProgressSink {
    /** The GUI's update interval: 100 ms = 10 updates per second. */
    public static final long DEFAULT_INTERVAL_NANOS = 100_000_000L;

    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final Consumer<Progress> downstream;
    private final AtomicLong lastPublishedNanos = new AtomicLong();
    private final AtomicReference<Progress> pending = new AtomicReference<>();

    /**
     * @param nanoClock     monotonic clock ({@code System::nanoTime}; a fake one in tests)
     * @param intervalNanos minimum time between two downstream reports
     * @param downstream    receives the passed reports, on the reporting thread
     */
    public ThrottledProgress(LongSupplier nanoClock, long intervalNanos, Consumer<Progress> downstream) {
        this.nanoClock = Objects.requireNonNull(nanoClock);
        this.intervalNanos = intervalNanos;
        this.downstream = Objects.requireNonNull(downstream);
        // as if the last report went out one interval ago, so the first one passes at once
        this.lastPublishedNanos.set(nanoClock.getAsLong() - intervalNanos);
    }

    /** A sink throttled to the GUI's default rate on the system clock. */
    public static ThrottledProgress of(Consumer<Progress> downstream) {
        return new ThrottledProgress(System::nanoTime, DEFAULT_INTERVAL_NANOS, downstream);
    }

    @Override
    public void report(Progress progress) {
        pending.set(progress);
        long now = nanoClock.getAsLong();
        long last = lastPublishedNanos.get();
        // only the thread that wins the compare-and-set publishes this interval's report
        if (now - last >= intervalNanos && lastPublishedNanos.compareAndSet(last, now)) {
            publishPending();
        }
    }

    /** Delivers the latest report that the throttle held back, if any. */
    public void flush() {
        publishPending();
    }

    private void publishPending() {
        Progress p = pending.getAndSet(null);
        if (p != null) {
            downstream.accept(p);
        }
    }
}
