package org.e2v.ui.concurrent;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import org.e2v.common.CancelledException;

/**
 * The GUI's {@link BackgroundRunner}: each call becomes a {@link ServiceTask} on a small pool of
 * daemon threads. Running tasks are listed in {@link #running()} (FX thread only) for the status
 * bar. Results and errors arrive on the FX thread.
 */
public final class UiTaskExecutor implements BackgroundRunner, AutoCloseable {
    private final ExecutorService pool;
    private final ErrorPresenter errors;
    private final ObservableList<ServiceTask<?>> running = FXCollections.observableArrayList();

    /**
     * @param threads how many jobs run at once (3: a long job such as training, plus a preview
     *                and a quick lookup, without competing for 2-core machines' CPUs)
     * @param errors  shows failures that have no handler of their own
     */
    public UiTaskExecutor(int threads, ErrorPresenter errors) {
        this.errors = Objects.requireNonNull(errors);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "e2v-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    /** Tasks queued or running, oldest first. Read and observed on the FX thread. */
    public ObservableList<ServiceTask<?>> running() {
        return running;
    }

    @Override
    public <T> TaskHandle run(String title, ServiceCall<T> call, Consumer<? super T> onSuccess,
                              Consumer<? super Throwable> onFailure) {
        ServiceTask<T> task = new ServiceTask<>(title, call);
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            if (error instanceof CancelledException) {
                return; // the service stopped on a cancelled token: nothing to report
            }
            if (onFailure != null) {
                onFailure.accept(error);
            } else {
                errors.show(title, error);
            }
        });
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                running.remove(task);
            }
        });
        if (Platform.isFxApplicationThread()) {
            running.add(task);
        } else {
            Platform.runLater(() -> {
                if (!task.isDone()) {
                    running.add(task);
                }
            });
        }
        pool.execute(task);
        return task;
    }

    /** Cancels every task and stops the threads (they are daemons, so exit never waits on them). */
    @Override
    public void close() {
        for (ServiceTask<?> t : running.toArray(new ServiceTask<?>[0])) {
            t.cancel();
        }
        pool.shutdownNow();
    }
}
