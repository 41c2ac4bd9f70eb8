package org.e2v.common;

/**
 * Receives progress from a synchronous service call. Called on the service's thread: a GUI sink
 * hands the record to the FX thread itself (throttled), a CLI sink draws a progress bar.
 */
@FunctionalInterface
public interface ProgressSink {
    /** A sink that ignores everything. */
    ProgressSink NONE = p -> { };

    void report(Progress progress);

    default void report(String stage, long done, long total) {
        report(new Progress(stage, done, total, ""));
    }
}
