package org.e2v.ui.concurrent;

import org.e2v.common.CancellationToken;
import org.e2v.common.ProgressSink;

/**
 * A synchronous service call as the GUI runs it in the background: it reports through
 * {@code progress} and checks {@code cancel} between steps, like every e2v service.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ServiceCall<T> {
    T call(ProgressSink progress, CancellationToken cancel) throws Exception;
}
