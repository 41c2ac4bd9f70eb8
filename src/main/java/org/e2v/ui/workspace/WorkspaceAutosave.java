package org.e2v.ui.workspace;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.e2v.experiment.workspace.SessionJournal;
import org.e2v.experiment.workspace.Workspace;
import org.e2v.ui.concurrent.Debouncer;

/**
 * Saves the workspace to the autosave journal shortly after every change (debounced) and
 * periodically, always from the autosave thread, never the FX thread. Only a workspace that
 * differs from the last one written is saved. No JavaFX types: testable without the toolkit.
 */
public final class WorkspaceAutosave implements AutoCloseable {
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
        Workspace w = latest.get();
        if (w == null || w.equals(lastWritten.get())) {
            return;
        }
        try {
            journal.autosave(w);
            lastWritten.set(w);
        } catch (RuntimeException e) {
            onError.accept(e);
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

    /** Stops without marking the session closed (the autosave stays restorable). */
    @Override
    public void close() {
        debouncer.cancelPending();
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
