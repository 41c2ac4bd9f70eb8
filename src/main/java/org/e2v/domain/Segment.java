package org.e2v.domain;

/** A time range inside a longer recording (Audacity labels, MELD start/end times), in seconds. */
public record Segment(double startSeconds, double endSeconds) {
    public Segment {
        if (!(startSeconds >= 0) || !(endSeconds > startSeconds)) {
            throw new IllegalArgumentException("invalid segment [" + startSeconds + ", " + endSeconds + "] s");
        }
    }

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
