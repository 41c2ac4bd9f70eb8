package org.e2v.common;

/** Thrown by a service that stopped because its {@link CancellationToken} was cancelled. */
public final class CancelledException extends E2vException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}
