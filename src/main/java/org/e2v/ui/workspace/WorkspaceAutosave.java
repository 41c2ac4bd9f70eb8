package org.e2v.ui.workspace;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.e2v.experiment.workspace.SessionJournal;
import org.e2v.experiment.workspace.Workspace;
import org.e2v.ui.concurrent.Debouncer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the workspace to the autosave journal shortly after every change (debounced) and
 * periodically, always from the autosave thread, never the FX thread. Only a workspace that
 * differs from the last one written is saved. No JavaFX types: testable without the toolkit.
 */
public final class WorkspaceAutosave implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceAutosave.class);
    /** Quiet time after a change before it is written. */
    public static final long DEBOUNCE_MILLIS = 1_000;
    /** Safety-net interval (catches anything a failed debounced write left unsaved). */
    public static final long PERIOD_MILLIS = 30_000;

    private final SessionJournal journal;
    private final Consumer<Throwable> onError;
    private final AtomicReference<Workspace> latest = new AtomicReference<>();
    private final AtomicReference<Workspace> lastWritten = new AtomicReference<>();
    private final Debouncer debouncer;
    private final ScheduledExecutorService thread;

    /**
     * @param journal   where autosaves go
     * @param scheduler runs debounced saves (the autosave thread in the app, manual in tests)
     * @param onError   told about a failed write (any thread); the next change retries
     */
    public WorkspaceAutosave(SessionJournal journal, Debouncer.Scheduler scheduler, Consumer<Throwable> onError) {
        this(journal, scheduler, onError, null);
    }

    private WorkspaceAutosave(SessionJournal journal, Debouncer.Scheduler scheduler, Consumer<Throwable> onError,
                              ScheduledExecutorService thread) {
        this.journal = Objects.requireNonNull(journal);
        this.onError = Objects.requireNonNull(onError);
        this.debouncer = new Debouncer(scheduler, DEBOUNCE_MILLIS, this::saveIfChanged);
        this.thread = thread;
    }

    /** An autosave running on its own daemon thread, with the periodic safety-net save. */
    public static WorkspaceAutosave start(SessionJournal journal, Consumer<Throwable> onError) {
        ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "e2v-autosave");
            t.setDaemon(true);
            return t;
        });
        Debouncer.Scheduler scheduler = (task, delayMillis) -> {
            ScheduledFuture<?> f = ses.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
        WorkspaceAutosave autosave = new WorkspaceAutosave(journal, scheduler, onError, ses);
        ses.scheduleWithFixedDelay(autosave::saveIfChanged, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return autosave;
    }

    /** Records the newest workspace (any thread) and schedules its save. */
    public void changed(Workspace workspace) {
        latest.set(Objects.requireNonNull(workspace));
        debouncer.trigger();
    }

    /** Writes the newest workspace now if it differs from the last written one. */
    public void saveIfChanged() {
        RuntimeException failure = writeIfChanged();
        if (failure != null) {
            onError.accept(failure);
        }
    }

    /** The write itself: null when written or nothing was pending, else why it failed. */
    private RuntimeException writeIfChanged() {
        Workspace w = latest.get();
        if (w == null || w.equals(lastWritten.get())) {
            return null;
        }
        try {
            journal.autosave(w);
            lastWritten.set(w);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * Clean shutdown: writes pending changes, marks the session closed (so the next start offers
     * no restore) and stops the thread. Waits at most {@code timeoutMillis} for the write.
     */
    public void closeCleanly(long timeoutMillis) {
        debouncer.cancelPending();
        Runnable finish = () -> {
            saveIfChanged();
            try {
                journal.markClosed(System.currentTimeMillis());
            } catch (RuntimeException e) {
                onError.accept(e);
            }
        };
        if (thread == null) {
            finish.run();
            return;
        }
        try {
            thread.submit(finish).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            onError.accept(e);
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * Writes a pending change now, without marking the session closed: for a process being stopped
     * from outside (SIGTERM, Ctrl+C, logging out), whose last second of changes would otherwise still
     * wait for the quiet period. The next start offers the restore as after a crash. Runs on the
     * autosave thread (one writer) and waits at most {@code timeoutMillis}. A failure is returned,
     * not passed to the error handler: the window that would show it may be gone.
     *
     * @return null when everything was written (or nothing was pending), else what went wrong
     */
    public String flush(long timeoutMillis) {
        debouncer.cancelPending();
        if (thread != null && thread.isShutdown()) {
            return null; // closed already: a clean close wrote everything
        }
        try {
            RuntimeException failure = thread == null ? writeIfChanged()
                    : thread.submit(this::writeIfChanged).get(timeoutMillis, TimeUnit.MILLISECONDS);
            return failure == null ? null : String.valueOf(failure.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (TimeoutException e) {
            return "the write took longer than " + timeoutMillis + " ms";
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return String.valueOf(cause.getMessage());
        }
    }

    /**
     * Registers a JVM shutdown hook that {@linkplain #flush flushes} this autosave when the process
     * is stopped from outside; a clean exit removes it with {@link #removeExitFlush(Thread)} first.
     * A failed last write goes to the log (standard error; no window is left to show it).
     */
    public Thread flushOnExit(long timeoutMillis) {
        Thread hook = new Thread(() -> {
            String problem = flush(timeoutMillis);
            if (problem != null) {
                LOG.warn("The last workspace changes could not be autosaved on exit: {}", problem);
            }
        }, "e2v-autosave-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Removes a hook from {@link #flushOnExit(long)}; nothing happens once the JVM is shutting down. */
    public static void removeExitFlush(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) and finds nothing pending after a clean close
        }
    }

    /** Stops without marking the session closed (the autosave stays restorable). */
    @Override
    public void close() {
        debouncer.cancelPending();
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
