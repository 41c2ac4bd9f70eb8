package org.e2v.ui.concurrent;

import java.util.Objects;

/**
 * Runs an action once after a burst of triggers has gone quiet for {@code delayMillis}
 * (autosave on every change without writing on every keystroke). Thread-safe; the action runs on
 * the scheduler's thread, never on the caller's.
 */
public final class Debouncer {
    private final Scheduler scheduler;
    private final long delayMillis;
    private final Runnable action;
    private Scheduled pending;
    private long generation;

    public Debouncer(Scheduler scheduler, long delayMillis, Runnable action) {
        this.scheduler = Objects.requireNonNull(scheduler);
        this.delayMillis = delayMillis;
        this.action = Objects.requireNonNull(action);
    }

    /** (Re)starts the quiet period; the action runs when it ends without another trigger. */
    public synchronized void trigger() {
        if (pending != null) {
            pending.cancel();
        }
        long g = ++generation;
        pending = scheduler.schedule(() -> fire(g), delayMillis);
    }

    /** Whether a run is scheduled and has not happened yet. */
    public synchronized boolean isPending() {
        return pending != null;
    }

    /** Cancels a scheduled run; returns whether one was pending. */
    public synchronized boolean cancelPending() {
        if (pending == null) {
            return false;
        }
        pending.cancel();
        pending = null;
        generation++;
        return true;
    }

    private void fire(long g) {
        synchronized (this) {
            if (g != generation) {
                return; // superseded by a later trigger whose cancel came too late for this run
            }
            pending = null;
        }
        action.run();
    }

    /** Delayed execution (a ScheduledExecutorService in the app, a manual clock in tests). */
    @FunctionalInterface
    public interface Scheduler {
        Scheduled schedule(Runnable task, long delayMillis);
    }

    /** A scheduled run that can be cancelled. */
    @FunctionalInterface
    public interface Scheduled {
        void cancel();
    }
}
