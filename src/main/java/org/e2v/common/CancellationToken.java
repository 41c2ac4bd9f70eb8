package org.e2v.common;

/**
 * Cooperative cancellation: the caller calls {@link #cancel()}, the service checks
 * {@link #throwIfCancelled()} between steps (never in the middle of a write).
 */
public final class CancellationToken {
    /** A token that is never cancelled. */
    public static final CancellationToken NONE = new CancellationToken();

    private volatile boolean cancelled;

    public void cancel() {
        if (this == NONE) {
            throw new IllegalStateException("CancellationToken.NONE cannot be cancelled");
        }
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
