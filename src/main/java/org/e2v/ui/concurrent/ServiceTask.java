package org.e2v.ui.concurrent;

import javafx.concurrent.Task;
import org.e2v.common.CancellationToken;
import org.e2v.common.Progress;

/**
 * A {@link ServiceCall} as a JavaFX {@link Task}: the service's progress reaches the task's
 * message and progress properties at most ~10 times per second ({@link ThrottledProgress}), and
 * {@link #cancel()} cancels the service's {@link CancellationToken}.
 *
 * <p>Cancelling never interrupts the thread: an interrupt during file I/O closes the channel
 * (ClosedByInterruptException) and could abort an atomic save half-way; e2v services check their
 * token between steps instead.
 */
public final class ServiceTask<T> extends Task<T> implements TaskHandle {
    private final ServiceCall<T> call;
    private final CancellationToken token = new CancellationToken();

    public ServiceTask(String title, ServiceCall<T> call) {
        this.call = call;
        updateTitle(title);
        updateMessage("Waiting…");
    }

    /** The token the service checks; cancelled by {@link #cancel()}. */
    public CancellationToken token() {
        return token;
    }

    @Override
    protected T call() throws Exception {
        updateMessage("");
        ThrottledProgress progress = ThrottledProgress.of(this::show);
        try {
            return call.call(progress, token);
        } finally {
            progress.flush();
        }
    }

    private void show(Progress p) {
        updateMessage(describe(p));
        if (p.fraction() < 0) {
            updateProgress(-1, 1);
        } else {
            updateProgress(p.done(), p.total());
        }
    }

    /** Status-bar text of a progress report: "embed 120/480 – Ses01F_impro01". */
    static String describe(Progress p) {
        StringBuilder sb = new StringBuilder(p.stage());
        if (p.total() > 0) {
            sb.append(' ').append(p.done()).append('/').append(p.total());
        } else if (p.done() > 0) {
            sb.append(' ').append(p.done());
        }
        if (!p.message().isEmpty()) {
            sb.append(" – ").append(p.message());
        }
        return sb.toString();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        token.cancel();
        return super.cancel(false);
    }
}
