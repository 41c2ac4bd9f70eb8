package org.e2v.ui.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import org.e2v.common.CancelledException;
import org.e2v.common.InputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The FX runner with the (headless) toolkit: cancellation, throttled progress, error routing. */
class UiTaskExecutorTest {
    private final List<Throwable> presented = new CopyOnWriteArrayList<>();
    private final UiTaskExecutor executor = new UiTaskExecutor(2, (context, error) -> presented.add(error));

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        executor.close();
    }

    private <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    @Test
    void cancelReachesTheServiceTokenAndSkipsTheResult() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        AtomicBoolean succeeded = new AtomicBoolean();
        CountDownLatch serviceEnded = new CountDownLatch(1);
        TaskHandle handle = onFx(() -> executor.run("loop", (progress, cancel) -> {
            started.countDown();
            try {
                while (true) {
                    cancel.throwIfCancelled();
                    Thread.sleep(5);
                }
            } catch (CancelledException e) {
                sawCancel.set(true);
                throw e;
            } finally {
                serviceEnded.countDown();
            }
        }, r -> succeeded.set(true)));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(onFx(() -> executor.running().size())).isEqualTo(1);
        onFx(handle::cancel);
        assertThat(serviceEnded.await(5, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sawCancel).isTrue();
        assertThat(succeeded).isFalse();
        assertThat(presented).isEmpty();
        assertThat(onFx(() -> ((ServiceTask<?>) handle).getState())).isEqualTo(Worker.State.CANCELLED);
        assertThat(onFx(() -> executor.running().size())).isZero();
    }

    @Test
    void progressIsThrottledAndTheLastReportArrives() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        AtomicReference<ServiceTask<?>> task = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        onFx(() -> {
            TaskHandle h = executor.run("embed", (progress, cancel) -> {
                long end = System.nanoTime() + 300_000_000L;
                int i = 0;
                while (System.nanoTime() < end) {
                    progress.report("embed", ++i, -1);
                }
                progress.report("embed", 1000, 1000);
                return i;
            }, r -> done.countDown());
            task.set((ServiceTask<?>) h);
            task.get().messageProperty().addListener((o, a, m) -> messages.add(m));
            return h;
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        // about 300 ms at 10 updates/s: a handful of updates for hundreds of thousands of reports
        assertThat(messages.size()).isBetween(2, 8);
        assertThat(onFx(() -> task.get().getMessage())).isEqualTo("embed 1000/1000");
        assertThat(onFx(() -> task.get().getProgress())).isEqualTo(1.0);
    }

    @Test
    void failuresGoToTheHandlerOrTheStandardDialogButCancellationDoesNot() throws Exception {
        InputException userError = new InputException(Path.of("x.csv"), "is empty");
        AtomicReference<Throwable> handled = new AtomicReference<>();
        CountDownLatch latch = new CountDownLatch(1);
        onFx(() -> executor.run("a", (p, c) -> {
            throw userError;
        }, r -> { }, e -> {
            handled.set(e);
            latch.countDown();
        }));
        onFx(() -> executor.run("b", (p, c) -> {
            throw new IllegalStateException("bug");
        }, r -> { }));
        onFx(() -> executor.run("c", (p, c) -> {
            throw new CancelledException();
        }, r -> { }));
        assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !presented.isEmpty());
        Thread.sleep(100);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(handled.get()).isSameAs(userError);
        assertThat(presented).hasSize(1);
        assertThat(presented.get(0)).hasMessage("bug");
        assertThat(Platform.isFxApplicationThread()).isFalse();
    }
}
