package org.e2v.ui.concurrent;

import java.util.function.Consumer;

/**
 * Runs service calls away from the FX thread and hands results back to it. ViewModels depend on
 * this interface, so their tests can run calls inline without the FX toolkit
 * ({@link #inline(ErrorPresenter)}).
 */
public interface BackgroundRunner {
    /**
     * Starts {@code call} in the background.
     *
     * @param title     what the status bar shows while it runs ("Loading corpus")
     * @param call      the service call; it reports progress and checks cancellation
     * @param onSuccess receives the result on the FX thread
     * @param onFailure receives the error on the FX thread; null shows the standard error dialog.
     *                  Not called when the job was cancelled.
     */
    <T> TaskHandle run(String title, ServiceCall<T> call, Consumer<? super T> onSuccess,
                       Consumer<? super Throwable> onFailure);

    /** {@link #run(String, ServiceCall, Consumer, Consumer)} with the standard error dialog. */
    default <T> TaskHandle run(String title, ServiceCall<T> call, Consumer<? super T> onSuccess) {
        return run(title, call, onSuccess, null);
    }

    /**
     * A runner that runs each call at once on the calling thread (for ViewModel tests and
     * command-line tools): callbacks run before {@code run} returns.
     */
    static BackgroundRunner inline(ErrorPresenter errors) {
        return new InlineRunner(errors);
    }
}
