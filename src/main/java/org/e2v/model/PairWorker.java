package org.e2v.model;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a loop over independent rows between the calling thread and one helper thread
 * (decision 0134). {@link GruBptt}'s gate math runs between two BLAS products at every time step;
 * while it runs in Java, the BLAS and OpenMP workers sleep, so a second core sits idle unless the
 * rows are shared out. Work is handed over about 150 times per training step, so the helper is one
 * kept thread woken with {@code unpark}, not a pool task. It parks while idle and ends itself after
 * {@link #IDLE_EXIT_NANOS} without work (a model that is never closed leaves no thread behind).
 * One caller thread at a time.
 */
final class PairWorker implements AutoCloseable {
    /** The loop body over rows {@code [from, to)}; rows must be independent of each other. */
    interface Rows {
        void run(int from, int to);
    }

    static final long IDLE_EXIT_NANOS = 2_000_000_000L;
    private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1;

    private final AtomicInteger posted = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private Thread helper;
    private volatile Rows task;
    private volatile int helperFrom;
    private volatile int helperTo;
    private volatile Throwable helperFailure;
    private volatile boolean closed;
    private final long idleExitNanos;

    PairWorker() {
        this(IDLE_EXIT_NANOS);
    }

    /** @param idleExitNanos how long the helper waits for work before it ends */
    PairWorker(long idleExitNanos) {
        this.idleExitNanos = idleExitNanos;
    }

    /** Runs {@code rows} over {@code [0, n)}: the caller takes the first half, the helper the rest. */
    void run(int n, Rows rows) {
        if (n < 2 || !MULTI_CORE || closed) {
            rows.run(0, n);
            return;
        }
        int split = n / 2;
        int ticket;
        Thread wake;
        synchronized (this) {
            if (helper == null) {
                helper = new Thread(loop(posted.get()), "e2v-rows-helper");
                helper.setDaemon(true);
                helper.start();
            }
            task = rows;
            helperFrom = split;
            helperTo = n;
            helperFailure = null;
            ticket = posted.incrementAndGet();
            wake = helper;
        }
        LockSupport.unpark(wake);
        Throwable mine = null;
        try {
            rows.run(0, split);
        } catch (RuntimeException | Error e) {
            mine = e;
        }
        for (int spins = 0; finished.get() != ticket; spins++) {
            if (spins < 20_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        if (mine instanceof RuntimeException e) {
            throw e;
        } else if (mine instanceof Error e) {
            throw e;
        }
        Throwable theirs = helperFailure;
        if (theirs instanceof RuntimeException e) {
            throw e;
        } else if (theirs instanceof Error e) {
            throw e;
        }
    }

    private Runnable loop(int alreadySeen) {
        return () -> {
            int seen = alreadySeen;
            long idleSince = System.nanoTime();
            while (true) {
                int p = posted.get();
                if (p != seen) {
                    seen = p;
                    try {
                        task.run(helperFrom, helperTo);
                    } catch (RuntimeException | Error e) {
                        helperFailure = e;
                    }
                    finished.set(p);
                    idleSince = System.nanoTime();
                    continue;
                }
                if (closed || System.nanoTime() - idleSince > idleExitNanos) {
                    synchronized (this) {
                        if (posted.get() == seen) {
                            helper = null;
                            return;
                        }
                    }
                    continue;
                }
                LockSupport.parkNanos(this, idleExitNanos);
            }
        };
    }

    /** Whether a helper thread is alive now (tests). */
    synchronized boolean helperRunning() {
        return helper != null;
    }

    @Override
    public void close() {
        closed = true;
        Thread h;
        synchronized (this) {
            h = helper;
        }
        if (h != null) {
            LockSupport.unpark(h);
        }
    }
}
