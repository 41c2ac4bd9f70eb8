package org.e2v.ui.concurrent;

import java.util.function.Consumer;
import org.e2v.common.CancellationToken;
import org.e2v.common.CancelledException;
import org.e2v.common.ProgressSink;

/** {@link BackgroundRunner#inline}: runs calls synchronously on the caller's thread. */
final class InlineRunner implements BackgroundRunner {
    private final ErrorPresenter errors;

    InlineRunner(ErrorPresenter errors) {
        this.errors = errors;
    }

    @Override
    public <T> TaskHandle run(String title, ServiceCall<T> call, Consumer<? super T> onSuccess,
                              Consumer<? super Throwable> onFailure) {
        CancellationToken token = new CancellationToken();
        try {
            T result = call.call(ProgressSink.NONE, token);
            onSuccess.accept(result);
        } catch (CancelledException e) {
            // cancelled jobs report nothing, as in the FX runner
        } catch (Exception e) {
            if (onFailure != null) {
                onFailure.accept(e);
            } else {
                errors.show(title, e);
            }
        }
        return new TaskHandle() {
            @Override
            public boolean cancel() {
                return false;
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }
}
