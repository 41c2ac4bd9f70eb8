package org.e2v.common;

/**
 * One immutable progress report of a long-running service call.
 *
 * @param stage   short name of what is running ("extract", "embed", "load corpus")
 * @param done    units finished so far
 * @param total   total units, or -1 when unknown
 * @param message human-readable detail (may be empty, never null)
 */
public record Progress(String stage, long done, long total, String message) {
    public Progress {
        message = message == null ? "" : message;
    }

    /** Fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }
}
