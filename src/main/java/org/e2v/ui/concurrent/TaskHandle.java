package org.e2v.ui.concurrent;

/** A background job started by a {@link BackgroundRunner}. */
public interface TaskHandle {
    /**
     * Asks the job to stop (cooperatively: the service sees its token cancelled).
     *
     * @return false when the job had already finished
     */
    boolean cancel();

    /** Whether the job has finished, failed or been cancelled. */
    boolean isDone();
}
